package org.pravah.source.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.catalog.CatalogEntry;
import org.pravah.testing.LogCapture;
import org.pravah.testing.TestSite;

/**
 * The article cache seen from outside: a server restarted on the same folder serves the same feeds, reading only
 * what changed; whatever is wrong with the cache only costs a full read.
 */
class ArticleCacheTest {
    private static final String NO_RELOAD = "reload: {watch: false, rescanSeconds: 0}\n";

    @TempDir
    Path root;
    private TestSite site;
    private int port;
    private LogCapture log;

    @BeforeEach
    void startLogging() {
        port = TestSite.freePort();
        site = new TestSite(root).config(port, NO_RELOAD);
        log = LogCapture.of(ArticleCache.class);
    }

    @AfterEach
    void stop() {
        site.close();
        log.close();
    }

    /** A river story filed under देश and a match under क्रिकेट, both settled long enough to be cached. */
    private void twoArticles() throws IOException {
        article("nadi", "नदी का जल स्तर बढ़ा", "देश", 30);
        article("match", "रोमांचक मुकाबले में जीत", "क्रिकेट", 20);
    }

    private Path cacheFile() {
        return root.resolve("data/cache/local.articles");
    }

    /** Files written now would count as possibly still being edited and stay out of the cache (see RACY_EDIT). */
    private void settle(String name, int minutesAgo) throws IOException {
        Files.setLastModifiedTime(root.resolve("articles/" + name + ".json"),
                FileTime.from(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(minutesAgo, ChronoUnit.MINUTES)));
    }

    private void article(String name, String title, String category, int minutesAgo) throws IOException {
        site.article(name, title, category, "2026-11-2" + (minutesAgo % 10) + "T09:30:00+05:30");
        settle(name, minutesAgo);
    }

    /** Stops the server (which waits for the cache write) and starts a new one on the same folder. */
    private void restart() {
        site.close();
        log.clear();
        start();
    }

    /**
     * Starts the server and waits until it serves what changed while it was down: a start serves the cache first,
     * and a whole load of the folder follows.
     */
    private void start() {
        site.start();
        try {
            site.app().caughtUp().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not catch up with its folder", e);
        }
    }

    private List<String> titles() {
        return site.app().site().snapshot().entries().stream().map(e -> e.article().title()).sorted().toList();
    }

    private List<String> warnings() {
        return log.messages(Level.WARN);
    }

    private List<String> messages() {
        return log.messages();
    }

    @Test
    void a_restart_with_unchanged_files_serves_every_feed_byte_for_byte_with_the_same_etag() throws IOException {
        twoArticles();
        start();
        HttpResponse<byte[]> all = site.get("/feeds/all.rss");
        HttpResponse<byte[]> khel = site.get("/feeds/khel.atom");
        HttpResponse<byte[]> json = site.get("/feeds/all.json");

        restart();

        assertTrue(Files.isRegularFile(cacheFile()), "the cache is kept in <dataDir>/cache");
        assertEquals(List.of(), warnings());
        for (HttpResponse<byte[]> before : List.of(all, khel, json)) {
            HttpResponse<byte[]> after = site.get(before.uri().getPath());
            assertEquals(200, after.statusCode());
            assertArrayEquals(before.body(), after.body(), before.uri().getPath());
            assertEquals(before.headers().firstValue("ETag"), after.headers().firstValue("ETag"));
        }
    }

    @Test
    void restart_takes_an_unchanged_file_from_the_cache_even_after_a_same_size_edit_with_its_old_mtime_restored()
            throws IOException {
        article("nadi", "नदी का जल स्तर बढ़ा", "देश", 30);
        start();
        site.close();
        Path file = root.resolve("articles/nadi.json");
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        // ज and थ are both three bytes in UTF-8: same size; then the old time goes back on the file
        edit(file, "जल", "थल", modified);
        assertEquals(size, Files.size(file));

        start();

        // what the cache holds, which proves the file was not read; a touch (new mtime) would make it read again
        assertEquals(List.of("नदी का जल स्तर बढ़ा"), titles());
    }

