package org.pravah.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 */
final class BatchWrite {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWrite.class);
    private static final int MAX_ATTEMPTS = 5;
    /** Ids per SELECT: well below the bind-parameter limits of both databases, few round trips per batch. */
    private static final int IN_LIST = 500;

    private final ArticleStore store;
    private final StoreDialect dialect;

    BatchWrite(ArticleStore store) {
        this.store = store;
        this.dialect = store.dialect();
    }

    /**
     * Writes the articles {@code decide} gives documents for, in one transaction.
     *
     * @param ids each once
     * @return the articles written, in the order of {@code ids}; the others are as they were
     */
    List<StoreWrite.Written> putAll(String sourceName, List<String> ids, ArticleStore.Decision decide)
            throws StoreException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = store.connection()) {
                c.setAutoCommit(false);
                try {
                    List<StoreWrite.Written> written = writeOnce(c, sourceName, ids, decide);
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
                }
            } catch (SQLException e) {
                throw store.failure("write a batch of " + ids.size() + " articles to " + sourceName, e);
            }
        }
    }

    private List<StoreWrite.Written> writeOnce(Connection c, String sourceName, List<String> ids,
                                               ArticleStore.Decision decide) throws SQLException {
        Map<String, StoredArticle> current = rows(c, sourceName, ids);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<StoreWrite.Written> written = new ArrayList<>();
        for (String id : ids) {
            StoredArticle before = current.get(id);
            Optional<String> document = decide.document(id, Optional.ofNullable(before));
            if (document.isEmpty()) {
                continue;
            }
            if (before == null) {
                written.add(new StoreWrite.Written(
                        new StoredArticle(sourceName, id, 1, false, document.get(), now, now), true));
            } else {
                boolean live = !before.deleted();
                written.add(new StoreWrite.Written(new StoredArticle(sourceName, id, before.revision() + 1, false,
                        document.get(), live ? before.created() : now, now), !live));
            }
        }
        if (written.isEmpty()) {
            return written;
        }
        // the numbers are taken once every row is locked, so the counter is held only for the writes themselves
        long change = ArticleStore.nextChanges(c, written.size()) - written.size();
        Object nowValue = dialect.instantValue(now);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                + " revision, deleted, document, created_at, updated_at, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement update = c.prepareStatement("UPDATE store_article SET revision = ?, deleted = ?,"
                     + " document = ?, created_at = ?, updated_at = ?, change_seq = ?"
                     + " WHERE source_name = ? AND article_id = ?")) {
            boolean inserts = false;
            boolean updates = false;
            for (StoreWrite.Written w : written) {
                StoredArticle after = w.article();
                change++;
                if (!current.containsKey(after.id())) {
                    insert.setString(1, sourceName);
                    insert.setString(2, after.id());
                    insert.setLong(3, 1);
                    insert.setBoolean(4, false);
                    insert.setString(5, after.document());
                    insert.setObject(6, nowValue);
                    insert.setObject(7, nowValue);
                    insert.setLong(8, change);
                    insert.addBatch();
                    inserts = true;
                } else {
                    update.setLong(1, after.revision());
                    update.setBoolean(2, false);
                    update.setString(3, after.document());
                    dialect.setInstant(update, 4, after.created());
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
}
