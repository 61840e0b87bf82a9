package org.pravah.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.pravah.config.StoreConfig;
import org.pravah.testing.TestSite;

/** The store contract on a real PostgreSQL, and what only a shared store does: notifications and the cluster lock. */
class PostgresArticleStoreTest extends ArticleStoreContract {
    @Override
    StoreConfig emptyStore() {
        return TestPostgres.freshStore(1);
    }

    @Test
    void one_process_holds_the_cluster_lock_and_another_takes_over_when_it_stops() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore one = open(config);
        ArticleStore two = open(config);
        ClusterLock first = one.clusterLock("upstream:agency");
        ClusterLock second = two.clusterLock("upstream:agency");
        try (ClusterLock other = two.clusterLock("upstream:other")) {
            assertTrue(first.held());
            assertTrue(first.held(), "asking again keeps it");
            assertFalse(second.held(), "a second process must not poll the same upstream");
            assertTrue(other.held(), "another name is another lock");
            first.close();
            TestSite.waitUntil(Duration.ofSeconds(15), "the second process takes the lock", second::held);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void a_write_by_another_process_is_heard() throws Exception {
        // no periodic check within the test's time: only the notification can tell
        StoreConfig config = TestPostgres.freshStore(3600);
        ArticleStore here = open(config);
        ArticleStore elsewhere = open(config);
        AtomicInteger heard = new AtomicInteger();
        try (StoreChanges changes = here.listen(heard::incrementAndGet)) {
            TestSite.waitUntil(Duration.ofSeconds(15), "the listener has connected", () -> heard.get() >= 1);
            int before = heard.get();
            elsewhere.put("cms", "door", doc("door", "दूसरे सर्वर से"), Precondition.NONE);
            TestSite.waitUntil(Duration.ofSeconds(15), "the notification arrives", () -> heard.get() > before);
        }
    }

    /** Each notification makes every other process reload the whole source: an import sends one per batch. */
    @Test
    void a_batch_write_sends_one_notification_for_all_its_articles() throws Exception {
        StoreConfig config = TestPostgres.freshStore(3600);
        ArticleStore store = open(config);
        try (Connection listener = DriverManager.getConnection(config.url(), "postgres", "");
             Statement listen = listener.createStatement()) {
            listen.execute("LISTEN " + ArticleStore.CHANNEL);
            List<String> ids = IntStream.rangeClosed(1, 30).mapToObj(i -> "khabar-" + i).toList();
            assertEquals(30, store.putAll("cms", ids, (id, current) -> Optional.of(doc(id, "थोक में " + id))).size());
            PGConnection pg = listener.unwrap(PGConnection.class);
            List<PGNotification> notes = new ArrayList<>();
            TestSite.waitUntil(Duration.ofSeconds(15), "the notification arrives", () -> {
                notes.addAll(notifications(pg, 100));
                return !notes.isEmpty();
            });
            // the notifications of one transaction are delivered together, at its commit
            notes.addAll(notifications(pg, 200));
            assertEquals(1, notes.size(), notes::toString);
        }
    }

    private static List<PGNotification> notifications(PGConnection pg, int waitMillis) {
        try {
            PGNotification[] arrived = pg.getNotifications(waitMillis);
            return arrived == null ? List.of() : List.of(arrived);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_source_state_written_by_another_process_is_heard() throws Exception {
        StoreConfig config = TestPostgres.freshStore(3600);
        ArticleStore here = open(config);
        ArticleStore elsewhere = open(config);
        AtomicInteger heard = new AtomicInteger();
        try (StoreChanges changes = here.listen(heard::incrementAndGet)) {
            TestSite.waitUntil(Duration.ofSeconds(15), "the listener has connected", () -> heard.get() >= 1);
            int before = heard.get();
            elsewhere.putSourceState("agency", "{\"items\":[]}");
            TestSite.waitUntil(Duration.ofSeconds(15), "the notification arrives", () -> heard.get() > before);
        }
    }

    @Test
    void a_change_without_a_notification_is_found_by_the_periodic_check() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore store = open(config);
        store.put("cms", "chupke", doc("chupke", "पहला रूप"), Precondition.NONE);
        AtomicInteger heard = new AtomicInteger();
        try (StoreChanges changes = store.listen(heard::incrementAndGet)) {
            TestSite.waitUntil(Duration.ofSeconds(15), "the listener has connected", () -> heard.get() >= 1);
            int before = heard.get();
            // a write that sends no NOTIFY, as if the notification had been lost
            try (Connection c = DriverManager.getConnection(config.url(), "postgres", "")) {
                c.setAutoCommit(false);
                long change = ArticleStore.nextChanges(c, 1);
                try (PreparedStatement update = c.prepareStatement("UPDATE store_article SET revision = revision + 1,"
                        + " change_seq = ? WHERE article_id = 'chupke'")) {
                    update.setLong(1, change);
                    assertEquals(1, update.executeUpdate());
                }
                c.commit();
            }
            TestSite.waitUntil(Duration.ofSeconds(15), "the periodic check notices", () -> heard.get() > before);
        }
    }

    /**
     * Two processes write at once, and the one that took its change number first commits last: the later number
     * must not become visible before it, or a reader that remembers the highest number it saw would step over the
     * lower one for good.
     */
    @Test
    void a_change_number_becomes_visible_only_after_every_lower_one_has_committed() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore reader = open(config);
        ArticleStore fast = open(config);
        reader.put("cms", "pehle", doc("pehle", "पहले की ख़बर"), Precondition.NONE);
        long seen = changes(reader, "cms", 0).last();
        java.util.concurrent.CompletableFuture<StoreWrite> later;
        try (Connection slow = DriverManager.getConnection(config.url(), "postgres", "")) {
            slow.setAutoCommit(false);
            long early = ArticleStore.nextChanges(slow, 1);
            try (PreparedStatement insert = slow.prepareStatement("INSERT INTO store_article (source_name,"
                    + " article_id, revision, deleted, document, created_at, updated_at, change_seq) VALUES ('cms',"
                    + " 'dheemi', 1, FALSE, ?, now(), now(), ?)")) {
                insert.setString(1, doc("dheemi", "धीमी ख़बर"));
                insert.setLong(2, early);
                insert.executeUpdate();
            }
            later = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return fast.put("cms", "tez", doc("tez", "तेज़ ख़बर"), Precondition.NONE);
                } catch (StoreException e) {
                    throw new IllegalStateException(e);
                }
            });
            TestSite.waitUntil(Duration.ofSeconds(15), "the later writer waits for the earlier one's commit",
                    () -> waitingForALock(config));
            assertEquals(List.of(), changes(reader, "cms", seen).rows(), "neither is committed");
            slow.commit();
        }
        later.get(15, java.util.concurrent.TimeUnit.SECONDS);
        Changes after = changes(reader, "cms", seen);
        assertEquals(List.of("dheemi@1", "tez@1"), after.rows(), "the earlier number first, nothing skipped");
    }

    private static boolean waitingForALock(StoreConfig config) {
        try (Connection c = DriverManager.getConnection(config.url(), "postgres", "");
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