    /** A plain-text export, which carries no date, modified at {@code modified}. */
    private Path export(String name, String title, FileTime modified) throws IOException {
        site.write("articles/" + name + ".txt", "Hindi News देश " + title + "\n\n" + title + "\n\n"
                + title + " पर पूरी जानकारी।\n\nज़िला प्रशासन ने बताया कि काम अगले महीने पूरा होगा।\n");
        Path file = root.resolve("articles/" + name + ".txt");
        Files.setLastModifiedTime(file, modified);
        return file;
    }

    @Test
    void undated_exports_copied_together_keep_their_distinct_dates_when_a_restart_takes_them_from_the_cache()
            throws IOException {
        FileTime copied = FileTime.from(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.MINUTES));
        Path pul = export("pul", "नदी पर नया पुल खुला", copied);
        export("sadak", "गांव की सड़क पक्की हुई", copied);
        start();
        HttpResponse<byte[]> atom = site.get("/feeds/all.atom");
        List<Instant> dates = site.app().site().snapshot().entries().stream().map(e -> e.article().published())
                .toList();
        assertEquals(2, dates.stream().distinct().count(), dates.toString());
        site.close();
        // a same-size edit with the old time put back: only the cache still has the old title
        edit(pul, "खुला", "चालू", copied);

        start();

