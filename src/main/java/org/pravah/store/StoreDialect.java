package org.pravah.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.pravah.config.StoreConfig;

/**
 * What differs between the two databases the store runs on; the schema and every other statement are the same.
 */
enum StoreDialect {
    /**
     * The embedded store. A write transaction begins {@code IMMEDIATE}, taking the database's one write lock at once,
     * so writers queue up behind each other (for up to the busy timeout) instead of locking rows. Times are ISO-8601
     * text: the driver has no time-zone-aware type, and the text sorts and reads back exactly.
     */
    SQLITE {
        @Override
        String lockingRead() {
            return "";
        }

        @Override
        void setInstant(PreparedStatement statement, int index, Instant time) throws SQLException {
            statement.setString(index, time.toString());
        }

        @Override
        Object instantValue(Instant time) {
            return time.toString();
        }

        @Override
        Instant instant(ResultSet rs, int index) throws SQLException {
            return Instant.parse(rs.getString(index));
        }

        /** The bytes bound as a BLOB and taken as the TEXT they are: the database's encoding is UTF-8. */
        @Override
        String utf8Text() {
            return "CAST(? AS TEXT)";
        }

        @Override
        void setUtf8Text(PreparedStatement statement, int index, byte[] utf8) throws SQLException {
            statement.setBytes(index, utf8);
        }

        /** A TEXT value's bytes as the database keeps them, UTF-8, not decoded into a String and encoded back. */
        @Override
        byte[] utf8Text(ResultSet rs, int index) throws SQLException {
            byte[] bytes = rs.getBytes(index);
            return bytes == null ? new byte[0] : bytes;
        }

        @Override
        boolean retryable(SQLException e) {
            // SQLITE_BUSY and SQLITE_LOCKED, with or without an extended code: the busy timeout ran out
            int primary = e.getErrorCode() & 0xff;
            return primary == 5 || primary == 6;
        }
    },
    /** Several processes share it: a writer locks the article's row, and times are {@code TIMESTAMPTZ}. */
    POSTGRES {
        /** Unique violation (a concurrent first insert), serialisation failure and deadlock. */
        private static final List<String> RETRYABLE = List.of("23505", "40001", "40P01");

        @Override
        String lockingRead() {
            return " FOR UPDATE";
        }

        @Override
        void setInstant(PreparedStatement statement, int index, Instant time) throws SQLException {
            statement.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }

        @Override
        Object instantValue(Instant time) {
            return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
        }

        @Override
        Instant instant(ResultSet rs, int index) throws SQLException {
            return rs.getObject(index, OffsetDateTime.class).toInstant();
        }

        @Override
        String utf8Text() {
            return "?";
        }

        @Override
        void setUtf8Text(PreparedStatement statement, int index, byte[] utf8) throws SQLException {
            statement.setString(index, new String(utf8, StandardCharsets.UTF_8));
        }

        @Override
        byte[] utf8Text(ResultSet rs, int index) throws SQLException {
            return rs.getString(index).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        boolean retryable(SQLException e) {
            return RETRYABLE.contains(e.getSQLState());
        }
    };

    static StoreDialect of(StoreConfig config) {
        return config.postgres() ? POSTGRES : SQLITE;
    }

    /** What a SELECT that is followed by a write of the same row ends with. */
    abstract String lockingRead();

    abstract void setInstant(PreparedStatement statement, int index, Instant time) throws SQLException;

    /** A time as {@link #setInstant} sets it, made once for {@code setObject} on many rows (a batch's one time). */
    abstract Object instantValue(Instant time);

    abstract Instant instant(ResultSet rs, int index) throws SQLException;

    /** The placeholder for a TEXT value given as UTF-8 bytes ({@link #setUtf8Text}). */
    abstract String utf8Text();

    abstract void setUtf8Text(PreparedStatement statement, int index, byte[] utf8) throws SQLException;

    /** A TEXT column as UTF-8 bytes. */
    abstract byte[] utf8Text(ResultSet rs, int index) throws SQLException;

    /** Whether a write that failed this way is simply tried again. */
    abstract boolean retryable(SQLException e);
}
