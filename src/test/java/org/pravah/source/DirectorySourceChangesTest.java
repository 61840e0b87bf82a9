package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.source.cache.ArticleCache;
import org.pravah.source.cache.ArticleCacheWriter;

/** After file events, a directory source reads the paths the events named and nothing else. */
class DirectorySourceChangesTest {
    @TempDir
    Path root;

    private final DirectorySource source() {
        return new DirectorySource("local", root.resolve("articles"), "articles", Fixtures.NORMALISER);
    }

    private Path write(String relative, String title) throws IOException {
        Path file = root.resolve("articles").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"title\": \"" + title + "\", \"published\": \"2026-11-20T10:00:00+05:30\"}",
                StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> titles(SourceChange change) {
        return change.arriving().stream().map(Article::title).sorted().toList();
    }

    @Test
    void a_saved_file_is_read_and_a_file_no_event_named_is_not() throws IOException {
        Path saved = write("2026/11/barish.json", "दिल्ली में बारिश");
        Path untouched = write("2026/11/mela.json", "पुष्कर मेला शुरू");
        DirectorySource source = source();
        source.load();

        write("2026/11/barish.json", "दिल्ली में तेज़ बारिश");
        Files.writeString(untouched, "{ टूटी फ़ाइल", StandardCharsets.UTF_8);
        SourceChange change = source.loadChanged(Set.of(saved)).orElseThrow();

        assertEquals(List.of("दिल्ली में तेज़ बारिश"), titles(change));
        assertEquals(List.of(), change.leavingKeys());
        assertEquals(List.of(), change.problems(), "the broken file is read by the next whole load, not this one");
        assertEquals(2, change.articleCount());
        assertTrue(source.load().problems().stream().anyMatch(p -> p.contains("mela.json")));
    }

    @Test
    void a_file_saved_again_with_the_same_article_changes_nothing_served() throws IOException {
        Path saved = write("2026/11/barish.json", "दिल्ली में बारिश");
        DirectorySource source = source();
        source.load();

        write("2026/11/barish.json", "दिल्ली में बारिश");
        Files.setLastModifiedTime(saved, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(saved).toMillis() + 60_000));
        SourceChange change = source.loadChanged(Set.of(saved)).orElseThrow();

        // nothing to render or index again: a touch, an editor saving without an edit, a sync tool copying over
        assertEquals(List.of(), change.arriving());
        assertEquals(List.of(), change.leavingKeys());
        assertEquals(1, change.articleCount());
    }

