package org.pravah.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.config.StoreConfig;
import org.pravah.testing.TestSite;

/** The store contract on the embedded default: a SQLite file under the data folder. */
class EmbeddedArticleStoreTest extends ArticleStoreContract {
    @TempDir
    Path dir;
    private int count;

    @Override
    StoreConfig emptyStore() {
        return StoreConfig.embeddedIn(dir.resolve("data-" + ++count));
    }

    @Test
    void the_embedded_store_is_a_file_in_the_data_folder_and_its_process_always_holds_the_cluster_lock()
            throws Exception {
        ArticleStore store = open(StoreConfig.embeddedIn(dir.resolve("data")));
        assertTrue(Files.isRegularFile(dir.resolve("data").resolve("pravah.db")));
        try (ClusterLock lock = store.clusterLock("upstream:agency")) {
            assertTrue(lock.held());
        }
    }

    /** What makes an acknowledged write survive a power cut: the log is synced at every commit, not now and then. */
    @Test
    void every_commit_goes_through_a_write_ahead_log_that_is_synced_to_disk() throws Exception {
        ArticleStore store = open(emptyStore());
        try (Connection c = store.connection(); Statement s = c.createStatement()) {
            assertEquals("wal", single(s, "PRAGMA journal_mode"));
            assertEquals("2", single(s, "PRAGMA synchronous"), "2 is FULL: the log is synced at every commit");
        }
    }

