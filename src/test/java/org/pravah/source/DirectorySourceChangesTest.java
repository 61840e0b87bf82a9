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
}
