package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.article.Image;
import org.pravah.source.cache.ArticleCache;
import org.pravah.source.cache.ArticleCacheWriter;

class DirectorySourceTest {
    @TempDir
    Path root;

    private Path folder() {
        return root.resolve("articles");
    }

    private DirectorySource source() {
        return new DirectorySource("local", folder(), "articles", Fixtures.NORMALISER);
    }

    private Path write(String relative, byte[] bytes) throws IOException {
        Path file = folder().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    private Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path copyFixture(String fixture, String relative) throws IOException {
        return write(relative, Fixtures.bytes(fixture));
    }

    private static String json(String id, String title, String updated) {
        return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"published\": \"2026-11-01T10:00:00+05:30\", "
                + "\"updated\": \"" + updated + "\"}";
    }

    private static Map<String, Article> byId(SourceLoad load) {
        return load.articles().stream().collect(Collectors.toMap(Article::id, Function.identity()));
    }

    @Test
    void articles_in_subfolders_are_loaded_with_their_relative_path_as_id() throws IOException {
        copyFixture("txt/lf.txt", "videsh/asia/penang-hindi.txt");
        copyFixture("md/front-matter.md", "vyapar/sensex.md");
        write("desh/rajya/jheel.json", "{\"title\": \"कमलसर झील की सफ़ाई\", \"published\": \"2026-11-20\"}");
        SourceLoad load = source().load();
        assertEquals(List.of(), load.problems());
        assertTrue(load.complete());
        assertEquals("local", load.sourceName());
        assertEquals(List.of("desh/rajya/jheel", "videsh/asia/penang-hindi", "vyapar/sensex"),
                load.articles().stream().map(Article::id).sorted().toList());
        assertEquals("local/desh/rajya/jheel", byId(load).get("desh/rajya/jheel").key());
    }

    @Test
    void explicit_id_in_a_file_wins_over_the_path() throws IOException {
        copyFixture("json/single.json", "videsh/asia/mela.json");
        assertEquals(List.of("fixture-single"), source().load().articles().stream().map(Article::id).toList());
    }

    @Test
    void every_fixture_format_loads_from_one_folder() throws IOException {
        copyFixture("txt/lf.txt", "a/lf.txt");
        copyFixture("txt/crlf-bom.txt", "a/crlf-bom.txt");
        copyFixture("txt/section-only.txt", "a/section-only.txt");
        copyFixture("json/single.json", "b/single.json");
        copyFixture("json/array.json", "b/array.json");
        copyFixture("json/control-chars.json", "b/control-chars.json");
        copyFixture("json/nfd-nukta.json", "b/nfd-nukta.json");
        copyFixture("md/front-matter.md", "c/front-matter.md");
        SourceLoad load = source().load();
        assertEquals(List.of(), load.problems());
        assertEquals(9, load.articles().size());
    }

    @Test
    void bad_files_are_reported_and_every_other_article_still_loads() throws IOException {
        copyFixture("json/single.json", "videsh/single.json");
        copyFixture("json/array.json", "khel/array.json");
        copyFixture("txt/lf.txt", "videsh/asia/lf.txt");
        copyFixture("json/broken.json", "vyapar/broken.json");
        copyFixture("json/invalid-utf8.json", "vyapar/invalid-utf8.json");
        copyFixture("json/no-title.json", "desh/no-title.json");
        write("desh/khali.txt", "");

        SourceLoad load = source().load();

        assertTrue(load.complete());
        assertEquals(List.of("arr-1", "arr-2", "fixture-single", "videsh/asia/lf"),
                load.articles().stream().map(Article::id).sorted().toList());
        assertEquals(4, load.problems().size(), load.problems().toString());
        assertProblem(load, "articles/vyapar/broken.json", "line 8, column 1");
        assertProblem(load, "articles/vyapar/invalid-utf8.json", "byte offset 139");
        assertProblem(load, "articles/desh/no-title.json", "'title'");
        assertProblem(load, "articles/desh/khali.txt", "Hindi News");
    }

    @Test
    void a_file_with_a_field_over_its_limit_is_reported_and_skipped_with_the_limit() throws IOException {
        write("desh/lamba-shirshak.json", "{\"title\": \"" + "क".repeat(501) + "\"}");
        write("khel/bahut-tag.md", "---\ntitle: \"क्रिकेट के पचास से ज़्यादा टैग\"\ntags: ["
                + String.join(", ", Collections.nCopies(51, "क्रिकेट")) + "]\n---\nपाठ\n");
        write("desh/seema-par.json", "{\"title\": \"" + "क".repeat(500) + "\"}");
        SourceLoad load = source().load();
        assertEquals(List.of("desh/seema-par"), load.articles().stream().map(Article::id).toList());
        assertEquals(2, load.problems().size(), load.problems().toString());
        assertProblem(load, "articles/desh/lamba-shirshak.json", "title: 501 characters, more than the 500 allowed");
        assertProblem(load, "articles/khel/bahut-tag.md", "tags: 51 entries, more than the 50 allowed");
    }

    @Test
    void an_image_path_on_the_site_is_resolved_and_an_unusable_image_url_only_drops_the_image() throws IOException {
        write("desh/mela.json", "{\"title\": \"पुस्तक मेले में भीड़\", \"image\": {\"url\": \"/chitra/mela.png\"}}");
        write("desh/chhal.json", "{\"title\": \"नकली चित्र वाली ख़बर\", \"image\": {\"url\": \"javascript:alert(1)\","
                + " \"credit\": \"अज्ञात\"}}");
        SourceLoad load = source().load();
        Map<String, Article> byId = byId(load);
        assertEquals(Optional.of(URI.create("http://localhost:8080/chitra/mela.png")),
                byId.get("desh/mela").image().orElseThrow().url());
        assertTrue(byId.get("desh/chhal").image().isEmpty());
        assertEquals(1, load.problems().size(), load.problems().toString());
        assertProblem(load, "articles/desh/chhal.json", "image.url");
    }

    private static void assertProblem(SourceLoad load, String file, String detail) {
        assertTrue(load.problems().stream().anyMatch(p -> p.contains(file) && p.contains(detail)),
                () -> "no problem naming " + file + " with '" + detail + "' in " + load.problems());
    }

    @Test
    void duplicate_ids_keep_the_newest_and_report_the_other() throws IOException {
        write("a/purana.json", json("same", "पुराना शीर्षक", "2026-11-02T10:00:00+05:30"));
        write("b/naya.json", json("same", "नया शीर्षक", "2026-11-05T10:00:00+05:30"));
        write("c/beech.json", json("same", "बीच का शीर्षक", "2026-11-03T10:00:00+05:30"));
        SourceLoad load = source().load();
        assertEquals(1, load.articles().size());
        assertEquals("नया शीर्षक", load.articles().get(0).title());
        assertEquals(2, load.problems().size(), load.problems().toString());
        assertProblem(load, "articles/a/purana.json", "duplicate id 'same'");
        assertProblem(load, "articles/c/beech.json", "duplicate id 'same'");
        assertTrue(load.problems().stream().allMatch(p -> p.contains("articles/b/naya.json")), load.problems().toString());
    }

    @Test
    void duplicate_ids_keep_the_newest_even_when_it_is_read_first() throws IOException {
        write("a/naya.json", json("same", "नया शीर्षक", "2026-11-05T10:00:00+05:30"));
        write("b/purana.json", json("same", "पुराना शीर्षक", "2026-11-02T10:00:00+05:30"));
        SourceLoad load = source().load();
        assertEquals(List.of("नया शीर्षक"), load.articles().stream().map(Article::title).toList());
        assertProblem(load, "articles/b/purana.json", "duplicate id 'same'");
    }

    @Test
    void a_duplicate_found_by_the_first_load_is_served_once_the_newer_file_is_deleted() throws IOException {
        write("a/purana.json", json("same", "पुराना शीर्षक", "2026-11-02T10:00:00+05:30"));
        Path naya = write("b/naya.json", json("same", "नया शीर्षक", "2026-11-05T10:00:00+05:30"));
        write("c/akela.json", json("akela", "अकेला लेख", "2026-11-03T10:00:00+05:30"));
        DirectorySource source = source();
        assertEquals(List.of("akela", "same"), source.load().articles().stream().map(Article::id).sorted().toList());

        Files.delete(naya);
        SourceLoad after = source.load();

        assertEquals("पुराना शीर्षक", byId(after).get("same").title());
        assertEquals("अकेला लेख", byId(after).get("akela").title());
        assertEquals(List.of(), after.problems(), "no file gives 'same' twice any more");
    }

    @Test
    void a_first_load_writes_each_folders_cache_as_it_goes_so_the_texts_it_read_leave_the_heap() throws IOException {
        FileTime settled = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(write("2026/10/purana.json",
                json("purana", "अक्टूबर का लेख", "2026-10-02T10:00:00+05:30")), settled);
        Files.setLastModifiedTime(write("2026/11/naya.json",
                json("naya", "नवंबर का लेख", "2026-11-05T10:00:00+05:30")), settled);
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            DirectorySource source = new DirectorySource("local", folder(), "articles", Fixtures.NORMALISER,
                    ArticleCache.forSource(root.resolve("data"), "local", folder(), "articles", 1 << 20,
                            Fixtures.NORMALISER, writer), FirstSeen.inMemory());
            // as the server runs it: the cache first, and here there is none yet
            source.serveCacheFirst();
            source.firstLoadBatch(1);

            Article october = byId(source.load()).get("purana");

            // the second folder's batch waited for the first's write, which took its texts out of the heap
            assertTrue(Files.isRegularFile(root.resolve("data/cache/local/2026/10.articles")));
            assertFalse(october.texts().isOnHeap());
            assertEquals("अक्टूबर का लेख", october.title());
        }
    }