    @Test
    void a_deleted_file_and_a_deleted_folder_take_their_articles_with_them() throws IOException {
        Path gone = write("2026/10/chunav.json", "चुनाव की तारीख़ें");
        write("2026/11/a.json", "नवंबर की पहली ख़बर");
        write("2026/11/b.json", "नवंबर की दूसरी ख़बर");
        write("2026/12/c.json", "दिसंबर की ख़बर");
        DirectorySource source = source();
        source.load();

        Files.delete(gone);
        Path november = root.resolve("articles/2026/11");
        try (Stream<Path> files = Files.walk(november)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        SourceChange change = source.loadChanged(Set.of(gone, november)).orElseThrow();

        assertEquals(List.of("local/2026/10/chunav", "local/2026/11/a", "local/2026/11/b"),
                change.leavingKeys().stream().sorted().toList());
        assertEquals(1, change.articleCount());
    }

    @Test
    void a_year_deleted_takes_the_files_events_brought_into_it_and_a_saved_temporary_file_takes_nothing()
            throws IOException {
        write("2026/11/a.json", "नवंबर की पहली ख़बर");
        DirectorySource source = source();
        source.load();
        Path added = write("2025/11/naya.json", "पिछले साल की एक और ख़बर");
        source.loadChanged(Set.of(added)).orElseThrow();

        // an editor's save: a temporary file, renamed over the article; the temporary path is gone when read
        Path temporary = root.resolve("articles/2026/11/a.json.tmp");
        SourceChange saved = source.loadChanged(Set.of(temporary)).orElseThrow();
        assertEquals(List.of(), saved.leavingKeys());
        assertEquals(2, saved.articleCount());

        Path year = root.resolve("articles/2025");
        try (Stream<Path> files = Files.walk(year)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        SourceChange change = source.loadChanged(Set.of(year)).orElseThrow();

        assertEquals(List.of("local/2025/11/naya"), change.leavingKeys());
        assertEquals(1, change.articleCount());
    }

    @Test
    void a_folder_moved_in_brings_its_articles_and_temporary_files_are_ignored() throws IOException {
        write("2026/11/a.json", "पहली ख़बर");
        DirectorySource source = source();
        source.load();

        Path outside = root.resolve("taiyar/2026-12");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("kisan.json"), "{\"title\": \"किसानों की बैठक\","
                + " \"published\": \"2026-12-01T09:00:00+05:30\"}", StandardCharsets.UTF_8);
        Path moved = root.resolve("articles/2026/12");
        Files.move(outside, moved);
        Path swap = write("2026/11/.a.json.swp", "अधूरी");
        SourceChange change = source.loadChanged(Set.of(moved, swap, root.resolve("bahar.json"))).orElseThrow();

        assertEquals(List.of("किसानों की बैठक"), titles(change));
        assertEquals("local/2026/12/kisan", change.arriving().get(0).key());
        assertEquals(2, change.articleCount());
    }

    @Test
    void two_files_with_one_id_serve_the_newer_and_deleting_it_serves_the_other_again() throws IOException {
        Path older = root.resolve("articles/a.json");
        Path newer = root.resolve("articles/b.json");
        Files.createDirectories(older.getParent());
        Files.writeString(older, "{\"id\": \"ek\", \"title\": \"पुराना शीर्षक\", \"published\": \"2026-11-01T10:00:00Z\","
                + " \"updated\": \"2026-11-02T10:00:00Z\"}", StandardCharsets.UTF_8);
        Files.writeString(newer, "{\"id\": \"ek\", \"title\": \"नया शीर्षक\", \"published\": \"2026-11-01T10:00:00Z\","
                + " \"updated\": \"2026-11-03T10:00:00Z\"}", StandardCharsets.UTF_8);
        DirectorySource source = source();
        SourceLoad first = source.load();
        assertEquals(List.of("नया शीर्षक"), first.articles().stream().map(Article::title).toList());
        assertEquals(1, first.problems().size(), first.problems().toString());

        Files.delete(newer);
        SourceChange change = source.loadChanged(Set.of(newer)).orElseThrow();

        assertEquals(List.of("पुराना शीर्षक"), titles(change));
        assertEquals(List.of(), change.problems());
    }

    @Test
    void an_article_that_a_file_of_several_shares_with_another_file_follows_edits_to_either() throws IOException {
        Path several = root.resolve("articles/sankalan.json");
        Path single = root.resolve("articles/akela.json");
        Files.createDirectories(several.getParent());
        Files.writeString(several, "[{\"id\": \"ek\", \"title\": \"संकलन का पहला लेख\", \"published\":"
                + " \"2026-11-01T10:00:00Z\", \"updated\": \"2026-11-04T10:00:00Z\"},"
                + " {\"id\": \"do\", \"title\": \"संकलन का दूसरा लेख\", \"published\": \"2026-11-02T10:00:00Z\"}]",
                StandardCharsets.UTF_8);
        Files.writeString(single, "{\"id\": \"ek\", \"title\": \"अकेली फ़ाइल का लेख\", \"published\":"
                + " \"2026-11-01T10:00:00Z\", \"updated\": \"2026-11-02T10:00:00Z\"}", StandardCharsets.UTF_8);
        DirectorySource source = source();
        SourceLoad first = source.load();
        assertEquals(List.of("संकलन का दूसरा लेख", "संकलन का पहला लेख"), titles(first));
        assertEquals(1, first.problems().size(), first.problems().toString());

        // the collection no longer gives 'ek': the single file serves it, and no duplicate is left to report
        Files.writeString(several, "[{\"id\": \"do\", \"title\": \"संकलन का दूसरा लेख, बदला हुआ\", \"published\":"
                + " \"2026-11-02T10:00:00Z\"}]", StandardCharsets.UTF_8);
        SourceChange edited = source.loadChanged(Set.of(several)).orElseThrow();
        assertEquals(List.of("अकेली फ़ाइल का लेख", "संकलन का दूसरा लेख, बदला हुआ"), titles(edited));
        assertEquals(List.of(), edited.problems());

        // the single file renamed its article: 'ek' leaves, and its new id arrives
        Files.writeString(single, "{\"id\": \"teen\", \"title\": \"अकेली फ़ाइल का नया लेख\", \"published\":"
                + " \"2026-11-03T10:00:00Z\"}", StandardCharsets.UTF_8);
        SourceChange renamed = source.loadChanged(Set.of(single)).orElseThrow();
        assertEquals(List.of("अकेली फ़ाइल का नया लेख"), titles(renamed));
        assertEquals(List.of("local/ek"), renamed.leavingKeys());

        Files.delete(single);
        assertEquals(List.of("local/teen"), source.loadChanged(Set.of(single)).orElseThrow().leavingKeys());
        assertEquals(List.of("संकलन का दूसरा लेख, बदला हुआ"), titles(source.load()));
    }

    private DirectorySource cachedSource(ArticleCacheWriter writer) {
        ArticleCache cache = ArticleCache.forSource(root.resolve("data"), "local", root.resolve("articles"),
                "articles", DirectorySource.MAX_FILE_BYTES, Fixtures.NORMALISER, writer).orElseThrow();
        return new DirectorySource("local", root.resolve("articles"), "articles", Fixtures.NORMALISER,
                java.util.Optional.of(cache), FirstSeen.inMemory());
    }

    private static List<String> titles(SourceLoad load) {
        return load.articles().stream().map(Article::title).sorted().toList();
    }

    @Test
    void a_first_load_that_serves_the_cache_first_is_followed_by_one_that_serves_what_changed_meanwhile()
            throws IOException {
        Path file = write("2026/11/barish.json", "दिल्ली में बारिश");
        // settled long enough to be cached
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofMinutes(10))));
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cachedSource(writer).load();
        }
        write("2026/11/barish.json", "दिल्ली में तेज़ बारिश");
        write("2026/11/mela.json", "पुष्कर मेला शुरू");

        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            DirectorySource restarted = cachedSource(writer);
            restarted.serveCacheFirst();
            assertEquals(List.of("दिल्ली में बारिश"), titles(restarted.load()), "the cache, without listing");
            assertEquals(List.of("दिल्ली में तेज़ बारिश", "पुष्कर मेला शुरू"), titles(restarted.load()));
        }
    }

    @Test
    void a_file_an_event_load_read_is_cached_by_the_next_whole_load_though_that_load_finds_nothing_new()
            throws IOException {
        java.nio.file.attribute.FileTime settled = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofMinutes(10)));
        Files.setLastModifiedTime(write("2026/11/barish.json", "दिल्ली में बारिश"), settled);
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            DirectorySource source = cachedSource(writer);
            source.load();
            Path mela = write("2026/11/mela.json", "पुष्कर मेला शुरू");
            Files.setLastModifiedTime(mela, settled);
            source.loadChanged(Set.of(mela));
            source.load();
        }

        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            DirectorySource restarted = cachedSource(writer);
            restarted.serveCacheFirst();
            assertEquals(List.of("दिल्ली में बारिश", "पुष्कर मेला शुरू"), titles(restarted.load()), "the cache");
        }
    }

    @Test
    void a_whole_load_after_the_first_answers_with_only_the_articles_that_changed() throws IOException {
        Path barish = write("2026/11/barish.json", "दिल्ली में बारिश");
        Path mela = write("2026/11/mela.json", "पुष्कर मेला शुरू");
        write("2026/10/chunav.json", "चुनाव की तारीख़ें");
        DirectorySource source = source();
        assertEquals(java.util.Optional.empty(), source.loadChanges(), "before the first whole load: nothing to compare");
        source.load();

        SourceChange nothing = source.loadChanges().orElseThrow();
        assertEquals(List.of(), nothing.arriving());
        assertEquals(List.of(), nothing.leavingKeys());
        assertEquals(3, nothing.articleCount());

        Files.writeString(barish, "{\"title\": \"दिल्ली में तेज़ बारिश\", \"published\": \"2026-11-21T10:00:00+05:30\"}",
                StandardCharsets.UTF_8);
        Files.delete(mela);
        write("2026/11/diwali.json", "दिवाली की रौनक");
        SourceChange change = source.loadChanges().orElseThrow();

        assertEquals(List.of("दिल्ली में तेज़ बारिश", "दिवाली की रौनक"), titles(change));
        assertEquals(List.of("local/2026/11/mela"), change.leavingKeys());
        assertEquals(3, change.articleCount());
    }

    @Test
    void a_file_broken_by_an_edit_keeps_its_last_good_article_through_event_loads_and_whole_loads()
            throws IOException {
        Path khel = write("khel-1.json", "कबड्डी लीग का फ़ाइनल");
        DirectorySource source = source();
        source.load();

        Files.writeString(khel, "{\"title\": \"अधूरा लेख\", ", StandardCharsets.UTF_8);
        SourceChange broken = source.loadChanged(Set.of(khel)).orElseThrow();
        assertEquals(List.of(), broken.leavingKeys());
        assertEquals(1, broken.articleCount());
        Path desh = write("desh-2.json", "नई रेल लाइन को मंज़ूरी");
        assertEquals(List.of("नई रेल लाइन को मंज़ूरी"), titles(source.loadChanged(Set.of(desh)).orElseThrow()));
        assertEquals(List.of("कबड्डी लीग का फ़ाइनल", "नई रेल लाइन को मंज़ूरी"), titles(source.load()));
        assertEquals(2, source.loadChanged(Set.of(khel)).orElseThrow().articleCount());
    }

    @Test
    void a_file_broken_twice_in_a_row_still_serves_its_last_good_version() throws IOException {
        Path khel = write("khel-1.json", "कबड्डी लीग का फ़ाइनल");
        DirectorySource source = source();
        source.load();

        Files.writeString(khel, "", StandardCharsets.UTF_8);
        source.loadChanged(Set.of(khel));
        Files.writeString(khel, "{\"title\": \"अधूरा लेख\", ", StandardCharsets.UTF_8);
        SourceChange second = source.loadChanged(Set.of(khel)).orElseThrow();

        assertEquals(List.of(), second.leavingKeys());
        assertEquals(List.of("कबड्डी लीग का फ़ाइनल"), titles(source.load()));
    }
}
