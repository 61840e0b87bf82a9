package org.pravah.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pravah.config.StoreConfig;

/** What every store must do, run against the embedded SQLite file and against a real PostgreSQL. */
abstract class ArticleStoreContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ArticleStore> opened = new ArrayList<>();

    /** A config for a new, empty database; the same config opened twice is the same database. */
    abstract StoreConfig emptyStore();

    ArticleStore open(StoreConfig config) throws StoreException {
        ArticleStore store = ArticleStore.open(config);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ArticleStore::close);
    }

    static String doc(String id, String title) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\"}";
    }

    @Test
    void migrations_from_empty_create_a_working_schema() throws Exception {
        ArticleStore store = open(emptyStore());
        assertEquals(Map.of(), store.liveRevisions("cms"));
        assertEquals(0, store.changeMark());
        StoreWrite write = store.put("cms", "pehla", doc("pehla", "पहली ख़बर"), Precondition.NONE);
        StoredArticle a = assertInstanceOf(StoreWrite.Written.class, write).article();
        assertEquals(1, a.revision());
        assertEquals(doc("pehla", "पहली ख़बर"), store.get("cms", "pehla").orElseThrow().document());
    }

    @Test
    void a_store_open_to_read_reads_what_the_server_wrote_and_refuses_to_write() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore server = open(config);
        server.put("cms", "pehla", doc("pehla", "पहली ख़बर"), Precondition.NONE);
        ArticleStore reader = ArticleStore.openToRead(config).orElseThrow();
        opened.add(reader);
        assertEquals(Map.of("pehla", 1L), reader.liveRevisions("cms"));
        assertThrows(StoreException.class,
                () -> reader.put("cms", "doosra", doc("doosra", "दूसरी ख़बर"), Precondition.NONE));
        // the server's writes go on beside the reader, and the reader sees them
        server.put("cms", "doosra", doc("doosra", "दूसरी ख़बर"), Precondition.NONE);
        assertEquals(Map.of("doosra", 1L, "pehla", 1L), reader.liveRevisions("cms"));
    }

    @Test
    void reopening_the_store_keeps_every_article_and_tombstone() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore first = open(config);
        first.put("cms", "rahega", doc("rahega", "यह ख़बर रहेगी"), Precondition.NONE);
        first.put("cms", "hatega", doc("hatega", "यह ख़बर हटेगी"), Precondition.NONE);
        first.delete("cms", "hatega", Precondition.NONE);
        first.close();
        opened.remove(first);

        ArticleStore again = open(config);
        assertEquals(Map.of("rahega", 1L), again.liveRevisions("cms"));
        StoredArticle tombstone = again.get("cms", "hatega").orElseThrow();
        assertTrue(tombstone.deleted());
        assertEquals(2, tombstone.revision());
    }

    @Test
    void every_write_gets_the_next_revision_and_a_delete_leaves_a_tombstone() throws Exception {
        ArticleStore store = open(emptyStore());
        store.put("cms", "lekh", doc("lekh", "पहला रूप"), Precondition.NONE);
        StoreWrite.Written replaced = assertInstanceOf(StoreWrite.Written.class,
                store.put("cms", "lekh", doc("lekh", "दूसरा रूप"), Precondition.NONE));
        assertEquals(2, replaced.article().revision());
        assertFalse(replaced.created());

        StoreWrite.Written deleted = assertInstanceOf(StoreWrite.Written.class,
                store.delete("cms", "lekh", Precondition.NONE));
        assertTrue(deleted.article().deleted());
        assertEquals(3, deleted.article().revision());
        assertEquals(Map.of(), store.liveRevisions("cms"));
        assertInstanceOf(StoreWrite.Missing.class, store.delete("cms", "lekh", Precondition.NONE));

        // written again, it goes on counting: an ETag from before the delete can never match the new article
        StoreWrite.Written back = assertInstanceOf(StoreWrite.Written.class,
                store.put("cms", "lekh", doc("lekh", "तीसरा रूप"), Precondition.NONE));
        assertTrue(back.created());
        assertEquals(4, back.article().revision());
    }

    @Test
    void a_write_whose_revision_check_fails_changes_nothing() throws Exception {
        ArticleStore store = open(emptyStore());
        store.put("cms", "lekh", doc("lekh", "पहला रूप"), Precondition.NONE);
        store.put("cms", "lekh", doc("lekh", "दूसरा रूप"), Precondition.NONE);

        StoreWrite stale = store.put("cms", "lekh", doc("lekh", "पुराने पर आधारित"), Precondition.ifMatch(1));
        assertEquals(2, assertInstanceOf(StoreWrite.PreconditionFailed.class, stale).current().orElseThrow().revision());
        assertInstanceOf(StoreWrite.PreconditionFailed.class,
                store.put("cms", "lekh", doc("lekh", "नया"), Precondition.ifAbsent()));
        assertInstanceOf(StoreWrite.PreconditionFailed.class, store.delete("cms", "lekh", Precondition.ifMatch(1)));
        assertEquals(doc("lekh", "दूसरा रूप"), store.get("cms", "lekh").orElseThrow().document());

        assertInstanceOf(StoreWrite.Written.class,
                store.put("cms", "lekh", doc("lekh", "ताज़ा रूप"), Precondition.ifMatch(2)));
    }

    @Test
    void sources_do_not_see_each_others_articles() throws Exception {
        ArticleStore store = open(emptyStore());
        store.put("cms", "ek", doc("ek", "एक"), Precondition.NONE);
        store.put("agency", "ek", doc("ek", "दूसरे स्रोत का एक"), Precondition.NONE);
        assertEquals(Map.of("ek", 1L), store.liveRevisions("cms"));
        assertEquals("cms", store.live("cms", List.of("ek")).get(0).sourceName());
        assertEquals(doc("ek", "दूसरे स्रोत का एक"), store.get("agency", "ek").orElseThrow().document());
    }

    /**
     * What the import command writes: one transaction for many articles, each with the revision an API write would
     * give it, and nothing at all for the ones the caller finds unchanged.
     */
    @Test
    void a_batch_write_creates_new_articles_replaces_changed_ones_and_leaves_the_rest_as_they_are() throws Exception {
        ArticleStore store = open(emptyStore());
        store.put("cms", "purani", doc("purani", "पुरानी ख़बर"), Precondition.NONE);
        StoredArticle before = ((StoreWrite.Written) store.put("cms", "badli", doc("badli", "पहला रूप"),
                Precondition.NONE)).article();
        store.put("cms", "hatai", doc("hatai", "हटाई गई ख़बर"), Precondition.NONE);
        store.delete("cms", "hatai", Precondition.NONE);
        long mark = store.changeMark();
        Map<String, String> docs = Map.of("purani", doc("purani", "पुरानी ख़बर"), "badli", doc("badli", "दूसरा रूप"),
                "nayi", doc("nayi", "नई ख़बर"), "hatai", doc("hatai", "हटाई गई ख़बर"));

        List<StoreWrite.Written> written = store.putAll("cms", List.of("purani", "badli", "nayi", "hatai"),
                (id, current) -> current.map(StoredArticle::document).filter(docs.get(id)::equals).isPresent()
                        ? Optional.empty() : Optional.of(docs.get(id)));

        assertEquals(List.of("badli", "nayi"), written.stream().map(w -> w.article().id()).toList());
        assertFalse(written.get(0).created());
        assertTrue(written.get(1).created());
        assertEquals(Map.of("purani", 1L, "badli", 2L, "nayi", 1L), store.liveRevisions("cms"));
        StoredArticle badli = store.get("cms", "badli").orElseThrow();
        assertEquals(doc("badli", "दूसरा रूप"), badli.document());
        assertEquals(before.created(), badli.created(), "a replaced article keeps its creation time");
        assertTrue(store.get("cms", "hatai").orElseThrow().deleted(), "left alone, a tombstone stays one");
        assertEquals(mark + 2, store.changeMark(), "other processes' periodic check notices the batch");

        // a tombstone given a document comes back with the next revision, as after an API write
        StoreWrite.Written back = store.putAll("cms", List.of("hatai"),
                (id, current) -> Optional.of(doc("hatai", "लौट आई ख़बर"))).get(0);
        assertTrue(back.created());
        assertEquals(3, back.article().revision());
        assertEquals(3L, store.liveRevisions("cms").get("hatai"));
    }

    @Test
    void the_change_mark_moves_with_every_write_including_deletes() throws Exception {
        ArticleStore store = open(emptyStore());
        long before = store.changeMark();
        store.put("cms", "ek", doc("ek", "एक"), Precondition.NONE);
        long afterPut = store.changeMark();
        store.delete("cms", "ek", Precondition.NONE);
        long afterDelete = store.changeMark();
        assertTrue(before < afterPut && afterPut < afterDelete, before + " < " + afterPut + " < " + afterDelete);
    }

    @Test
    void a_source_state_is_read_back_only_when_newer_than_what_the_reader_holds() throws Exception {
        StoreConfig config = emptyStore();
        ArticleStore store = open(config);
        assertEquals(Optional.empty(), store.sourceStateNewerThan("agency", 0));
        long before = store.changeMark();
        SourceState first = store.putSourceState("agency", "{\"items\":[\"पहली\"]}");
        assertEquals(1, first.revision());
        assertTrue(store.changeMark() > before, "other processes' periodic check notices a state write");
        SourceState second = store.putSourceState("agency", "{\"items\":[\"पहली\",\"दूसरी\"]}");
        assertEquals(2, second.revision());
        assertEquals(Optional.empty(), store.sourceStateNewerThan("agency", 2));
        assertEquals(second, store.sourceStateNewerThan("agency", 1).orElseThrow());
        assertEquals(Optional.empty(), store.sourceStateNewerThan("other", 0), "each source has its own state");
        store.close();
        assertEquals(second, open(config).sourceStateNewerThan("agency", 0).orElseThrow(), "kept across restarts");
    }

    /**
     * Writers that read, change and write back with the revision they read never lose each other's changes: each
     * adds a tag, retrying on a conflict, and at the end every tag is there and every write has its own revision.
     */
    @Test
    void concurrent_writers_checking_the_revision_lose_no_update() throws Exception {
        ArticleStore store = open(emptyStore());
        store.put("cms", "live", "{\"id\":\"live\",\"title\":\"लाइव अपडेट\",\"tags\":[]}", Precondition.NONE);
        int writers = 4;
        int writesEach = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(() -> {
                    int conflicts = 0;
                    for (int i = 0; i < writesEach; i++) {
                        while (true) {
                            StoredArticle current = store.get("cms", "live").orElseThrow();
                            ObjectNode next = (ObjectNode) JSON.readTree(current.document());
                            next.withArray("tags").add("लेखक" + writer + "-" + i);
                            StoreWrite write = store.put("cms", "live", next.toString(),
                                    Precondition.ifMatch(current.revision()));
                            if (write instanceof StoreWrite.Written) {
                                break;
                            }
                            conflicts++;
                        }
                    }
                    return conflicts;
                });
            }
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        StoredArticle last = store.get("cms", "live").orElseThrow();
        JsonNode tags = JSON.readTree(last.document()).path("tags");
        assertEquals(writers * writesEach, tags.size(), "every writer's every tag is kept: " + tags);
        assertEquals(1 + writers * writesEach, last.revision());
    }

    /** Without a revision check the last write wins, but no two writes share a revision and none is half-applied. */
    @Test
    void concurrent_blind_writers_each_get_their_own_revision() throws Exception {
        ArticleStore store = open(emptyStore());
        int writers = 4;
        int writesEach = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Long> revisions = new ArrayList<>();
        try {
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                tasks.add(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < writesEach; i++) {
                        StoreWrite write = store.put("cms", "naya", doc("naya", "लेखक " + writer), Precondition.NONE);
                        mine.add(((StoreWrite.Written) write).article().revision());
                    }
                    return mine;
                });
            }
            for (Future<List<Long>> f : pool.invokeAll(tasks)) {
                revisions.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers * writesEach, revisions.stream().distinct().count(), "revisions: " + revisions);
        assertEquals(Optional.of((long) writers * writesEach), store.get("cms", "naya").map(StoredArticle::revision));
    }

    /** One visit of a source's changes: the rows as id@revision (deleted ones marked), and the number to ask after. */
    record Changes(List<String> rows, long last) {
    }

    static Changes changes(ArticleStore store, String source, long after) throws StoreException {
        List<String> rows = new ArrayList<>();
        long last = store.changedSince(source, after,
                row -> rows.add(row.id() + "@" + row.revision() + (row.deleted() ? " deleted" : "")));
        return new Changes(rows, last);
    }

    @Test
    void a_reader_asking_after_the_last_change_it_saw_gets_exactly_the_rows_written_since() throws Exception {
        ArticleStore store = open(emptyStore());
        store.put("cms", "ek", doc("ek", "एक"), Precondition.NONE);
        store.put("cms", "do", doc("do", "दो"), Precondition.NONE);
        store.put("agency", "teen", doc("teen", "दूसरे स्रोत की"), Precondition.NONE);
        Changes all = changes(store, "cms", 0);
        assertEquals(List.of("ek@1", "do@1"), all.rows());

        assertEquals(new Changes(List.of(), all.last()), changes(store, "cms", all.last()), "nothing new");
        store.put("cms", "ek", doc("ek", "एक, बदली"), Precondition.NONE);
        store.delete("cms", "do", Precondition.NONE);
        store.putAll("cms", List.of("chaar", "paanch"), (id, current) -> Optional.of(doc(id, "थोक में " + id)));
        Changes since = changes(store, "cms", all.last());
        assertEquals(List.of("ek@2", "do@2 deleted", "chaar@1", "paanch@1"), since.rows(),
                "in the order written, a delete as a tombstone");
        assertTrue(since.last() > all.last());

        // a row written twice since is there once, as it is now; a tombstone brought back is live again
        store.put("cms", "ek", doc("ek", "एक, फिर बदली"), Precondition.NONE);
        store.put("cms", "do", doc("do", "दो, लौटी"), Precondition.NONE);
        store.put("cms", "ek", doc("ek", "एक, तीसरी बार"), Precondition.NONE);
        assertEquals(List.of("do@3", "ek@4"), changes(store, "cms", since.last()).rows());
    }

    /** A store written by an earlier version: its rows get change numbers, and new writes go on above them. */
    @Test
    void rows_written_before_the_change_numbers_existed_get_numbers_when_the_store_opens() throws Exception {
        StoreConfig config = emptyStore();
        if (config.embeddedFile().isPresent()) {
            java.nio.file.Files.createDirectories(config.embeddedFile().get().toAbsolutePath().getParent());
        }
        org.flywaydb.core.Flyway.configure().dataSource(config.url(), config.user(), config.password())
                .locations("classpath:db/store").table("store_schema_history").target("3").load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(config.url(), config.user(),
                config.password());
             java.sql.Statement s = c.createStatement()) {
            for (String id : List.of("purani", "puraani-hati")) {
                s.executeUpdate("INSERT INTO store_article (source_name, article_id, revision, deleted, document,"
                        + " created_at, updated_at) VALUES ('cms', '" + id + "', 2, " + (id.endsWith("hati")
                        ? "TRUE" : "FALSE") + ", '" + doc(id, "पुरानी") + "', '2026-01-01T00:00:00Z',"
                        + " '2026-01-02T00:00:00Z')");
            }
        }
        ArticleStore store = open(config);
        Changes all = changes(store, "cms", 0);
        assertEquals(List.of("puraani-hati@2 deleted", "purani@2"), all.rows().stream().sorted().toList());
        store.put("cms", "nayi", doc("nayi", "नई"), Precondition.NONE);
        assertEquals(List.of("nayi@1"), changes(store, "cms", all.last()).rows());
    }
}