    @Test
    void editor_temp_backup_and_hidden_files_are_not_articles() throws IOException {
        write("desh/asli.json", json("asli", "असली लेख", "2026-11-02T10:00:00+05:30"));
        write("desh/.#asli.json", "lock file, not JSON");
        write("desh/asli.json~", "{ backup");
        write("desh/#asli.json#", "{ autosave");
        write("desh/.asli.json.swp", "swap");
        write(".git/config.json", "{ not an article");
        write("desh/.chhipa/lekh.json", "{ hidden folder");
        write("desh/notes.docx", "not an article");
        SourceLoad load = source().load();
        assertEquals(List.of(), load.problems());
        assertEquals(List.of("asli"), load.articles().stream().map(Article::id).toList());
    }

    @Test
    void upper_case_extension_is_still_read() throws IOException {
        write("desh/PURANA.JSON", "{\"title\": \"पुराना\"}");
        SourceLoad load = source().load();
        assertEquals(List.of(), load.problems());
        assertEquals(1, load.articles().size());
    }

    @Test
    void missing_folder_makes_an_incomplete_load_with_a_problem_naming_it() {
        SourceLoad load = source().load();
        assertFalse(load.complete());
        assertEquals(List.of(), load.articles());
        assertEquals(1, load.problems().size());
        assertTrue(load.problems().get(0).contains("articles"), load.problems().get(0));
        assertTrue(load.problems().get(0).contains("local"), load.problems().get(0));
    }

