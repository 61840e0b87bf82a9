package org.pravah.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many article writes of one source in one transaction each, for {@code pravah import}: a commit per batch instead
 * of per article, and one notification to the other processes per batch,
 * since each makes them reload the source. Every article gets what {@link ArticleStore#put} with
 * {@link Precondition#NONE} would give it: revision 1 when new, the next one otherwise, its creation time kept while
 * it is live, and a tombstone brought back to life.
 *
 * <p>One session holds one connection for all its batches. On the embedded store that connection commits with
 * {@code synchronous=NORMAL} and checkpoints the log less often ({@link #CHECKPOINT_PAGES}): SQLite in WAL mode stays
 * consistent after a power cut (the log is synced before each checkpoint, the database after it), but the last commits
 * may be lost; so nothing a session wrote counts as written until {@link #durable} returned. An import can be run
 * again, so losing its last batches to a power cut costs a rerun, never a broken store or a lost API write: the
 * server's connections keep {@code synchronous=FULL}, and its commit syncs the log with every import frame before it.
 * The connection leaves the pool when the session closes, so no API write ever commits on it.
 */
public final class BatchWrite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWrite.class);
    private static final int MAX_ATTEMPTS = 5;
    /** Ids per SELECT: well below the bind-parameter limits of both databases, few round trips per batch. */
    private static final int IN_LIST = 500;
    /**
     * The log's size in pages (4 KiB) at which a session's commit copies it into the database, instead of SQLite's
     * 1000: each such checkpoint syncs the log and the database, about three syncs per batch of 1000 articles at
     * 1000 pages. 40 MB of log is a few batches; the server's connections keep the default.
     */
    private static final int CHECKPOINT_PAGES = 10_000;

    private final ArticleStore store;
    private final StoreDialect dialect;
    private final String sourceName;
    private final Connection connection;
    /** Rows this session wrote, and the count at which PostgreSQL's statistics are gathered again. */
    private long rowsWritten;
    private long analyzeAt = 1_000;

    BatchWrite(ArticleStore store, String sourceName) throws StoreException {
        this.store = store;
        this.dialect = store.dialect();
        this.sourceName = sourceName;
        try {
            this.connection = store.connection();
        } catch (SQLException e) {
            throw store.failure("write to " + sourceName, e);
        }
        try (Statement session = connection.createStatement()) {
            if (dialect == StoreDialect.SQLITE) {
                session.execute("PRAGMA synchronous=NORMAL");
                session.execute("PRAGMA wal_autocheckpoint=" + CHECKPOINT_PAGES);
            } else {
                // PostgreSQL plans a statement used five times once for any parameters, with the statistics it has
                // then: at an import's start the table is empty, and that plan read the whole table for every batch
                // of ids after (1 800 articles/s at 100 000). Each batch is planned for what the table holds now,
                // with statistics kept up to date as it grows (analyzeIfGrown).
                session.execute("SET plan_cache_mode = force_custom_plan");
            }
        } catch (SQLException e) {
            close();
            throw store.failure("write to " + sourceName, e);
        }
    }

    /** What a session's batch does with one article, its document as UTF-8 bytes both ways. */
    @FunctionalInterface
    public interface Utf8Decision {
        /**
         * Called inside the batch's transaction, with the row locked; again if the transaction is tried again.
         *
         * @param stored the stored document, a tombstone's included; empty when the id was never written
         * @return the document to write, or empty to leave the article as it is
         */
        Optional<byte[]> document(String id, Optional<byte[]> stored);
    }

    /** What a batch wrote: {@code created}, articles that were not live before; {@code changed}, the others. */
    public record Wrote(int created, int changed) {
    }

    /**
     * Writes the articles {@code decide} gives documents for, in one transaction, as {@link #putAll} does. The
     * documents go to the store as the UTF-8 it keeps, so that this thread, the import's one writer, neither encodes
     * them (the threads that read the files made them so) nor decodes what it compares them with.
     *
     * @param ids each once
     */
    public Wrote putAllUtf8(List<String> ids, Utf8Decision decide) throws StoreException {
        int created = 0;
        List<Row> written = write(ids, (id, before) -> decide.document(id,
                Optional.ofNullable(before).map(Row::document)));
        for (Row row : written) {
            created += row.created() ? 1 : 0;
        }
        return new Wrote(created, written.size() - created);
    }

    /**
     * Writes the articles {@code decide} gives documents for, in one transaction.
     *
     * @param ids each once
     * @return the articles written, in the order of {@code ids}; the others are as they were
     */
    public List<StoreWrite.Written> putAll(List<String> ids, ArticleStore.Decision decide) throws StoreException {
        List<Row> written = write(ids, (id, before) -> decide.document(id, Optional.ofNullable(before)
                .map(this::stored)).map(document -> document.getBytes(StandardCharsets.UTF_8)));
        return written.stream().map(row -> new StoreWrite.Written(stored(row), row.created())).toList();
    }

    private StoredArticle stored(Row row) {
        return new StoredArticle(sourceName, row.id(), row.revision(), row.deleted(),
                new String(row.document(), StandardCharsets.UTF_8), row.createdAt(), row.updatedAt());
    }

    /**
     * A row as this class reads and writes it. {@code created}: written as a new live article (nothing or a tombstone
     * was there before); only for rows written.
     */
    private record Row(String id, long revision, boolean deleted, byte[] document, Instant createdAt,
                       Instant updatedAt, boolean created) {
    }

    /** What to write for one id, given its row (null: never written). */
    private interface RowDecision {
        Optional<byte[]> document(String id, Row before);
    }

    private List<Row> write(List<String> ids, RowDecision decide) throws StoreException {
        List<Row> written = writeBatch(ids, decide);
        if (dialect != StoreDialect.SQLITE) {
            analyzeIfGrown(written.size());
        }
        return written;
    }

    /**
     * Has PostgreSQL gather the table's statistics again each time this session has doubled what it wrote. Without
     * them (an import into an empty store: autovacuum had not come round after 200 000 rows) the planner took the
     * change index for a batch's ids, read every row of the source for each batch, and the import slowed as the
     * table grew; a doubling makes that ~20 ANALYZEs for a million articles, each reading a sample.
     */
    private void analyzeIfGrown(int rows) {
        rowsWritten += rows;
        if (rowsWritten < analyzeAt) {
            return;
        }
        analyzeAt = rowsWritten * 2;
        try (Statement analyze = connection.createStatement()) {
            analyze.execute("ANALYZE store_article");
        } catch (SQLException e) {
            // only a plan is at stake, never a row
            LOG.warn("store: could not update the statistics of store_article ({}); the import goes on",
                    e.getMessage());
        }
    }

    private List<Row> writeBatch(List<String> ids, RowDecision decide) throws StoreException {
        Connection c = connection;
        for (int attempt = 1; ; attempt++) {
            try {
                c.setAutoCommit(false);
                try {
                    List<Row> written = writeOnce(c, ids, decide);
                    if (written.isEmpty()) {
                        c.rollback();
                    } else {
                        store.notifyOthers(c, "import:" + sourceName + " " + written.size());
                        c.commit();
                    }
                    return written;
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt < MAX_ATTEMPTS && dialect.retryable(e)) {
                        LOG.debug("store: a batch of {} raced another write ({}); trying again", sourceName,
                                e.getSQLState());
                        continue;
                    }
                    throw e;
                } finally {
                    // SQLite's driver begins the next transaction at once after a commit or rollback; IMMEDIATE, that
                    // would hold the write lock while the next batch is read, and API writes would wait for it
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw store.failure("write a batch of " + ids.size() + " articles to " + sourceName, e);
            }
        }
    }

    /**
     * Makes every batch committed so far durable, as a commit with {@code synchronous=FULL} would have: the log and
     * the database file synced, and their folder. On PostgreSQL every commit already is.
     */
    public void durable() throws StoreException {
        Optional<Path> file = store.config().embeddedFile();
        if (file.isEmpty()) {
            return;
        }
        Path database = file.get().toAbsolutePath();
        // fsync writes a file's dirty pages whichever descriptor asks; SQLite's own are not reachable from here
        try {
            for (Path written : List.of(Path.of(database + "-wal"), database, database.getParent())) {
                if (Files.exists(written)) {
                    try (FileChannel channel = FileChannel.open(written, StandardOpenOption.READ)) {
                        channel.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("store: cannot sync " + database + " to disk: " + e.getMessage(), e);
        }
    }

    /** Gives the connection up; not durable by itself (see {@link #durable}). */
    @Override
    public void close() {
        store.discard(connection);
    }

    private List<Row> writeOnce(Connection c, List<String> ids, RowDecision decide) throws SQLException {
        Map<String, Row> current = rows(c, ids);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Row> written = new ArrayList<>();
        for (String id : ids) {
            Row before = current.get(id);
            Optional<byte[]> document = decide.document(id, before);
            if (document.isEmpty()) {
                continue;
            }
            if (before == null) {
                written.add(new Row(id, 1, false, document.get(), now, now, true));
            } else {
                boolean live = !before.deleted();
                written.add(new Row(id, before.revision() + 1, false, document.get(),
                        live ? before.createdAt() : now, now, !live));
            }
        }
        if (written.isEmpty()) {
            return written;
        }
        // the numbers are taken once every row is locked, so the counter is held only for the writes themselves
        long change = ArticleStore.nextChanges(c, written.size()) - written.size();
        Object nowValue = dialect.instantValue(now);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                + " revision, deleted, document, created_at, updated_at, change_seq) VALUES (?, ?, ?, ?, "
                + dialect.utf8Text() + ", ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE store_article SET revision = ?, deleted = ?,"
                     + " document = " + dialect.utf8Text() + ", created_at = ?, updated_at = ?, change_seq = ?"
                     + " WHERE source_name = ? AND article_id = ?")) {
            boolean inserts = false;
            boolean updates = false;
            for (Row after : written) {
                change++;
                if (!current.containsKey(after.id())) {
                    insert.setString(1, sourceName);
                    insert.setString(2, after.id());
                    insert.setLong(3, 1);
                    insert.setBoolean(4, false);
                    dialect.setUtf8Text(insert, 5, after.document());
                    insert.setObject(6, nowValue);
                    insert.setObject(7, nowValue);
                    insert.setLong(8, change);
                    insert.addBatch();
                    inserts = true;
                } else {
                    update.setLong(1, after.revision());
                    update.setBoolean(2, false);
                    dialect.setUtf8Text(update, 3, after.document());
                    dialect.setInstant(update, 4, after.createdAt());
                    update.setObject(5, nowValue);
                    update.setLong(6, change);
                    update.setString(7, sourceName);
                    update.setString(8, after.id());
                    update.addBatch();
                    updates = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
        }
        return written;
    }

    /** The rows of these ids, tombstones included, locked for the rest of the transaction where rows lock. */
    private Map<String, Row> rows(Connection c, List<String> ids) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = c.prepareStatement("SELECT article_id, revision, deleted, document,"
                    + " created_at, updated_at FROM store_article WHERE source_name = ?"
                    + " AND article_id IN (" + marks + ")" + dialect.lockingRead())) {
                select.setString(1, sourceName);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Row row = new Row(rs.getString(1), rs.getLong(2), rs.getBoolean(3), dialect.utf8Text(rs, 4),
                                dialect.instant(rs, 5), dialect.instant(rs, 6), false);
                        rows.put(row.id(), row);
                    }
                }
            }
        }
        return rows;
    }
}