        assertEquals(List.of("गांव की सड़क पक्की हुई", "नदी पर नया पुल खुला"), titles());
        HttpResponse<byte[]> after = site.get("/feeds/all.atom");
        assertArrayEquals(atom.body(), after.body());
        assertEquals(atom.headers().firstValue("ETag"), after.headers().firstValue("ETag"));
    }

    /** Replaces text in an article file, then gives it the modification time {@code modified}. */
    private static void edit(Path file, String from, String to, FileTime modified) throws IOException {
        Files.write(file, Files.readString(file, StandardCharsets.UTF_8).replace(from, to)
                .getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, modified);
    }

    @Test
    void a_file_changed_between_runs_is_read_again_a_deleted_one_is_gone_and_a_new_one_appears() throws IOException {
        twoArticles();
        article("mela", "पुस्तक मेले की शुरुआत", "देश", 10);
        article("samaan", "बाज़ार में रौनक", "देश", 40);
        start();
        site.close();
        article("nadi", "नदी का जल स्तर घटा, राहत", "देश", 5);                 // other size, other time
        Path samaan = root.resolve("articles/samaan.json");
        FileTime old = Files.getLastModifiedTime(samaan);
        edit(samaan, "रौनक", "मंदी", FileTime.from(old.toInstant().plusSeconds(1)));   // same size, other time
        site.delete("articles/match.json");
        article("barish", "पहाड़ों पर बर्फ़बारी", "देश", 3);

        start();

        assertEquals(List.of("नदी का जल स्तर घटा, राहत", "पहाड़ों पर बर्फ़बारी", "पुस्तक मेले की शुरुआत",
                "बाज़ार में मंदी"), titles());
        String feed = new String(site.get("/feeds/khel.rss").body(), StandardCharsets.UTF_8);
        assertFalse(feed.contains("रोमांचक"), feed);
    }

    @Test
    void a_file_modified_just_before_a_load_is_not_cached_so_a_same_size_edit_in_the_same_second_is_seen()
            throws IOException {
        site.article("taza", "ताज़ा ख़बर अभी आई", "देश", "2026-11-28T09:30:00+05:30");   // modified now
        Path file = root.resolve("articles/taza.json");
        FileTime modified = Files.getLastModifiedTime(file);
        start();
        site.close();
        edit(file, "अभी", "कभी", modified);

        start();

        assertEquals(List.of("ताज़ा ख़बर कभी आई"), titles());
    }

    @Test
    void an_article_saved_just_before_a_stop_is_in_the_first_feeds_of_the_restart() throws IOException {
        twoArticles();
        start();
        site.article("taza", "ताज़ा ख़बर अभी आई", "देश", "2026-11-28T09:30:00+05:30");   // modified now
        site.app().reloadArticles();
        site.close();

        byte[] cache = Files.readAllBytes(cacheFile());
        byte[] title = "ताज़ा ख़बर अभी आई".getBytes(StandardCharsets.UTF_16LE);
        assertTrue(indexOf(cache, title) >= 0, "the stop keeps the new article in the cache");
        // serves the cache before it looks at the folder again
        site.start();
        assertTrue(titles().contains("ताज़ा ख़बर अभी आई"), titles().toString());
    }

    /** Where {@code needle} first starts in {@code haystack}, or -1: Latin-1 maps each byte to one char. */
    private static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void a_truncated_cache_is_reported_once_and_ignored_and_the_start_serves_every_article() throws IOException {
        twoArticles();
        start();
        site.close();
        byte[] bytes = Files.readAllBytes(cacheFile());
        Files.write(cacheFile(), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertStartIgnoresTheCacheAndRewritesIt("checksum");
    }

    @Test
    void a_cache_with_one_flipped_byte_is_reported_and_ignored() throws IOException {
        twoArticles();
        start();
        site.close();
        byte[] bytes = Files.readAllBytes(cacheFile());
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(cacheFile(), bytes);

        assertStartIgnoresTheCacheAndRewritesIt("damaged");
    }

    @Test
    void a_file_that_is_no_cache_at_all_is_reported_and_ignored() throws IOException {
        twoArticles();
        Files.createDirectories(cacheFile().getParent());
        Files.write(cacheFile(), "{\"यह\": \"कैश नहीं है\"}".getBytes(StandardCharsets.UTF_8));

        assertStartIgnoresTheCacheAndRewritesIt("not a Pravah article cache");
    }

    @Test
    void a_cache_in_another_format_version_is_reported_and_ignored() throws IOException {
        twoArticles();
        Files.createDirectories(cacheFile().getParent());
        Files.write(cacheFile(), ArticleCacheFileTest.fileOfFormat(ArticleCacheFile.FORMAT + 1));

        assertStartIgnoresTheCacheAndRewritesIt("format " + (ArticleCacheFile.FORMAT + 1));
    }

    @Test
    void an_empty_cache_file_is_reported_and_ignored() throws IOException {
        twoArticles();
        Files.createDirectories(cacheFile().getParent());
        Files.write(cacheFile(), new byte[0]);

        assertStartIgnoresTheCacheAndRewritesIt("not a Pravah article cache");
    }

    private void assertStartIgnoresTheCacheAndRewritesIt(String why) {
        log.clear();
        start();
        assertEquals(List.of("नदी का जल स्तर बढ़ा", "रोमांचक मुकाबले में जीत"), titles());
        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(cacheFile().toString()), warnings.get(0));
        assertTrue(warnings.get(0).contains(why), warnings.get(0));

        restart();   // the cache was written anew and is taken without complaint

        assertEquals(List.of(), warnings());
        assertEquals(List.of("नदी का जल स्तर बढ़ा", "रोमांचक मुकाबले में जीत"), titles());
    }

    @Test
    void a_new_site_time_zone_invalidates_the_cache_so_local_dates_are_read_again_in_it() throws IOException {
        site.write("articles/subah.json", """
                {"title": "सुबह की सभा", "categories": ["देश"], "published": "2026-11-20T09:30"}
                """);
        settle("subah", 30);
        start();
        assertEquals(Instant.parse("2026-11-20T04:00:00Z"), published());
        site.close();
        site.write("feeds-config.yaml", Files.readString(site.config(), StandardCharsets.UTF_8)
                .replace("timeZone: Asia/Kolkata", "timeZone: Europe/London"));

        log.clear();
        start();

        assertEquals(Instant.parse("2026-11-20T09:30:00Z"), published());
        assertTrue(messages().stream().anyMatch(m -> m.contains("site.timeZone")), messages().toString());
        assertEquals(List.of(), warnings());
    }

    @Test
    void a_new_site_language_invalidates_the_cache_so_articles_without_one_take_it() throws IOException {
        article("nadi", "नदी का जल स्तर बढ़ा", "देश", 30);
        start();
        assertEquals("hi", language());
        site.close();
        site.write("feeds-config.yaml", Files.readString(site.config(), StandardCharsets.UTF_8)
                .replace("language: hi", "language: hi-IN"));

        start();

        assertEquals("hi-IN", language());
    }

    private Instant published() {
        return site.app().site().snapshot().entries().get(0).article().published();
    }

    private String language() {
        return site.app().site().snapshot().entries().get(0).article().language().value();
    }

    @Test
    void bad_files_are_read_again_and_reported_again_after_a_restart() throws IOException {
        article("nadi", "नदी का जल स्तर बढ़ा", "देश", 30);
        site.write("articles/tuta.json", "{\"title\": \"अधूरी ख़बर\", ");
        site.write("articles/ajeeb.json", """
                {"title": "अजीब खेत", "categories": ["देश"], "khet": "अनजाना"}
                """);
        settle("tuta", 20);
        settle("ajeeb", 10);
        start();
        List<String> first = site.app().sourceLoads().get(0).problems();
        assertEquals(2, first.size(), first.toString());

        restart();

        assertEquals(first, site.app().sourceLoads().get(0).problems());
        // fixed since: the fix is read, not an old state
        site.close();
        site.write("articles/tuta.json", "{\"title\": \"पूरी ख़बर\", \"categories\": [\"देश\"]}");
        settle("tuta", 15);
        start();
        assertTrue(titles().contains("पूरी ख़बर"), titles().toString());
        assertEquals(1, site.app().sourceLoads().get(0).problems().size());
    }

    @Test
    void the_cache_lives_under_the_configured_data_dir() throws IOException {
        site.config(port, NO_RELOAD + "dataDir: var/pravah\n");
        article("nadi", "नदी का जल स्तर बढ़ा", "देश", 30);
        start();
        site.close();
        assertTrue(Files.isRegularFile(root.resolve("var/pravah/cache/local.articles")));
        assertFalse(Files.exists(cacheFile()));
    }

    @Test
    void a_cache_that_cannot_be_written_is_reported_once_and_the_site_is_served_all_the_same() throws IOException {
        Files.createDirectories(root.resolve("data"));
        Files.write(root.resolve("data/cache"), "एक फ़ाइल, फ़ोल्डर नहीं".getBytes(StandardCharsets.UTF_8));
        article("nadi", "नदी का जल स्तर बढ़ा", "देश", 30);

        start();
        assertEquals(200, site.get("/feeds/desh.rss").statusCode());
        site.close();

        // reading it fails too (its folder is a file), which is reported as well
        List<String> writes = warnings().stream().filter(w -> w.contains("cannot write article cache")).toList();
        assertEquals(1, writes.size(), warnings().toString());
        List<CatalogEntry> entries = site.start().site().snapshot().entries();
        assertEquals(List.of("नदी का जल स्तर बढ़ा"), entries.stream().map(CatalogEntry::article)
                .map(Article::title).toList());
    }

    @Test
    void temporary_files_left_by_a_crash_moments_ago_are_removed_at_the_next_start_with_one_log_line()
            throws IOException {
        twoArticles();
        start();
        site.close();
        Path cache = root.resolve("data/cache");
        // a write cut short just now, and one of a source since removed from the config
        Path crashed = Files.write(cache.resolve("local.articles.4406.tmp"), new byte[] {1, 2});
        Path removedSource = Files.write(cache.resolve("purana-srot.articles.77.tmp"), new byte[] {3});
        // not ours, or not by our naming pattern
        List<Path> others = List.of(cache.resolve("notes.tmp"), cache.resolve("local.articles.bak"),
                cache.resolve("local.articles.x1.tmp"), cache.resolve("टिप्पणी.articles.5.tmp"));
        for (Path other : others) {
            Files.write(other, "हाथ मत लगाओ".getBytes(StandardCharsets.UTF_8));
        }
        // a write in progress in another process holds a lock on its temporary file
        Path writing = cache.resolve("local.articles.9001.tmp");
        try (FileChannel channel = FileChannel.open(writing, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.lock();
            restart();
            assertTrue(Files.exists(writing), "a temporary file being written is left alone");
        }

        assertFalse(Files.exists(crashed));
        assertFalse(Files.exists(removedSource));
        others.forEach(other -> assertTrue(Files.exists(other), other.toString()));
        assertTrue(Files.isRegularFile(cacheFile()));
        List<String> lines = messages().stream().filter(m -> m.contains(".tmp")).toList();
        assertEquals(1, lines.size(), messages().toString());
        assertTrue(lines.get(0).contains("local.articles.4406.tmp"), lines.get(0));
        assertTrue(lines.get(0).contains("purana-srot.articles.77.tmp"), lines.get(0));
        assertEquals(List.of("नदी का जल स्तर बढ़ा", "रोमांचक मुकाबले में जीत"), titles());
    }

    @Test
    void picture_saved_for_a_txt_export_while_the_server_was_down_shows_after_the_restart() throws IOException {
        site.config(port, "  images: images\n", NO_RELOAD);
        FileTime settled = FileTime.from(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.MINUTES));
        export("pul", "नदी पर नया पुल खुला", settled);
        start();
        assertTrue(site.getText("/feeds/all.rss").contains("<title>नदी पर नया पुल खुला</title>"));
        assertFalse(site.getText("/feeds/all.rss").contains("/images/pul.png"));
        site.close();
        Files.createDirectories(root.resolve("images"));
        Files.write(root.resolve("images/pul.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        start();

        assertTrue(site.getText("/feeds/all.rss").contains(site.url("/images/pul.png")),
                "the cached article without its picture was read again");
    }

    /** The identity of a file on disk (its inode): a rewrite (temporary file renamed over it) gives a new one. */
    private Object identity(Path file) throws IOException {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    @Test
    void each_folder_has_a_cache_file_of_its_own_and_an_edit_rewrites_only_its_folder_s() throws IOException {
        article("2026/10/nadi", "नदी का जल स्तर बढ़ा", "देश", 30);
        article("2026/11/match", "रोमांचक मुकाबले में जीत", "क्रिकेट", 20);
        article("2026/11/mela", "पुस्तक मेले की शुरुआत", "देश", 25);
        start();
        site.close();
        Path october = root.resolve("data/cache/local/2026/10.articles");
        Path november = root.resolve("data/cache/local/2026/11.articles");
        Object octoberBefore = identity(october);
        Object novemberBefore = identity(november);

        article("2026/11/match", "रोमांचक मुकाबले में बड़ी जीत", "क्रिकेट", 5);
        start();
        site.close();

        assertEquals(octoberBefore, identity(october), "the October file was left as it was");
        assertNotEquals(novemberBefore, identity(november), "the November file was written anew");
        restart();
        assertEquals(List.of("नदी का जल स्तर बढ़ा", "पुस्तक मेले की शुरुआत", "रोमांचक मुकाबले में बड़ी जीत"), titles());
        assertEquals(List.of(), warnings());
    }

    @Test
    void a_folder_deleted_between_runs_takes_its_cache_file_with_it() throws IOException {
        article("2026/10/nadi", "नदी का जल स्तर बढ़ा", "देश", 30);
        article("2026/11/match", "रोमांचक मुकाबले में जीत", "क्रिकेट", 20);
        start();
        site.close();
        site.delete("articles/2026/10/nadi.json");
        Files.delete(root.resolve("articles/2026/10"));

        start();
        site.close();

        assertFalse(Files.exists(root.resolve("data/cache/local/2026/10.articles")));
        assertTrue(Files.isRegularFile(root.resolve("data/cache/local/2026/11.articles")));
    }
}