    @Test
    void a_file_in_place_of_the_folder_makes_an_incomplete_load() throws IOException {
        Files.write(folder(), "x".getBytes(StandardCharsets.UTF_8));
        assertFalse(source().load().complete());
    }

    @Test
    void empty_folder_is_a_complete_load_with_no_articles() throws IOException {
        Files.createDirectories(folder());
        SourceLoad load = source().load();
        assertTrue(load.complete());
        assertEquals(List.of(), load.articles());
        assertEquals(List.of(), load.problems());
    }

    @Test
    void undated_article_is_dated_by_its_file_modification_time_when_first_seen() throws IOException {
        Path file = copyFixture("txt/lf.txt", "videsh/asia/lf.txt");
        Instant modified = Instant.parse("2026-11-27T03:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        Article a = source().load().articles().get(0);
        assertEquals(modified, a.published());
        assertEquals(modified, a.updated());
    }

    /** A source keeping its first-seen dates in {@code root/data}, as the server's sources do. */
    private DirectorySource keptSource() {
        return new DirectorySource("local", folder(), "articles", Fixtures.NORMALISER, Optional.empty(),
                FirstSeen.keptIn(root.resolve("data"), "local"));
    }

    private static Map<String, Instant> publishedById(SourceLoad load) {
        return load.articles().stream().collect(Collectors.toMap(Article::id, Article::published));
    }

    /** Two undated exports with one modification time, as a fresh clone (or a copy) gives them. */
    private void twoUndatedExportsWrittenTogether() throws IOException {
        FileTime together = FileTime.from(Instant.parse("2026-11-27T03:00:00.250Z"));
        Files.setLastModifiedTime(copyFixture("txt/lf.txt", "videsh/asia/penang.txt"), together);
        Files.setLastModifiedTime(copyFixture("txt/lf.txt", "videsh/asia/kuala-lumpur.txt"), together);
    }

    @Test
    void two_undated_exports_with_one_modification_time_get_distinct_dates_a_second_apart_in_path_order()
            throws IOException {
        twoUndatedExportsWrittenTogether();
        Map<String, Instant> published = publishedById(keptSource().load());
        assertEquals(Map.of("videsh/asia/kuala-lumpur", Instant.parse("2026-11-27T03:00:00Z"),
                "videsh/asia/penang", Instant.parse("2026-11-27T02:59:59Z")), published);
    }

    @Test
    void a_restart_on_the_same_data_folder_gives_undated_articles_the_same_dates() throws IOException {
        twoUndatedExportsWrittenTogether();
        Map<String, Instant> first = publishedById(keptSource().load());
        assertTrue(Files.isRegularFile(root.resolve("data/local.first-seen.json")));

        // a new file in the same second: without the kept dates it would come first in path order and shift both
        Files.setLastModifiedTime(copyFixture("txt/lf.txt", "videsh/asia/bangkok.txt"),
                FileTime.from(Instant.parse("2026-11-27T03:00:00Z")));
        Map<String, Instant> second = publishedById(keptSource().load());

        assertEquals(first.get("videsh/asia/penang"), second.get("videsh/asia/penang"));
        assertEquals(first.get("videsh/asia/kuala-lumpur"), second.get("videsh/asia/kuala-lumpur"));
        assertEquals(3, new java.util.HashSet<>(second.values()).size(), second.toString());
    }

    @Test
    void touching_or_editing_an_undated_file_does_not_change_its_date_in_this_run_or_the_next() throws IOException {
        twoUndatedExportsWrittenTogether();
        DirectorySource source = keptSource();
        Map<String, Instant> before = publishedById(source.load());
        Path penang = folder().resolve("videsh/asia/penang.txt");
        Files.writeString(penang, Files.readString(penang, StandardCharsets.UTF_8) + "\nनया अनुच्छेद।\n",
                StandardCharsets.UTF_8);
        Files.setLastModifiedTime(penang, FileTime.from(Instant.parse("2026-11-30T12:00:00Z")));
        Files.setLastModifiedTime(folder().resolve("videsh/asia/kuala-lumpur.txt"),
                FileTime.from(Instant.parse("2026-11-29T12:00:00Z")));

        assertEquals(before, publishedById(source.load()));
        assertEquals(before, publishedById(keptSource().load()));
    }

    @Test
    void a_deleted_file_is_forgotten_so_a_file_later_at_its_path_is_dated_anew() throws IOException {
        twoUndatedExportsWrittenTogether();
        DirectorySource source = keptSource();
        source.load();
        Path penang = folder().resolve("videsh/asia/penang.txt");
        Files.delete(penang);
        source.load();

        Files.setLastModifiedTime(copyFixture("txt/lf.txt", "videsh/asia/penang.txt"),
                FileTime.from(Instant.parse("2026-11-30T08:15:00Z")));
        assertEquals(Instant.parse("2026-11-30T08:15:00Z"),
                publishedById(keptSource().load()).get("videsh/asia/penang"));
    }

    @Test
    void a_damaged_first_seen_file_is_moved_aside_and_the_dates_are_derived_again_from_the_files() throws IOException {
        twoUndatedExportsWrittenTogether();
        Map<String, Instant> first = publishedById(keptSource().load());
        Path kept = root.resolve("data/local.first-seen.json");
        Files.writeString(kept, "{\"format\": 1, \"files\": {\"videsh/asia/penang.txt\": \"कल\"", StandardCharsets.UTF_8);

        assertEquals(first, publishedById(keptSource().load()));
        assertTrue(Files.isRegularFile(root.resolve("data/local.first-seen.json.unreadable")));
        assertTrue(Files.readString(kept, StandardCharsets.UTF_8).contains("penang"));
    }

    @Test
    void a_file_modified_in_the_future_is_dated_no_later_than_when_it_was_first_seen() throws IOException {
        Path file = copyFixture("txt/lf.txt", "videsh/asia/lf.txt");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(86_400)));
        Instant before = Instant.now();
        Article a = keptSource().load().articles().get(0);
        assertFalse(a.published().isAfter(Instant.now()), a.published().toString());
        assertFalse(a.published().isBefore(before.minusSeconds(1)), a.published().toString());
    }

    @Test
    void articles_keep_the_file_path_as_origin_for_messages() throws IOException {
        copyFixture("txt/lf.txt", "videsh/asia/lf.txt");
        assertEquals("articles/videsh/asia/lf.txt", source().load().articles().get(0).origin());
    }

    @Test
    void a_second_load_sees_files_added_and_removed_since_the_first() throws IOException {
        Path first = write("desh/ek.json", "{\"title\": \"एक\"}");
        DirectorySource source = source();
        assertEquals(List.of("desh/ek"), source.load().articles().stream().map(Article::id).toList());
        Files.delete(first);
        write("desh/do.json", "{\"title\": \"दो\"}");
        assertEquals(List.of("desh/do"), source.load().articles().stream().map(Article::id).toList());
    }

    /** A source whose site keeps its pictures in {@code root/images}. */
    private DirectorySource sourceWithPictures() {
        return new DirectorySource("local", folder(), "articles", Fixtures.NORMALISER, Optional.empty(),
                FirstSeen.inMemory(), Optional.of(root.resolve("images")));
    }

    private void picture(String relative) throws IOException {
        Path file = root.resolve("images/" + relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    }

    @Test
    void txt_export_shows_the_picture_kept_under_its_name_in_the_images_folder_with_the_credit_of_its_image_line()
            throws IOException {
        copyFixture("txt/lf.txt", "videsh/asia/penang.txt");
        picture("videsh/asia/penang.jpg");
        Article a = sourceWithPictures().load().articles().get(0);
        Image image = a.image().orElseThrow();
        assertEquals("/images/videsh/asia/penang.jpg", image.url().orElseThrow().getPath());
        assertEquals("प्रवाह समाचार", image.credit());
    }

    @Test
    void txt_export_without_a_kept_picture_has_no_picture_address() throws IOException {
        copyFixture("txt/lf.txt", "videsh/asia/penang.txt");
        picture("videsh/asia/kuala-lumpur.jpg");
        Article a = sourceWithPictures().load().articles().get(0);
        assertEquals(Optional.empty(), a.image().flatMap(Image::url));
    }

    @Test
    void picture_saved_or_removed_after_a_load_reaches_its_unchanged_txt_export_at_the_next_rescan()
            throws IOException {
        copyFixture("txt/lf.txt", "videsh/asia/penang.txt");
        DirectorySource source = sourceWithPictures();
        assertEquals(Optional.empty(), source.load().articles().get(0).image().flatMap(Image::url));
        picture("videsh/asia/penang.webp");
        assertEquals("/images/videsh/asia/penang.webp",
                source.load().articles().get(0).image().flatMap(Image::url).orElseThrow().getPath());
        Files.delete(root.resolve("images/videsh/asia/penang.webp"));
        assertEquals(Optional.empty(), source.load().articles().get(0).image().flatMap(Image::url));
    }

    @Test
    void json_article_keeps_its_own_picture_address_whatever_the_images_folder_holds() throws IOException {
        write("desh/nadi.json", "{\"title\": \"नदी पर नया पुल\", \"published\": \"2026-11-01T10:00:00+05:30\"}");
        picture("desh/nadi.jpg");
        assertEquals(Optional.empty(), sourceWithPictures().load().articles().get(0).image().flatMap(Image::url));
    }
}
