package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Snapshot;
import org.pravah.catalog.CategoryTree;
import org.pravah.config.StoreConfig;
import org.pravah.source.cache.TextsFile;
import org.pravah.store.ArticleStore;
import org.pravah.store.Precondition;
import org.pravah.store.TestPostgres;

class StoreSourceTest {
    private static final ArticleNormaliser NORMALISER = new ArticleNormaliser(new SiteDefaults(
            LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "https://samachar.example"));

    @TempDir
    Path dir;
    private ArticleStore store;

    @BeforeEach
    void open() throws Exception {
        store = ArticleStore.open(StoreConfig.embeddedIn(dir.resolve("data")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_load_serves_the_live_articles_of_its_own_source_only() throws Exception {
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"पहली ख़बर\"}", Precondition.NONE);
        store.put("cms", "do", "{\"id\":\"do\",\"title\":\"दूसरी ख़बर\"}", Precondition.NONE);
        store.put("agency", "teen", "{\"id\":\"teen\",\"title\":\"एजेंसी की ख़बर\"}", Precondition.NONE);
        store.delete("cms", "do", Precondition.NONE);

        SourceLoad load = new StoreSource("cms", store, NORMALISER).load();
        assertTrue(load.complete());
        assertEquals(List.of("cms/ek"), load.articles().stream().map(Article::key).toList());
        assertEquals("store cms/ek", load.articles().get(0).origin());
    }

    @Test
    void a_replaced_article_is_read_again_and_a_deleted_one_disappears() throws Exception {
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"पहला शीर्षक\"}", Precondition.NONE);
        assertEquals("पहला शीर्षक", source.load().articles().get(0).title());
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"बदला हुआ शीर्षक\"}", Precondition.NONE);
        assertEquals("बदला हुआ शीर्षक", source.load().articles().get(0).title());
        store.delete("cms", "ek", Precondition.NONE);
        assertEquals(List.of(), source.load().articles());
    }

    @Test
    void a_stored_document_that_breaks_the_rules_is_reported_and_the_others_are_served() throws Exception {
        store.put("cms", "theek", "{\"id\":\"theek\",\"title\":\"ठीक ख़बर\"}", Precondition.NONE);
        store.put("cms", "kharab", "{\"id\":\"kharab\",\"title\":\"तारीख़ ग़लत\",\"published\":\"कभी\"}",
                Precondition.NONE);
        SourceLoad load = new StoreSource("cms", store, NORMALISER).load();
        assertEquals(List.of("cms/theek"), load.articles().stream().map(Article::key).toList());
        assertEquals(1, load.problems().size());
        assertTrue(load.problems().get(0).startsWith("store cms/kharab revision 1: "), load.problems().get(0));
    }

    @Test
    void when_the_store_cannot_be_reached_the_catalogue_keeps_the_last_good_articles() throws Exception {
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"बची रहने वाली ख़बर\"}", Precondition.NONE);
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        Catalog catalog = new Catalog(new CategoryTree(List.of()), List.of(source));
        assertEquals(1, catalog.refresh().entries().size());

