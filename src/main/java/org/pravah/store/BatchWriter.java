package org.pravah.store;

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
 * Many article writes of one source in one transaction, for {@code pravah import}: a commit (and on the embedded
 * store a sync to disk) per batch instead of per article, and one notification to the other processes per batch,
 * since each makes them reload the source. Every article gets what {@link ArticleStore#put} with
 * {@link Precondition#NONE} would give it: revision 1 when new, the next one otherwise, its creation time kept while
 * it is live, and a tombstone brought back to life.
 *
 * <p>On the embedded store a writer for a long run of batches ({@link ArticleStore#batchWriter}) writes on a
 * connection of its own and leaves copying the write-ahead log into the database file (SQLite's checkpoint) to a
 * thread with another connection. Otherwise the commit that fills the log does it: about half of a batch's time,
 * spent waiting for the disk while the files behind it could be read. Durability is the same: each commit syncs the
 * log. Not thread-safe: one thread writes.
 */
public final class BatchWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int MAX_ATTEMPTS = 5;
    /** Ids per SELECT: well below the bind-parameter limits of both databases, few round trips per batch. */
    private static final int IN_LIST = 500;

    private final ArticleStore store;
    private final StoreDialect dialect;
    /** The embedded store's own writing connection; null: a pooled connection per batch. */
    private final Connection own;
    private final Checkpoints checkpoints;

    private BatchWriter(ArticleStore store, Connection own, Checkpoints checkpoints) {
        this.store = store;
        this.dialect = store.dialect();
        this.own = own;
        this.checkpoints = checkpoints;
    }

    /** For one batch: pooled connections, the log copied by whichever commit fills it (as for any write). */
    static BatchWriter single(ArticleStore store) {
        return new BatchWriter(store, null, null);
    }

    /** For a run of batches: on the embedded store, its own connection and the log copied in the background. */
    static BatchWriter forRun(ArticleStore store) throws StoreException {
        if (store.config().embeddedFile().isEmpty()) {
            return single(store);
        }
        Connection writer = null;
        try {
            writer = store.dedicatedWriteConnection();
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0");
            }
            return new BatchWriter(store, writer, new Checkpoints(store.dedicatedWriteConnection()));
        } catch (SQLException e) {
            closeQuietly(writer);
            throw store.failure("open a connection for batch writes", e);
        }
    }

    /**
     * Writes the articles {@code decide} gives documents for, in one transaction.
     *
     * @param ids each once
     * @return the articles written, in the order of {@code ids}; the others are as they were
     */
    public List<StoreWrite.Written> putAll(String sourceName, List<String> ids, ArticleStore.Decision decide)
            throws StoreException {
        for (int attempt = 1; ; attempt++) {
            Connection c = null;
            try {
                c = own != null ? own : store.connection();
                c.setAutoCommit(false);
                try {
                    List<StoreWrite.Written> written = writeOnce(c, sourceName, ids, decide);
                    if (written.isEmpty()) {
                        c.rollback();
                    } else {
                        store.notifyOthers(c, "import:" + sourceName + " " + written.size());
                        c.commit();
                        if (checkpoints != null) {
                            checkpoints.due();
                        }
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
                }
            } catch (SQLException e) {
                throw store.failure("write a batch of " + ids.size() + " articles to " + sourceName, e);
            } finally {
                if (own == null) {
                    closeQuietly(c);
                } else {
                    release(own);
                }
            }
        }
    }

    private List<StoreWrite.Written> writeOnce(Connection c, String sourceName, List<String> ids,
                                               ArticleStore.Decision decide) throws SQLException {
        Map<String, StoredArticle> current = rows(c, sourceName, ids);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Object nowValue = dialect.instantValue(now);
        List<StoreWrite.Written> written = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                + " revision, deleted, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE store_article SET revision = ?, deleted = ?,"
                     + " document = ?, created_at = ?, updated_at = ? WHERE source_name = ? AND article_id = ?")) {
            boolean inserts = false;
            boolean updates = false;
            for (String id : ids) {
                StoredArticle before = current.get(id);
                Optional<String> document = decide.document(id, Optional.ofNullable(before));
                if (document.isEmpty()) {
                    continue;
                }
                if (before == null) {
                    insert.setString(1, sourceName);
                    insert.setString(2, id);
                    insert.setLong(3, 1);
                    insert.setBoolean(4, false);
                    insert.setString(5, document.get());
                    insert.setObject(6, nowValue);
                    insert.setObject(7, nowValue);
                    insert.addBatch();
                    inserts = true;
                    written.add(new StoreWrite.Written(
                            new StoredArticle(sourceName, id, 1, false, document.get(), now, now), true));
                } else {
                    boolean live = !before.deleted();
                    StoredArticle after = new StoredArticle(sourceName, id, before.revision() + 1, false,
                            document.get(), live ? before.created() : now, now);
                    update.setLong(1, after.revision());
                    update.setBoolean(2, false);
                    update.setString(3, after.document());
                    dialect.setInstant(update, 4, after.created());
                    update.setObject(5, nowValue);
                    update.setString(6, sourceName);
                    update.setString(7, id);
                    update.addBatch();
                    updates = true;
                    written.add(new StoreWrite.Written(after, !live));
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
    private Map<String, StoredArticle> rows(Connection c, String sourceName, List<String> ids) throws SQLException {
        Map<String, StoredArticle> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement select = c.prepareStatement("SELECT source_name, article_id, revision, deleted,"
                    + " document, created_at, updated_at FROM store_article WHERE source_name = ?"
                    + " AND article_id IN (" + marks + ")" + dialect.lockingRead())) {
                select.setString(1, sourceName);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        StoredArticle row = ArticleStore.row(rs, dialect);
                        rows.put(row.id(), row);
                    }
                }
            }
        }
        return rows;
    }

    /** Copies what is left of the log into the database file, then closes the connections. */
    @Override
    public void close() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        closeQuietly(own);
    }

    /**
     * Ends the transaction the driver begins after every commit and rollback: between batches the write lock is
     * free for a server's own writes.
     */
    private static void release(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("store: ending a batch's transaction failed: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("store: closing a connection failed: {}", e.getMessage());
            }
        }
    }

    /**
     * The embedded store's checkpoints on a thread of their own, one after each commit that asked while none was
     * running. A passive checkpoint never blocks the writer: it copies what the log holds up to its start.
     */
    private static final class Checkpoints implements AutoCloseable {
        private final Connection connection;
        private final Thread thread;
        private boolean due;
        private boolean closing;

        Checkpoints(Connection connection) {
            this.connection = connection;
            this.thread = new Thread(this::run, "pravah-store-checkpoint");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void due() {
            due = true;
            notifyAll();
        }

        private void run() {
            while (true) {
                synchronized (this) {
                    while (!due && !closing) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    if (!due) {
                        return;
                    }
                    due = false;
                }
                try (Statement s = connection.createStatement();
                     ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    rs.next();
                } catch (SQLException e) {
                    // the next one tries again; the log is copied at the latest when the last connection closes
                    LOG.debug("store: checkpoint failed: {}", e.getMessage());
                }
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                // one last checkpoint for the last batches, then the thread ends
                due = true;
                closing = true;
                notifyAll();
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(connection);
        }
    }
}
