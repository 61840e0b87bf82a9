package org.pravah.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store that an earlier version kept in an H2 file ({@code pravah.mv.db}) into the SQLite file beside it,
 * once: every article, tombstone and source state with its revision and times, so API clients' ETags and feed dates
 * stay as they were. The H2 file is renamed {@code pravah.mv.db.imported} afterwards and kept, never deleted.
 *
 * <p>The copy is one transaction: a file H2 cannot read leaves the new store empty and untouched, the old file where
 * it was, and a message that says so; the next start tries again. Where both hold the same article (an import tried
 * again after writes), the higher revision wins.
 */
final class H2StoreImport {
    private static final Logger LOG = LoggerFactory.getLogger(H2StoreImport.class);
    static final String H2_SUFFIX = ".mv.db";

    private H2StoreImport() {
    }

    /** The H2 file an earlier version would have kept beside {@code sqliteFile}: {@code pravah.db → pravah.mv.db}. */
    static Path h2FileBeside(Path sqliteFile) {
        String name = sqliteFile.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return sqliteFile.resolveSibling(base + H2_SUFFIX);
    }

    static void importBeside(Path sqliteFile, ArticleStore store) throws StoreException {
        Path h2File = h2FileBeside(sqliteFile);
        if (!Files.isRegularFile(h2File)) {
            return;
        }
        String base = h2File.toAbsolutePath().toString();
        String url = "jdbc:h2:file:" + base.substring(0, base.length() - H2_SUFFIX.length())
                + ";ACCESS_MODE_DATA=r;DB_CLOSE_ON_EXIT=FALSE;IFEXISTS=TRUE";
        int articles;
        int states;
        try (Connection h2 = DriverManager.getConnection(url, "", "");
             Connection into = store.connection()) {
            into.setAutoCommit(false);
            try {
                articles = copyArticles(h2, into, store.dialect());
                states = copyStates(h2, into, store.dialect());
                into.commit();
            } catch (SQLException e) {
                into.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store: cannot import " + h2File + " (the H2 store of an earlier version): "
                    + firstLine(e.getMessage()) + ". Nothing was imported and the file is left as it is; move it"
                    + " aside to start with an empty store, or recover it with H2's Recover tool", e);
        }
        Path done = h2File.resolveSibling(h2File.getFileName() + ".imported");
        try {
            Files.move(h2File, done);
        } catch (IOException e) {
            // imported all the same; the next start imports again, and the higher revision wins, so nothing changes
            LOG.warn("store: imported {} but cannot rename it to {}: {}", h2File, done, e.getMessage());
        }
        LOG.info("store: imported {} articles and {} source states from {} (kept as {})", articles, states, h2File,
                done.getFileName());
    }

    private static int copyArticles(Connection h2, Connection into, StoreDialect dialect) throws SQLException {
        int count = 0;
        try (PreparedStatement read = h2.prepareStatement("SELECT source_name, article_id, revision, deleted,"
                + " document, created_at, updated_at FROM store_article");
             PreparedStatement write = into.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                     + " revision, deleted, document, created_at, updated_at, change_seq)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                     + " ON CONFLICT (source_name, article_id) DO UPDATE SET revision = excluded.revision,"
                     + " deleted = excluded.deleted, document = excluded.document, created_at = excluded.created_at,"
                     + " updated_at = excluded.updated_at, change_seq = excluded.change_seq"
                     + " WHERE excluded.revision > store_article.revision");
             ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                write.setString(1, rs.getString(1));
                write.setString(2, rs.getString(2));
                write.setLong(3, rs.getLong(3));
                write.setBoolean(4, rs.getBoolean(4));
                write.setString(5, rs.getString(5));
                dialect.setInstant(write, 6, rs.getObject(6, OffsetDateTime.class).toInstant());
                dialect.setInstant(write, 7, rs.getObject(7, OffsetDateTime.class).toInstant());
                // a number left unused when the row is older than the one kept only leaves a gap, which readers
                // do not mind
                write.setLong(8, ArticleStore.nextChanges(into, 1));
                write.executeUpdate();
                count++;
            }
        }
        return count;
    }

    private static int copyStates(Connection h2, Connection into, StoreDialect dialect) throws SQLException {
        int count = 0;
        try (ResultSet table = h2.getMetaData().getTables(null, null, "STORE_SOURCE_STATE", null)) {
            if (!table.next()) {
                return count; // a store from before source states were kept
            }
        }
        try (PreparedStatement read = h2.prepareStatement("SELECT source_name, revision, document, updated_at"
                + " FROM store_source_state");
             PreparedStatement write = into.prepareStatement("INSERT INTO store_source_state (source_name, revision,"
                     + " document, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (source_name) DO UPDATE SET"
                     + " revision = excluded.revision, document = excluded.document,"
                     + " updated_at = excluded.updated_at WHERE excluded.revision > store_source_state.revision");
             ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                write.setString(1, rs.getString(1));
                write.setLong(2, rs.getLong(2));
                write.setString(3, rs.getString(3));
                dialect.setInstant(write, 4, rs.getObject(4, OffsetDateTime.class).toInstant());
                write.executeUpdate();
                count++;
            }
        }
        return count;
    }

    /** H2 appends the statement and a stack of versions; the first line says what went wrong. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
