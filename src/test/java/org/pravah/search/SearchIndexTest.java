package org.pravah.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pravah.search.SearchFixtures.article;
import static org.pravah.search.SearchFixtures.ids;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Snapshot;
import org.pravah.testing.LogCapture;

/** The index on disk: kept in step with the catalogue, paged in the feeds' order, and surviving restarts and damage. */
class SearchIndexTest {
    @TempDir
    Path dir;
    @AutoClose
    private final LogCapture logged = LogCapture.of(SearchIndex.class);

    private List<String> warnings() {
        return logged.messages(Level.WARN);
    }

    /** Twelve reports from a kabaddi league, two days apart, one of them also tagged with its city. */
    private static List<Article> league() {
        List<Article> out = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            out.add(article("kabaddi-" + i, Instant.parse("2026-10-01T10:00:00Z").plusSeconds(i * 172_800L).toString(),
                    "कबड्डी लीग: " + i + "वें दौर में रोमांचक मुक़ाबला", "दर्शकों से भरा रहा स्टेडियम।", "khel",
                    i == 5 ? new String[] {"कबड्डी", "पटना"} : new String[] {"कबड्डी"}));
        }
        out.add(article("budget", "2026-11-01T10:00:00Z", "राज्य बजट में खेल के लिए ज़्यादा पैसा",
                "कबड्डी और कुश्ती को नई अकादमियां मिलेंगी।", "vyapar", "बजट"));
        return out;
    }

    private static List<String> idsOf(SearchHits hits) {
        return hits.entries().stream().map(CatalogEntry::article).map(Article::id).toList();
    }

    @Test
    void pages_come_newest_first_and_count_every_match_of_the_feed() {
        Snapshot site = Snapshot.of(SearchFixtures.TREE, league());
        try (SearchIndex index = SearchFixtures.following(SearchIndex.open(dir.resolve("search")), site)) {
            SearchHits first = index.find(site, SearchFixtures.category(""), "कबड्डी", "", 1, 5);
            assertEquals(13, first.total());
            assertEquals(List.of("budget", "kabaddi-12", "kabaddi-11", "kabaddi-10", "kabaddi-9"), idsOf(first));
            assertEquals(List.of("kabaddi-8", "kabaddi-7", "kabaddi-6", "kabaddi-5", "kabaddi-4"),
                    idsOf(index.find(site, SearchFixtures.category(""), "कबड्डी", "", 2, 5)));
            assertEquals(List.of("kabaddi-2", "kabaddi-1"),
                    idsOf(index.find(site, SearchFixtures.category("khel"), "कबड्डी", "", 3, 5)));
            SearchHits past = index.find(site, SearchFixtures.category(""), "कबड्डी", "", 9, 5);
            assertEquals(List.of(), past.entries());
            assertEquals(13, past.total(), "the count, also past the last page");
            assertEquals(List.of(), ids(index, site, "", "पटना बजट", ""), "every word must match");
            assertEquals(List.of("budget"), ids(index, site, "", "बजट कबड्डी", ""));
            assertEquals(List.of("kabaddi-5"), ids(index, site, "khel", "कबड्डी", "पटना"));
            assertEquals(ids(FeedSearch.SCAN, site, "", "कबड्डी", ""), ids(index, site, "", "कबड्डी", ""));
        }
    }

    @Test
    void articles_published_at_the_same_moment_are_ordered_by_key_as_the_feeds_order_them() {
        List<Article> same = new ArrayList<>();
        for (String id : List.of("m", "b", "z", "a", "q")) {
            same.add(article(id, "2026-11-30T12:00:00Z", "एक ही समय की ख़बर " + id, "", "desh"));
        }
        Snapshot site = Snapshot.of(SearchFixtures.TREE, same);
        try (SearchIndex index = SearchFixtures.following(SearchIndex.inMemory(), site)) {
            List<String> feedOrder = site.entries().stream().map(e -> e.article().id()).toList();
            assertEquals(feedOrder, ids(index, site, "", "ख़बर", ""));
            assertEquals(List.of("a", "b", "m", "q", "z"), feedOrder);
        }
    }

    @Test
    void an_edit_or_a_deletion_is_found_by_the_next_search() {
        Snapshot before = Snapshot.of(SearchFixtures.TREE, league());
        try (SearchIndex index = SearchFixtures.following(SearchIndex.open(dir.resolve("search")), before)) {
            long written = index.written();
            Article edited = article("kabaddi-3", "2026-10-07T10:00:00Z", "कुश्ती दंगल में स्थानीय पहलवान जीते",
                    "अखाड़े में भारी भीड़ रही।", "khel", "कुश्ती");
            Snapshot after = before.changed(List.of("local/kabaddi-7"), List.of(edited));
            index.follow(after);
            // applied before the snapshot is served: no waiting
            assertTrue(index.inStep());
            assertEquals(written + 2, index.written(), "only the two articles the change names");
            assertEquals(List.of("kabaddi-3"), ids(index, after, "", "पहलवान", ""));
            assertEquals(List.of("kabaddi-3"), ids(index, after, "khel", "", "कुश्ती"));
            List<String> kabaddi = ids(index, after, "", "कबड्डी", "");
            assertEquals(11, kabaddi.size());
            assertTrue(!kabaddi.contains("kabaddi-3") && !kabaddi.contains("kabaddi-7"), kabaddi.toString());
            assertEquals(11, index.find(after, SearchFixtures.category(""), "कबड्डी", "", 1, 5).total());
        }
    }

    @Test
    void a_burst_of_changes_is_all_found_by_the_next_search_which_opens_one_reader_for_it() {
        Snapshot site = Snapshot.of(SearchFixtures.TREE, league());
        try (SearchIndex index = SearchFixtures.following(SearchIndex.open(dir.resolve("search")), site)) {
            ids(index, site, "", "कबड्डी", "");
            long readers = index.readersOpened();
            for (int i = 1; i <= 10; i++) {
                site = site.changed(List.of(), List.of(article("dangal-" + i, "2026-11-0" + (i % 9 + 1) + "T10:00:00Z",
                        "दंगल का " + i + "वां मुक़ाबला", "", "khel", "कुश्ती")));
                index.follow(site);
            }
            assertEquals(readers, index.readersOpened(), "changes nobody searched yet open no reader");
            assertEquals(10, ids(index, site, "khel", "", "कुश्ती").size());
            assertEquals(10, ids(index, site, "", "दंगल", "").size());
            assertEquals(readers + 1, index.readersOpened(), "one reader for the whole burst");
        }
    }

    @Test
    void a_restart_indexes_only_the_articles_that_changed_while_the_server_was_down() {
        Path folder = dir.resolve("search");
        List<Article> articles = league();
        try (SearchIndex index = SearchFixtures.following(SearchIndex.open(folder), Snapshot.of(SearchFixtures.TREE,
                articles))) {
            assertEquals(13, index.written());
        }
        try (SearchIndex index = SearchIndex.open(folder)) {
            SearchFixtures.following(index, Snapshot.of(SearchFixtures.TREE, articles));
            assertEquals(0, index.written(), "nothing changed: nothing indexed");
        }
        // while down: one edited, one deleted, one added, one filed under another category
        articles.set(0, article("kabaddi-1", "2026-10-03T10:00:00Z", "कबड्डी लीग का उद्घाटन समारोह", "", "khel",
                "कबड्डी"));
        articles.remove(1);
        articles.add(article("hockey", "2026-11-02T10:00:00Z", "हॉकी टीम का अभ्यास शिविर", "", "khel"));
        articles.set(2, article("kabaddi-4", "2026-10-09T10:00:00Z",
                "कबड्डी लीग: 4वें दौर में रोमांचक मुक़ाबला", "दर्शकों से भरा रहा स्टेडियम।", "desh", "कबड्डी"));
        Snapshot restarted = Snapshot.of(SearchFixtures.TREE, articles);
        try (SearchIndex index = SearchIndex.open(folder)) {
            assertEquals(12, ids(index, restarted, "", "कबड्डी", "").size(),
                    "before it is in step, the index answers as the last run left it (minus what is gone)");
            SearchFixtures.following(index, restarted);
            assertEquals(4, index.written());
            assertEquals(List.of("kabaddi-1"), ids(index, restarted, "", "उद्घाटन", ""));
            assertEquals(List.of("hockey"), ids(index, restarted, "khel", "हॉकी", ""));
            assertEquals(List.of("kabaddi-4"), ids(index, restarted, "desh", "कबड्डी", ""));
            assertEquals(ids(FeedSearch.SCAN, restarted, "khel", "कबड्डी", ""), ids(index, restarted, "khel", "कबड्डी",
                    ""));
        }
        assertEquals(List.of(), warnings());
    }

    @Test
    void a_damaged_index_folder_is_reported_and_built_anew() throws IOException {
        Snapshot site = Snapshot.of(SearchFixtures.TREE, league());
        // every file overwritten, or only the segments' data (the commit that lists them still reads)
        for (boolean keepCommit : new boolean[] {false, true}) {
            Path folder = dir.resolve("search-" + keepCommit);
            SearchFixtures.following(SearchIndex.open(folder), site).close();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (!name.equals("write.lock") && !(keepCommit && name.startsWith("segments"))) {
                        Files.write(file, "यह सूचकांक नहीं है".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            logged.clear();
            try (SearchIndex index = SearchIndex.open(folder)) {
                assertEquals(folder.toString(), index.where(), "still on disk");
                assertEquals(1, warnings().size(), warnings().toString());
                assertTrue(warnings().get(0).contains(folder + " is damaged"), warnings().get(0));
                assertEquals(13, ids(index, site, "", "कबड्डी", "").size(), "searches read the feeds meanwhile");
                SearchFixtures.following(index, site);
                assertEquals(13, index.written());
                assertEquals(List.of("kabaddi-5"), ids(index, site, "", "पटना", ""));
            }
        }
    }

    @Test
    void a_folder_that_cannot_be_used_is_reported_once_and_the_index_is_kept_in_memory() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("search"), "एक फ़ाइल");
        Snapshot site = Snapshot.of(SearchFixtures.TREE, league());
        try (SearchIndex index = SearchFixtures.following(SearchIndex.open(notAFolder), site)) {
            assertEquals("memory", index.where());
            assertEquals(List.of("kabaddi-5"), ids(index, site, "", "पटना", ""));
        }
        assertEquals(1, warnings().size(), warnings().toString());
        assertTrue(warnings().get(0).startsWith("search index: " + notAFolder + " cannot be used"), warnings().get(0));
    }

    @Test
    void a_folder_another_server_writes_is_left_to_it() {
        Path folder = dir.resolve("search");
        try (SearchIndex first = SearchIndex.open(folder); SearchIndex second = SearchIndex.open(folder)) {
            assertEquals(folder.toString(), first.where());
            assertEquals("memory", second.where());
            assertTrue(warnings().get(0).contains("in use by another process"), warnings().toString());
        }
    }

    @Test
    void over_random_edits_the_index_finds_what_reading_the_feeds_finds() {
        List<String> words = List.of("चुनाव", "बजट", "ज़िला", "क्रिकेट", "बच्चों", "बच्चे", "दिल्ली", "बारिश", "किसान",
                "क़ानून", "खिलाड़ियों", "मेला", "मेले", "प्रधानमंत्री", "स्कूल", "Delhi", "२०२६");
        List<String> categories = List.of("desh", "desh/rajya", "khel/cricket", "videsh/asia", "vyapar", "");
        Random random = new Random(2026);
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            articles.add(randomArticle(random, "lekh-" + i, words, categories));
        }
        Snapshot snapshot = Snapshot.of(SearchFixtures.TREE, articles);
        try (SearchIndex index = SearchFixtures.following(SearchIndex.open(dir.resolve("search")), snapshot)) {
            for (int round = 0; round < 40; round++) {
                List<String> removed = new ArrayList<>();
                List<Article> added = new ArrayList<>();
                for (int c = 0; c < 1 + random.nextInt(4); c++) {
                    String id = "lekh-" + random.nextInt(150);
                    if (random.nextInt(4) == 0) {
                        removed.add("local/" + id);
                    } else {
                        added.add(randomArticle(random, id, words, categories));
                    }
                }
                snapshot = snapshot.changed(removed, added);
                index.follow(snapshot);
                for (int q = 0; q < 5; q++) {
                    String text = words.get(random.nextInt(words.size()))
                            + (random.nextBoolean() ? "" : " " + words.get(random.nextInt(words.size())));
                    String tag = random.nextInt(4) == 0 ? SearchWords.foldCase(words.get(random.nextInt(5))) : "";
                    String category = categories.get(random.nextInt(categories.size()));
                    int page = 1 + random.nextInt(3);
                    SearchHits byIndex = index.find(snapshot, SearchFixtures.category(category), text, tag, page, 7);
                    SearchHits byScan = FeedSearch.SCAN.find(snapshot, SearchFixtures.category(category), text, tag,
                            page, 7);
                    assertEquals(idsOf(byScan), idsOf(byIndex), text + " tag=" + tag + " in " + category + " p" + page);
                    assertEquals(byScan.total(), byIndex.total());
                }
            }
            assertNotEquals(0, index.written());
        }
    }

    private static Article randomArticle(Random random, String id, List<String> words, List<String> categories) {
        StringBuilder title = new StringBuilder("ख़बर");
        for (int w = 0; w < 3; w++) {
            title.append(' ').append(words.get(random.nextInt(words.size())));
        }
        String when = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * random.nextInt(30)).toString();
        return article(id, when, title.toString(), words.get(random.nextInt(words.size())) + " पर चर्चा हुई।",
                categories.get(random.nextInt(categories.size())), words.get(random.nextInt(5)));
    }
}