    /**
     * The import's batches commit without waiting for the disk, and checkpoint less often; the connection that did so
     * never goes back to the pool, so every API write after it still commits with the log synced.
     */
    @Test
    void after_a_session_of_batches_every_connection_of_the_pool_still_syncs_at_every_commit() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore store = open(config);
        try (BatchWrite batches = store.batches("cms")) {
            batches.putAll(List.of("thok-1", "thok-2"), (id, current) -> Optional.of(doc(id, "थोक में " + id)));
            batches.durable();
        }
        List<Connection> all = new ArrayList<>();
        try {
            for (int i = 0; i < config.pool(); i++) {
                all.add(store.connection());
            }
            for (Connection c : all) {
                try (Statement s = c.createStatement()) {
                    assertEquals("2", single(s, "PRAGMA synchronous"), "2 is FULL: the log is synced at every commit");
                    assertEquals("1000", single(s, "PRAGMA wal_autocheckpoint"), "SQLite's default");
                }
            }
        } finally {
            for (Connection c : all) {
                c.close();
            }
        }
    }

    /** The import hands its documents over as UTF-8; the store keeps them as the TEXT a single write keeps. */
    @Test
    void a_document_given_as_utf8_is_stored_as_the_same_text_a_single_write_stores() throws Exception {
        ArticleStore store = open(emptyStore());
        store.put("cms", "ek", doc("ek", "एक ख़बर 🙂"), Precondition.NONE);
        try (BatchWrite batches = store.batches("cms")) {
            BatchWrite.Wrote wrote = batches.putAllUtf8(List.of("ek", "do"), (id, stored) -> Optional.of(
                    doc(id, "थोक में " + id + " 🙂").getBytes(StandardCharsets.UTF_8)));
            assertEquals(new BatchWrite.Wrote(1, 1), wrote);
            // what the import compares with is the stored text's bytes, unchanged
            batches.putAllUtf8(List.of("do"), (id, stored) -> {
                assertEquals(doc("do", "थोक में do 🙂"), new String(stored.orElseThrow(), StandardCharsets.UTF_8));
                return Optional.empty();
            });
            batches.durable();
        }
        try (Connection c = store.connection(); Statement s = c.createStatement()) {
            assertEquals("text text", single(s, "SELECT group_concat(typeof(document), ' ') FROM store_article"));
        }
        assertEquals(doc("do", "थोक में do 🙂"), store.get("cms", "do").orElseThrow().document());
        assertEquals(2, store.get("cms", "ek").orElseThrow().revision());
    }

    /** An import runs for minutes; a server's API write waits for one batch of it at most, not for the whole. */
    @Test
    void between_the_batches_of_a_session_another_writer_gets_the_store_at_once() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore store = open(config);
        ArticleStore server = open(config);
        try (BatchWrite batches = store.batches("cms")) {
            batches.putAll(List.of("thok-1"), (id, current) -> Optional.of(doc(id, "थोक में " + id)));
            Instant before = Instant.now();
            server.put("cms", "api", doc("api", "बीच में लिखी ख़बर"), Precondition.NONE);
            assertTrue(Duration.between(before, Instant.now()).toMillis() < 5_000,
                    "the API write waited for the import");
            batches.putAll(List.of("thok-2"), (id, current) -> Optional.of(doc(id, "थोक में " + id)));
            batches.durable();
        }
        assertEquals(Map.of("api", 1L, "thok-1", 1L, "thok-2", 1L), server.liveRevisions("cms"));
    }

    /** The import command (or any second process) writes to the file while a server serves it. */
    @Test
    void a_write_by_another_process_is_heard_on_the_embedded_store_too() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore here = open(config);
        ArticleStore elsewhere = open(config);
        AtomicInteger heard = new AtomicInteger();
        try (StoreChanges changes = here.listen(heard::incrementAndGet)) {
            TestSite.waitUntil(Duration.ofSeconds(15), "the watch has checked once", () -> changes.checks() >= 1);
            int before = heard.get();
            elsewhere.put("cms", "door", doc("door", "दूसरी प्रक्रिया से"), Precondition.NONE);
            TestSite.waitUntil(Duration.ofSeconds(15), "the write is noticed", () -> heard.get() > before);
        }
    }

    /**
     * A reload reads every commit made before its store sources are read; a commit they have read is not reported
     * again, so a server's own API write (which reloads at once) costs one reload, not two. A commit that one source
     * has read and another has not is reported.
     */
    @Test
    void a_commit_that_every_store_source_has_read_since_is_not_reported_again() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore here = open(config);
        ArticleStore elsewhere = open(config);
        AtomicInteger heard = new AtomicInteger();
        // checks only when the test asks, so none can fall between a write and the reload
        try (StoreChanges changes = new StoreChanges(here, heard::incrementAndGet, Long.MAX_VALUE)) {
            here.put("cms", "apna", doc("apna", "अपनी ख़बर"), Precondition.NONE);
            elsewhere.put("cms", "paraya", doc("paraya", "दूसरे की ख़बर"), Precondition.NONE);
            here.readingSource("cms");
            here.readingSource("agency");
            changes.checkNow();
            assertEquals(0, heard.get());

            elsewhere.put("cms", "baad-mein", doc("baad-mein", "बाद की ख़बर"), Precondition.NONE);
            changes.checkNow();
            assertEquals(1, heard.get(), "a commit after the sources were read is reported");
            here.put("cms", "apna", doc("apna", "अपनी ख़बर, बदली हुई"), Precondition.NONE);
            here.readingSource("cms");
            changes.checkNow();
            assertEquals(2, heard.get(), "'agency' has not been read since");
            here.readingSource("agency");
            changes.checkNow();
            assertEquals(2, heard.get(), "nothing new since the last check");
        }
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    @Test
    void a_store_an_earlier_version_kept_in_h2_is_imported_once_with_its_revisions_and_times() throws Exception {
        Path data = dir.resolve("purana");
        Instant created = Instant.parse("2026-11-20T04:30:00.123456Z");
        Instant updated = Instant.parse("2026-11-21T09:15:00Z");
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("pravah"), "", "")) {
            org.flywaydb.core.Flyway.configure().dataSource("jdbc:h2:file:" + data.resolve("pravah"), "", "")
                    // the H2 store is an earlier version's, from before the change numbers
                    .locations("classpath:db/store").table("store_schema_history").target("3").load().migrate();
            insertH2(h2, "cms", "bana-rahega", 3, false, doc("bana-rahega", "पुरानी दुकान की ख़बर"), created, updated);
            insertH2(h2, "cms", "hata-diya", 2, true, doc("hata-diya", "हटाई गई ख़बर"), created, updated);
            try (PreparedStatement state = h2.prepareStatement("INSERT INTO store_source_state (source_name,"
                    + " revision, document, updated_at) VALUES ('agency', 7, '{\"items\":[]}', ?)")) {
                state.setObject(1, OffsetDateTime.ofInstant(updated, ZoneOffset.UTC));
                state.executeUpdate();
            }
        }

        ArticleStore store = open(StoreConfig.embeddedIn(data));
        assertEquals(Map.of("bana-rahega", 3L), store.liveRevisions("cms"));
        StoredArticle kept = store.get("cms", "bana-rahega").orElseThrow();
        assertEquals(doc("bana-rahega", "पुरानी दुकान की ख़बर"), kept.document());
        assertEquals(created, kept.created(), "undated articles keep their date, so feeds keep their ETags");
        assertEquals(updated, kept.updated());
        assertTrue(store.get("cms", "hata-diya").orElseThrow().deleted(), "tombstones come along");
        assertEquals(7, store.sourceStateNewerThan("agency", 0).orElseThrow().revision());
        assertFalse(Files.exists(data.resolve("pravah.mv.db")));
        assertTrue(Files.isRegularFile(data.resolve("pravah.mv.db.imported")), "the old file is kept, renamed");

        store.put("cms", "bana-rahega", doc("bana-rahega", "नया रूप"), Precondition.ifMatch(3));
        store.close();
        assertEquals(4, open(StoreConfig.embeddedIn(data)).get("cms", "bana-rahega").orElseThrow().revision(),
                "imported once: a restart does not bring the old revision back");
    }

    private static void insertH2(Connection h2, String source, String id, long revision, boolean deleted,
                                 String document, Instant created, Instant updated) throws Exception {
        try (PreparedStatement insert = h2.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                + " revision, deleted, document, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, source);
            insert.setString(2, id);
            insert.setLong(3, revision);
            insert.setBoolean(4, deleted);
            insert.setString(5, document);
            insert.setObject(6, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
            insert.setObject(7, OffsetDateTime.ofInstant(updated, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    @Test
    void an_h2_file_that_cannot_be_read_is_left_in_place_and_the_error_names_it() throws Exception {
        Path data = Files.createDirectories(dir.resolve("toota"));
        Path h2File = data.resolve("pravah.mv.db");
        Files.write(h2File, "यह H2 की फ़ाइल नहीं है".repeat(400).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        StoreException e = assertThrows(StoreException.class, () -> open(StoreConfig.embeddedIn(data)));
        assertTrue(e.getMessage().contains(h2File.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("move it aside"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(Files.isRegularFile(h2File), "nothing is lost: the file stays where it was");
    }
}
