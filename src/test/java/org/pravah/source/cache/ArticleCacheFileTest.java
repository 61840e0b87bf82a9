package org.pravah.source.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.article.Image;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.testing.LogCapture;

/** The cache file itself: what goes in comes out, and only under the fingerprint it was made with. */
class ArticleCacheFileTest {
    private static final SiteDefaults SITE =
            new SiteDefaults(LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "https://pravah.example");

    @TempDir
    Path dir;
    @AutoClose
    private final LogCapture log = LogCapture.of(ArticleCache.class);

    private ArticleCacheFile cache(String build, ArticleCacheWriter writer) {
        return new ArticleCacheFile(dir.resolve("cache/local.articles"), "local",
                ArticleCache.fingerprint(build, "local", dir.resolve("articles"), "articles", 1 << 20, SITE), writer);
    }

    private static Article article(String id, String title, Optional<Image> image, Optional<String> author) {
        return new Article(Article.keyOf("local", id), "local", id, title, "सार: " + title,
                "<p>पहला अनुच्छेद।</p><p>दूसरा &amp; अंतिम।</p>", List.of("videsh/asia", "एशिया"), List.of("विदेश"),
                List.of("मौसम", "बारिश 🌧"), Instant.parse("2026-11-20T04:00:00.123456789Z"),
                Instant.parse("2026-11-21T05:30:00Z"), author,
                Optional.of(URI.create("https://news.example/ख़बर?id=1&x=%E0%A4%95")), image, new LanguageTag("hi-IN"),
                "articles/" + id + ".json");
    }

    /** A cache file with a valid checksum whose header names another format. */
    static byte[] fileOfFormat(int format) {
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            try (JsonGenerator g = new SmileFactory().createGenerator(header)) {
                g.writeStartArray();
                g.writeNumber(format);
                g.writeEndArray();
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write("pravah-articles\n".getBytes(StandardCharsets.US_ASCII));
            file.write(ByteBuffer.allocate(4).putInt(header.size()).array());
            header.writeTo(file);
            CRC32C crc = new CRC32C();
            crc.update(file.toByteArray());
            file.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void every_field_of_every_article_comes_back_as_it_was_saved() {
        List<ArticleCache.Entry> entries = List.of(
                new ArticleCache.Entry("desh/barish.json", FileTime.from(Instant.parse("2026-11-20T10:00:00.5Z")),
                        1234, List.of(article("desh/barish", "दिल्ली में बारिश", Optional.empty(), Optional.empty()))),
                new ArticleCache.Entry("videsh/do.json", FileTime.fromMillis(1_700_000_000_123L), 99,
                        List.of(article("do-1", "पहली", Optional.of(new Image(
                                        Optional.of(URI.create("https://img.example/a.jpg")), "कैप्शन", "साभार")),
                                        Optional.of("संवाददाता")),
                                article("do-2", "दूसरी", Optional.of(new Image(Optional.empty(), "", "पीटीआई")),
                                        Optional.empty()))),
                new ArticleCache.Entry("khali.json", FileTime.fromMillis(0), 0, List.of()));
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(entries);
        }
        Map<String, ArticleCache.Entry> read = cache("build-1", new ArticleCacheWriter()).read();
        assertEquals(3, read.size());
        for (ArticleCache.Entry e : entries) {
            assertEquals(e, read.get(e.path()));
        }
        assertEquals(List.of(), log.messages(Level.WARN));
    }

    @Test
    void a_folders_articles_come_back_newest_first_whatever_order_they_were_saved_in() {
        // a restart hands the catalogue its articles in this order; a million of them sort quickly only in runs
        List<ArticleCache.Entry> byPath = new ArrayList<>();
        String[] days = {"2026-11-03", "2026-11-09", "2026-11-01", "2026-11-09", "2026-11-05"};
        for (int i = 0; i < days.length; i++) {
            Instant published = Instant.parse(days[i] + "T04:00:00Z");
            Article a = new Article("local/" + (char) ('a' + i), "local", String.valueOf((char) ('a' + i)),
                    "दिन " + days[i], "", "", List.of(), List.of(), List.of(), published, published,
                    Optional.empty(), Optional.empty(), Optional.empty(), LanguageTag.HINDI, "articles/" + i + ".json");
            byPath.add(new ArticleCache.Entry(i + ".json", FileTime.fromMillis(i), 10, List.of(a)));
        }
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(byPath);
        }

        List<String> read = cache("build-1", new ArticleCacheWriter()).read().values().stream()
                .map(e -> e.articles().get(0).id()).toList();

        assertEquals(List.of("b", "d", "e", "a", "c"), read, "newest first, then by key");
    }