        store.close();
        SourceLoad failed = source.load();
        assertFalse(failed.complete());
        assertTrue(failed.problems().get(0).contains("cms"), failed.problems().toString());
        assertEquals(1, catalog.refresh().entries().size(), "still serving the last good article");
    }

    @Test
    void with_a_data_folder_the_texts_of_a_load_and_of_its_changes_leave_the_heap_and_read_the_same() throws Exception {
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"पहली ख़बर\",\"summary\":\"छोटा सार\","
                + "\"body\":\"पूरी बात, विस्तार से।\"}", Precondition.NONE);
        StoreSource source = new StoreSource("cms", store, NORMALISER, Optional.of(TextsFile.in(dir, "cms")));
        Article first = source.load().articles().get(0);
        assertFalse(first.texts().isOnHeap());
        assertEquals("पहली ख़बर", first.title());
        assertEquals("छोटा सार", first.summary());
        assertTrue(first.contentHtml().contains("पूरी बात, विस्तार से।"), first.contentHtml());
        assertEquals("store cms/ek", first.origin());

        store.put("cms", "do", doc("do", "दूसरी ख़बर"), Precondition.NONE);
        Article written = source.loadChanges().orElseThrow().arriving().get(0);
        assertFalse(written.texts().isOnHeap());
        assertEquals("दूसरी ख़बर", written.title());
        assertEquals(new StoreSource("cms", store, NORMALISER).load().articles().stream()
                        .filter(a -> a.key().equals("cms/do")).findFirst().orElseThrow(), written,
                "the same article as one whose texts stayed in the heap");
    }

    private static String doc(String id, String title) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\"}";
    }

    private static List<String> titles(SourceChange change) {
        return change.arriving().stream().map(Article::title).toList();
    }

    @Test
    void before_a_whole_load_the_source_cannot_tell_what_changed() throws Exception {
        store.put("cms", "ek", doc("ek", "पहली ख़बर"), Precondition.NONE);
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        assertEquals(Optional.empty(), source.loadChanges());
        source.load();
        assertEquals(Optional.of(List.of()), source.loadChanges().map(SourceChange::arriving), "nothing written since");
    }

    @Test
    void a_load_of_changes_brings_a_write_an_edit_a_delete_and_a_re_creation_each_once() throws Exception {
        store.put("cms", "purani", doc("purani", "पुरानी ख़बर"), Precondition.NONE);
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        source.load();

        store.put("cms", "nayi", doc("nayi", "नई ख़बर"), Precondition.NONE);
        SourceChange written = source.loadChanges().orElseThrow();
        assertEquals(List.of("नई ख़बर"), titles(written), "only the row written since");
        assertEquals(2, written.articleCount());

        store.put("cms", "nayi", doc("nayi", "नई ख़बर, बदली"), Precondition.NONE);
        assertEquals(List.of("नई ख़बर, बदली"), titles(source.loadChanges().orElseThrow()));

        store.delete("cms", "nayi", Precondition.NONE);
        SourceChange deleted = source.loadChanges().orElseThrow();
        assertEquals(List.of("cms/nayi"), deleted.leavingKeys());
        assertEquals(List.of(), deleted.arriving());
        assertEquals(1, deleted.articleCount());

        store.put("cms", "nayi", doc("nayi", "नई ख़बर, लौटी"), Precondition.NONE);
        SourceChange back = source.loadChanges().orElseThrow();
        assertEquals(List.of("नई ख़बर, लौटी"), titles(back));
        assertEquals(List.of(), back.leavingKeys());
        assertEquals(2, back.articleCount());
    }

    @Test
    void an_article_edited_into_a_document_that_breaks_the_rules_leaves_until_it_is_fixed() throws Exception {
        store.put("cms", "lekh", doc("lekh", "ठीक ख़बर"), Precondition.NONE);
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        source.load();
        store.put("cms", "lekh", "{\"id\":\"lekh\",\"title\":\"तारीख़ ग़लत\",\"published\":\"कभी\"}",
                Precondition.NONE);
        SourceChange broken = source.loadChanges().orElseThrow();
        assertEquals(List.of("cms/lekh"), broken.leavingKeys());
        assertEquals(0, broken.articleCount());
        assertEquals(1, broken.problems().size());
        assertTrue(broken.problems().get(0).startsWith("store cms/lekh revision 2: "), broken.problems().get(0));

        store.put("cms", "doosri", doc("doosri", "दूसरी ख़बर"), Precondition.NONE);
        assertEquals(1, source.loadChanges().orElseThrow().problems().size(), "a bad row stays reported");

        store.put("cms", "lekh", doc("lekh", "फिर ठीक"), Precondition.NONE);
        SourceChange fixed = source.loadChanges().orElseThrow();
        assertEquals(List.of("फिर ठीक"), titles(fixed));
        assertEquals(List.of(), fixed.problems());
        assertEquals(2, fixed.articleCount());
    }

    /** What makes a write cost what it touches: the catalogue keeps every other article as it was, unread. */
    @Test
    void a_refresh_after_a_write_reads_only_that_write_and_keeps_every_other_article_as_it_was() throws Exception {
        for (int i = 0; i < 20; i++) {
            store.put("cms", "lekh-" + i, doc("lekh-" + i, "ख़बर " + i), Precondition.NONE);
        }
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        Catalog catalog = new Catalog(new CategoryTree(List.of()), List.of(source));
        Snapshot first = catalog.refresh();
        store.put("cms", "lekh-3", doc("lekh-3", "ख़बर 3, बदली"), Precondition.NONE);
        Snapshot next = catalog.refresh(s -> s == source);
        for (int i = 0; i < 20; i++) {
            Article before = first.entry("cms/lekh-" + i).orElseThrow().article();
            Article after = next.entry("cms/lekh-" + i).orElseThrow().article();
            if (i == 3) {
                assertEquals("ख़बर 3, बदली", after.title());
            } else {
                assertSame(before, after, "lekh-" + i + " was not read again");
            }
        }
        assertEquals(1, catalog.lastLoads().get(0).articles().size(), "the load was the one changed article");
        assertEquals(20, catalog.lastLoads().get(0).articleCount());
    }

    @Test
    void a_burst_of_writes_reaches_the_catalogue_in_one_refresh_that_holds_all_of_them() throws Exception {
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        Catalog catalog = new Catalog(new CategoryTree(List.of()), List.of(source));
        catalog.refresh();
        for (int i = 0; i < 30; i++) {
            store.put("cms", "jhadi-" + i, doc("jhadi-" + i, "झड़ी " + i), Precondition.NONE);
        }
        store.delete("cms", "jhadi-7", Precondition.NONE);
        store.put("cms", "jhadi-8", doc("jhadi-8", "झड़ी 8, बदली"), Precondition.NONE);
        Snapshot next = catalog.refresh(s -> s == source);
        assertEquals(29, next.entries().size());
        assertTrue(next.entry("cms/jhadi-7").isEmpty());
        assertEquals("झड़ी 8, बदली", next.entry("cms/jhadi-8").orElseThrow().article().title());
    }

    @Test
    void random_writes_by_two_stores_on_one_file_serve_what_a_whole_load_serves() throws Exception {
        try (ArticleStore second = ArticleStore.open(StoreConfig.embeddedIn(dir.resolve("data")))) {
            assertServesWhatAWholeLoadServes(store, second, new Random(2026), dir.resolve("data"));
        }
    }

    @Test
    void random_writes_by_two_processes_on_postgresql_serve_what_a_whole_load_serves() throws Exception {
        StoreConfig config = TestPostgres.freshStore(600);
        try (ArticleStore first = ArticleStore.open(config); ArticleStore second = ArticleStore.open(config)) {
            assertServesWhatAWholeLoadServes(first, second, new Random(1947), dir.resolve("data"));
        }
    }

    /**
     * Two writers interleave creations, edits, deletes, re-creations and broken documents, on threads of their own,
     * while a catalogue refreshes by loads of changes, its texts moved out of the heap as they arrive; at the end it
     * serves exactly what a whole load serves, texts and all.
     */
    private static void assertServesWhatAWholeLoadServes(ArticleStore one, ArticleStore two, Random random,
                                                         Path data) throws Exception {
        StoreSource source = new StoreSource("cms", one, NORMALISER, Optional.of(TextsFile.in(data, "cms")));
        Catalog catalog = new Catalog(new CategoryTree(List.of()), List.of(source));
        catalog.refresh();
        long[] seeds = {random.nextLong(), random.nextLong()};
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                ArticleStore writer = w == 0 ? one : two;
                Random mine = new Random(seeds[w]);
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        String id = "lekh-" + mine.nextInt(40);
                        int what = mine.nextInt(10);
                        if (what < 2) {
                            writer.delete("cms", id, Precondition.NONE);
                        } else if (what == 2) {
                            writer.put("cms", id, "{\"id\":\"" + id + "\",\"title\":\"ग़लत तारीख़\","
                                    + "\"published\":\"परसों\"}", Precondition.NONE);
                        } else {
                            writer.put("cms", id, "{\"id\":\"" + id + "\",\"title\":\"ख़बर " + id + " संस्करण "
                                    + i + "\",\"published\":\"2026-11-" + (10 + mine.nextInt(5))
                                    + "T06:00:00+05:30\"}", Precondition.NONE);
                        }
                    }
                    return null;
                }));
            }
            while (done.stream().anyMatch(f -> !f.isDone())) {
                catalog.refresh(s -> s == source);
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
        Snapshot changed = catalog.refresh(s -> s == source);
        Catalog whole = new Catalog(new CategoryTree(List.of()), List.of(new StoreSource("cms", one, NORMALISER)));
        Snapshot built = whole.refresh();
        assertEquals(built.entries().stream().map(e -> e.article().key()).toList(),
                changed.entries().stream().map(e -> e.article().key()).toList());
        assertEquals(built.entries().stream().map(CatalogEntry::article).toList(),
                changed.entries().stream().map(CatalogEntry::article).toList());
        assertEquals(whole.lastLoads().get(0).problems(), catalog.lastLoads().get(0).problems());
        assertEquals(whole.lastLoads().get(0).articleCount(), catalog.lastLoads().get(0).articleCount());
    }
}