    @Test
    void a_long_text_with_emoji_comes_back_whole() {
        String body = "<p>" + "लंबी ख़बर 🎉 का अनुच्छेद, ".repeat(5000) + "</p>";
        Article lambi = new Article("local/lambi", "local", "lambi", "लंबी", "", body, List.of(), List.of(),
                List.of(), Instant.parse("2026-11-20T04:00:00Z"), Instant.parse("2026-11-20T04:00:00Z"),
                Optional.empty(), Optional.empty(), Optional.empty(), LanguageTag.HINDI, "articles/lambi.json");
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(List.of(new ArticleCache.Entry("lambi.json", FileTime.fromMillis(1),
                    body.length(), List.of(lambi))));
        }
        assertEquals(body, cache("build-1", new ArticleCacheWriter()).read().get("lambi.json").articles().get(0)
                .contentHtml());
    }

    @Test
    void articles_taken_from_the_cache_are_saved_again_byte_for_byte_without_being_shown() throws IOException {
        List<ArticleCache.Entry> entries = List.of(new ArticleCache.Entry("desh/barish.json", FileTime.fromMillis(5),
                77, List.of(article("barish", "दिल्ली में बारिश", Optional.empty(), Optional.empty()),
                        article("dhoop", "धूप लौटी", Optional.empty(), Optional.of("संवाददाता")))));
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(entries);
        }
        Path file = dir.resolve("cache/local.articles");
        byte[] first = Files.readAllBytes(file);
        Map<String, ArticleCache.Entry> read = cache("build-1", new ArticleCacheWriter()).read();
        Files.delete(file);

        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(List.copyOf(read.values()));
        }

        assertArrayEquals(first, Files.readAllBytes(file));
        assertEquals(entries.get(0), cache("build-1", new ArticleCacheWriter()).read().get("desh/barish.json"));
    }

    @Test
    void texts_read_from_the_folder_leave_the_heap_once_cached_and_read_the_same_afterwards() {
        Article barish = article("barish", "दिल्ली में बारिश", Optional.empty(), Optional.empty());
        Article dhoop = article("dhoop", "धूप लौटी", Optional.empty(), Optional.of("संवाददाता"));
        String summary = barish.summary();
        String body = dhoop.contentHtml();
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(List.of(new ArticleCache.Entry("desh/barish.json", FileTime.fromMillis(5),
                    77, List.of(barish, dhoop))));
        }

        // a first start's articles: once their folder is cached, their texts are read from the file
        for (Article a : List.of(barish, dhoop)) {
            assertFalse(a.texts().isOnHeap(), a.id());
        }
        assertEquals(summary, barish.summary());
        assertEquals(body, dhoop.contentHtml());
        assertEquals("धूप लौटी", dhoop.title());
        assertEquals("articles/dhoop.json", dhoop.origin());
        assertEquals(article("barish", "दिल्ली में बारिश", Optional.empty(), Optional.empty()), barish);
    }

    @Test
    void an_edit_beside_cached_articles_keeps_its_texts_so_no_earlier_cache_file_stays_mapped() {
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(List.of(new ArticleCache.Entry("a.json", FileTime.fromMillis(5), 10,
                    List.of(article("a", "पहली", Optional.empty(), Optional.empty())))));
        }
        Article cached = cache("build-1", new ArticleCacheWriter()).read().get("a.json").articles().get(0);
        Article edited = article("b", "नई ख़बर", Optional.empty(), Optional.empty());

        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(List.of(
                    new ArticleCache.Entry("a.json", FileTime.fromMillis(5), 10, List.of(cached)),
                    new ArticleCache.Entry("b.json", FileTime.fromMillis(6), 11, List.of(edited))));
        }

        assertTrue(edited.texts().isOnHeap());
        assertEquals("सार: नई ख़बर", edited.summary());
        assertEquals(edited, cache("build-1", new ArticleCacheWriter()).read().get("b.json").articles().get(0));
    }

    @Test
    void a_cache_whose_texts_end_before_its_articles_do_is_reported_and_ignored() throws IOException {
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(List.of(new ArticleCache.Entry("a.json", FileTime.fromMillis(5), 10,
                    List.of(article("a", "कटा हुआ", Optional.empty(), Optional.empty())))));
        }
        Path file = dir.resolve("cache/local.articles");
        // the last part holds the block's summaries and bodies: cut two bytes off it, and sign the file again, as a
        // faulty build would
        byte[] good = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(good, 0, good.length - 4);
        in.position("pravah-articles\n".length());
        int last = 0;
        while (in.hasRemaining()) {
            last = in.position();
            in.position(last + 4 + in.getInt());
        }
        int textBytes = ByteBuffer.wrap(good).getInt(last);
        ByteBuffer cut = ByteBuffer.allocate(last + 4 + textBytes - 2 + 4);
        cut.put(good, 0, last).putInt(textBytes - 2).put(good, last + 4, textBytes - 2);
        CRC32C crc = new CRC32C();
        crc.update(cut.array(), 0, cut.position());
        cut.putInt((int) crc.getValue());
        Files.write(file, cut.array());

        assertEquals(Map.of(), cache("build-1", new ArticleCacheWriter()).read());
        String message = log.messages().get(log.messages().size() - 1);
        assertTrue(message.contains("cannot be decoded") && message.contains("runs past"), message);
    }

    @Test
    void a_cache_made_by_another_build_is_not_used_and_the_log_says_the_build_differs() {
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache("build-1", writer).save(List.of(new ArticleCache.Entry("a.json", FileTime.fromMillis(5), 10,
                    List.of(article("a", "पुराने कोड से", Optional.empty(), Optional.empty())))));
        }
        Map<String, ArticleCache.Entry> read = cache("build-2", new ArticleCacheWriter()).read();
        assertEquals(Map.of(), read);
        String message = log.messages().get(log.messages().size() - 1);
        assertTrue(message.contains("build"), message);
    }

    @Test
    void the_last_save_wins_even_when_many_follow_each_other_quickly() {
        ArticleCacheFile cache;
        try (ArticleCacheWriter writer = new ArticleCacheWriter()) {
            cache = cache("build-1", writer);
            for (int i = 0; i < 50; i++) {
                cache.save(List.of(new ArticleCache.Entry("a.json", FileTime.fromMillis(i), i,
                        List.of(article("a", "संस्करण " + i, Optional.empty(), Optional.empty())))));
            }
        }
        ArticleCache.Entry entry = cache.read().get("a.json");
        assertEquals(49, entry.size());
        assertEquals("संस्करण 49", entry.articles().get(0).title());
        try (var files = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of("local.articles"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_save_is_written_in_the_background_without_waiting_for_close() {
        ArticleCacheWriter writer = new ArticleCacheWriter(java.time.Duration.ofMillis(20));
        try {
            ArticleCacheFile cache = cache("build-1", writer);
            cache.save(List.of(new ArticleCache.Entry("a.json", FileTime.fromMillis(7), 3,
                    List.of(article("a", "पृष्ठभूमि में लिखा", Optional.empty(), Optional.empty())))));
            org.pravah.testing.TestSite.waitUntil(java.time.Duration.ofSeconds(10), "the cache file",
                    () -> Files.isRegularFile(dir.resolve("cache/local.articles")));
            org.pravah.testing.TestSite.waitUntil(java.time.Duration.ofSeconds(10), "the saved entry",
                    () -> cache.read().containsKey("a.json"));
        } finally {
            writer.close();
        }
    }

    @Test
    void a_temporary_file_left_by_a_killed_process_is_removed_once_it_is_old() throws IOException {
        Files.createDirectories(dir.resolve("cache"));
        Path old = dir.resolve("cache/local.articles.123.tmp");
        Path recent = dir.resolve("cache/local.articles.456.tmp");
        Files.write(old, new byte[] {1, 2, 3});
        Files.write(recent, new byte[] {4, 5, 6});
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

        cache("build-1", new ArticleCacheWriter()).read();

        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent), "a recent one may belong to a process writing it now");
    }

    @Test
    void the_identity_of_a_class_folder_changes_when_one_class_file_changes() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("org/pravah"));
        Path one = classes.resolve("org/pravah/Ek.class");
        Files.write(one, new byte[] {1, 2, 3});
        Files.write(classes.resolve("org/pravah/Do.class"), new byte[] {4, 5});
        Files.setLastModifiedTime(one, FileTime.fromMillis(1_000_000));
        String before = BuildIdentity.describe(classes);

        Files.write(one, new byte[] {7, 8, 9});
        Files.setLastModifiedTime(one, FileTime.fromMillis(2_000_000));

        assertNotEquals(before, BuildIdentity.describe(classes));
    }

    @Test
    void this_build_can_be_identified_so_the_cache_is_on() {
        assertTrue(BuildIdentity.current().isPresent());
    }
}
