package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pravah.Application;
import org.pravah.config.ConfigLoader;
import org.pravah.render.FeedDom;
import org.pravah.testing.Client;
import org.pravah.testing.MiniSite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The real server on 127.0.0.1 at a free port, serving {@link MiniSite}: what a feed reader, a browser and a cache see.
 * The site's base URL matches the port, so self links must equal the URLs requested.
 */
class ServerTest extends ServedMiniSite {
    private static final String RSS_TYPE = "application/rss+xml; charset=utf-8";
    private static final String ATOM_TYPE = "application/atom+xml; charset=utf-8";
    private static final Pattern RFC_822 = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}:\\d{2} \\+0530");
    private static final Pattern RFC_3339_INDIA = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+05:30");


    static byte[] body(String path) {
        HttpResponse<byte[]> response = http.get(path);
        assertEquals(200, response.statusCode(), () -> path + " → " + response.statusCode());
        return response.body();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Stream<String> feedPaths() {
        List<String> paths = new ArrayList<>();
        for (String category : concat("all", MiniSite.CATEGORY_PATHS)) {
            paths.add("/feeds/" + category + ".rss");
            paths.add("/feeds/" + category + ".atom");
        }
        return paths.stream();
    }

    static Stream<String> rssPaths() {
        return feedPaths().filter(p -> p.endsWith(".rss"));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }

    static String categoryOf(String feedPath) {
        return feedPath.substring("/feeds/".length(), feedPath.lastIndexOf('.'));
    }

    static SyndFeed rome(byte[] bytes) throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(bytes)));
    }

    @Nested
    class RssFeed {
        @Test
        void rss_feed_is_served_with_the_rss_media_type_and_utf8_charset() {
            HttpResponse<byte[]> response = http.get("/feeds/all.rss");
            assertEquals(200, response.statusCode());
            assertEquals(RSS_TYPE, Client.header(response, "Content-Type"));
        }

        @Test
        void rss_feed_declares_hindi_content_language_header() {
            assertEquals("hi", Client.header(http.get("/feeds/all.rss"), "Content-Language"));
        }

        @Test
        void rss_feed_starts_with_a_utf8_xml_declaration() {
            assertTrue(text(body("/feeds/all.rss")).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        }

        @Test
        void rss_feed_carries_devanagari_as_raw_utf8_bytes_not_character_references() {
            byte[] feed = body("/feeds/all.rss");
            byte[] title = MiniSite.expected().get(1).nfcTitle().getBytes(StandardCharsets.UTF_8);
            assertTrue(indexOf(feed, title) >= 0, "the title's UTF-8 bytes should appear in the feed");
            assertFalse(text(feed).contains("&#"), "no numeric character references");
        }

        @Test
        void rss_channel_declares_hindi_language() {
            Document rss = FeedDom.parse(body("/feeds/all.rss"));
            assertEquals(List.of("hi"), FeedDom.texts(rss, null, "language"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/all.rss", "/feeds/desh/rajya.rss"})
        void rss_self_link_equals_the_url_requested(String path) {
            Document rss = FeedDom.parse(body(path));
            List<String> self = FeedDom.elements(rss, FeedDom.ATOM, "link").stream()
                    .filter(e -> e.getAttribute("rel").equals("self")).map(e -> e.getAttribute("href")).toList();
            assertEquals(List.of(http.url(path)), self);
        }

        @Test
        void rss_feed_has_no_dublin_core_date_or_language_duplicating_its_own_elements() {
            byte[] feed = body("/feeds/all.rss");
            Document rss = FeedDom.parse(feed);
            assertEquals(0, FeedDom.elements(rss, FeedDom.DC, "date").size());
            assertFalse(text(feed).contains("dc:date"));
            Element channel = FeedDom.elements(rss, null, "channel").get(0);
            assertEquals(0, FeedDom.children(channel, FeedDom.DC, "language").size());
            // only the English item has its own language, which no RSS element can say
            assertEquals(List.of("en"), FeedDom.texts(rss, FeedDom.DC, "language"));
        }

        @Test
        void rss_dates_are_rfc822_with_the_india_offset_and_never_the_ambiguous_ist() {
            byte[] feed = body("/feeds/all.rss");
            Document rss = FeedDom.parse(feed);
            List<String> dates = new ArrayList<>(FeedDom.texts(rss, null, "pubDate"));
            dates.addAll(FeedDom.texts(rss, null, "lastBuildDate"));
            assertEquals(2 + MiniSite.expected().size(), dates.size());
            for (String date : dates) {
                assertTrue(RFC_822.matcher(date).matches(), date);
            }
            assertFalse(text(feed).contains("IST"));
        }

        @Test
        void rss_item_date_is_the_articles_publication_time_in_india() {
            Document rss = FeedDom.parse(body("/feeds/all.rss"));
            Element newest = FeedDom.elements(rss, null, "item").get(0);
            // bijli-bachat.md: published 2026-11-21T08:00:00+05:30
            assertEquals("Sat, 21 Nov 2026 08:00:00 +0530", FeedDom.childText(newest, null, "pubDate"));
        }

        @Test
        void rss_item_of_the_article_with_image_and_author_carries_media_content_and_dc_creator() {
            Document rss = FeedDom.parse(body("/feeds/desh/rajya.rss"));
            Element item = itemWithGuid(rss, MiniSite.expected().get(1).id(baseUrl));
            assertEquals("नेहा बिष्ट", FeedDom.childText(item, FeedDom.DC, "creator"));
            Element media = FeedDom.children(item, FeedDom.MEDIA, "content").get(0);
            assertEquals("https://example.org/images/pahadi-sadak.jpg", media.getAttribute("url"));
            assertEquals("प्रवाह समाचार", FeedDom.childText(media, FeedDom.MEDIA, "credit"));
        }

        private Element itemWithGuid(Document rss, String guid) {
            return FeedDom.elements(rss, null, "item").stream()
                    .filter(i -> guid.equals(FeedDom.childText(i, null, "guid"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no item with guid " + guid));
        }
    }

    @Nested
    class AtomFeed {
        @Test
        void atom_feed_is_served_with_the_atom_media_type_and_utf8_charset() {
            HttpResponse<byte[]> response = http.get("/feeds/all.atom");
            assertEquals(200, response.statusCode());
            assertEquals(ATOM_TYPE, Client.header(response, "Content-Type"));
        }

        @Test
        void atom_feed_declares_xml_lang_hi() {
            Document atom = FeedDom.parse(body("/feeds/all.atom"));
            assertEquals("hi", atom.getDocumentElement().getAttributeNS(FeedDom.XML, "lang"));
        }

        @Test
        void english_entry_alone_carries_xml_lang_en() {
            Document atom = FeedDom.parse(body("/feeds/all.atom"));
            Map<String, String> langById = FeedDom.elements(atom, FeedDom.ATOM, "entry").stream().collect(
                    Collectors.toMap(e -> FeedDom.childText(e, FeedDom.ATOM, "id"), e -> e.getAttributeNS(FeedDom.XML, "lang")));
            for (MiniSite.Expected article : MiniSite.expected()) {
                String expected = article.language().equals("en") ? "en" : "";
                assertEquals(expected, langById.get(article.id(baseUrl)), article.file());
            }
        }

        @Test
        void atom_dates_are_rfc3339_with_the_india_offset() {
            Document atom = FeedDom.parse(body("/feeds/all.atom"));
            List<String> dates = new ArrayList<>(FeedDom.texts(atom, FeedDom.ATOM, "published"));
            dates.addAll(FeedDom.texts(atom, FeedDom.ATOM, "updated"));
            assertEquals(1 + 2 * MiniSite.expected().size(), dates.size());
            for (String date : dates) {
                assertTrue(RFC_3339_INDIA.matcher(date).matches(), date);
            }
        }

        @Test
        void atom_date_of_an_article_written_in_utc_is_shown_at_the_india_offset() {
            Document atom = FeedDom.parse(body("/feeds/videsh.atom"));
            Element entry = entryWithId(atom, baseUrl + "/articles/local/videsh/open-data-en");
            // open-data-en.json: published 2026-11-19T14:30:00Z
            assertEquals("2026-11-19T20:00:00+05:30", FeedDom.childText(entry, FeedDom.ATOM, "published"));
        }

        @Test
        void atom_content_is_typed_html_and_escaped_exactly_once() {
            Document atom = FeedDom.parse(body("/feeds/all.atom"));
            List<Element> contents = FeedDom.elements(atom, FeedDom.ATOM, "content");
            assertEquals(MiniSite.expected().size(), contents.size());
            for (Element content : contents) {
                assertEquals("html", content.getAttribute("type"));
                // a paragraph, or the article image's figure before it; never "&lt;p&gt;"
                assertTrue(content.getTextContent().startsWith("<p>")
                        || content.getTextContent().startsWith("<figure><img "), content.getTextContent());
            }
        }

        @Test
        void atom_self_link_equals_the_url_requested() {
            Document atom = FeedDom.parse(body("/feeds/videsh.atom"));
            List<String> self = FeedDom.elements(atom, FeedDom.ATOM, "link").stream()
                    .filter(e -> e.getAttribute("rel").equals("self")).map(e -> e.getAttribute("href")).toList();
            assertEquals(List.of(http.url("/feeds/videsh.atom")), self);
        }

        private Element entryWithId(Document atom, String id) {
            return FeedDom.elements(atom, FeedDom.ATOM, "entry").stream()
                    .filter(e -> id.equals(FeedDom.childText(e, FeedDom.ATOM, "id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no entry with id " + id));
        }
    }

    /** What a Rome-based reader gets out of every feed, compared with the source articles. */
    @Nested
    class RomeRoundTrip {
        @ParameterizedTest
        @MethodSource("org.pravah.http.ServerTest#feedPaths")
        void feed_reads_back_with_the_source_titles_newest_first(String path) throws Exception {
            SyndFeed feed = rome(body(path));
            List<String> expected = MiniSite.expectedIn(categoryOf(path)).stream().map(MiniSite.Expected::nfcTitle).toList();
            assertEquals(expected, feed.getEntries().stream().map(SyndEntry::getTitle).toList());
        }

        /** Only RSS: Rome's Atom parser ignores xml:lang (see AtomFeed for the Atom language on the wire). */
        @ParameterizedTest
        @MethodSource("org.pravah.http.ServerTest#rssPaths")
        void rss_feed_reads_back_as_hindi(String path) throws Exception {
            assertEquals("hi", rome(body(path)).getLanguage());
        }

        @ParameterizedTest
        @MethodSource("org.pravah.http.ServerTest#feedPaths")
        void feed_reads_back_with_each_articles_publication_instant(String path) throws Exception {
            SyndFeed feed = rome(body(path));
            Map<String, SyndEntry> byId = feed.getEntries().stream()
                    .collect(Collectors.toMap(SyndEntry::getUri, Function.identity()));
            for (MiniSite.Expected article : MiniSite.expectedIn(categoryOf(path))) {
                SyndEntry entry = byId.get(article.id(baseUrl));
                assertNotNull(entry, () -> "no entry " + article.id(baseUrl));
                assertEquals(article.published(), entry.getPublishedDate().toInstant(), article.file());
            }
        }

        @Test
        void parent_category_feed_contains_its_child_categorys_article() throws Exception {
            String childArticle = MiniSite.expectedIn("desh/rajya").get(0).nfcTitle();
            for (String path : List.of("/feeds/desh.rss", "/feeds/desh.atom")) {
                List<String> titles = rome(body(path)).getEntries().stream().map(SyndEntry::getTitle).toList();
                assertTrue(titles.contains(childArticle), path + ": " + titles);
            }
        }
    }

    /** A second server on the same files, as after a restart: readers must see the same items and validators. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SecondStart {
        private Application second;
        private Client other;

        @BeforeAll
        void startAgain() throws Exception {
            second = new Application(ConfigLoader.load(siteDir.resolve("feeds-config.yaml")).withPort(0))
                    .start("127.0.0.1");
            other = Client.at(second.port());
        }

        @AfterAll
        void stopAgain() {
            if (second != null) {
                second.close();
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/all.rss", "/feeds/all.atom"})
        void guids_and_ids_are_identical_across_two_server_starts_on_the_same_content(String path) throws Exception {
            List<String> first = rome(body(path)).getEntries().stream().map(SyndEntry::getUri).toList();
            List<String> again = rome(other.get(path).body()).getEntries().stream().map(SyndEntry::getUri).toList();
            assertEquals(MiniSite.expected().size(), first.size());
            assertEquals(first, again);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/feeds/all.rss", "/feeds/desh/rajya.atom", "/"})
        void etag_is_identical_across_two_server_starts_on_the_same_content(String path) {
            String etag = Client.header(http.get(path), "ETag");
            assertNotNull(etag);
            assertEquals(etag, Client.header(other.get(path), "ETag"));
        }
    }

    @Nested
    class ConditionalRequests {
        private static final String FEED = "/feeds/all.rss";

        @Test
        void feed_etag_is_a_quoted_strong_tag() {
            String etag = Client.header(http.get(FEED), "ETag");
            assertNotNull(etag);
            assertTrue(etag.matches("\"[A-Za-z0-9_-]+\""), etag);
        }

        @Test
        void if_none_match_with_the_current_etag_gives_304_with_empty_body_and_the_same_etag() {
            String etag = Client.header(http.get(FEED), "ETag");
            HttpResponse<byte[]> response = http.get(FEED, "If-None-Match", etag);
            assertEquals(304, response.statusCode());
            assertEquals(0, response.body().length);
            assertEquals(etag, Client.header(response, "ETag"));
        }

        @Test
        void a_304_never_says_content_length_zero() {
            // RFC 9110 §8.6: a 304 may carry Content-Length only as the length the 200 would have had
            for (String path : List.of(FEED, FEED + "?page=1")) {
                for (String method : List.of("GET", "HEAD")) {
                    HttpResponse<byte[]> full = http.get(path);
                    HttpResponse<byte[]> notModified = method.equals("GET")
                            ? http.get(path, "If-None-Match", Client.header(full, "ETag"))
                            : http.head(path, "If-None-Match", Client.header(full, "ETag"));
                    assertEquals(304, notModified.statusCode());
                    String length = Client.header(notModified, "Content-Length");
                    assertTrue(length == null || length.equals(Integer.toString(full.body().length)),
                            method + " " + path + ": Content-Length " + length);
                }
            }
        }

        @Test
        void if_modified_since_equal_to_last_modified_gives_304() {
            String lastModified = Client.header(http.get(FEED), "Last-Modified");
            assertNotNull(lastModified);
            HttpResponse<byte[]> response = http.get(FEED, "If-Modified-Since", lastModified);
            assertEquals(304, response.statusCode());
            assertEquals(0, response.body().length);
        }

        @Test
        void stale_if_none_match_gives_200_with_the_feed() {
            HttpResponse<byte[]> response = http.get(FEED, "If-None-Match", "\"an-older-feed\"");
            assertEquals(200, response.statusCode());
            assertArrayEquals(body(FEED), response.body());
        }

        @Test
        void gzip_request_gets_a_gzip_body_with_vary_accept_encoding() {
            HttpResponse<byte[]> response = http.get(FEED, "Accept-Encoding", "gzip");
            assertEquals(200, response.statusCode());
            assertEquals("gzip", Client.header(response, "Content-Encoding"));
            assertTrue(varies(response), () -> "Vary: " + Client.header(response, "Vary"));
        }

        @Test
        void identity_response_of_a_compressible_feed_also_varies_on_accept_encoding() {
            HttpResponse<byte[]> response = http.get(FEED);
            assertNull(Client.header(response, "Content-Encoding"));
            assertTrue(varies(response), () -> "Vary: " + Client.header(response, "Vary"));
        }

        @Test
        void gzip_response_has_a_weak_etag_with_the_same_opaque_part() {
            String identity = Client.header(http.get(FEED), "ETag");
            String gzip = Client.header(http.get(FEED, "Accept-Encoding", "gzip"), "ETag");
            assertEquals("W/" + identity, gzip);
        }

        @Test
        void gzip_body_decompresses_to_the_identity_bytes() throws IOException {
            byte[] compressed = http.get(FEED, "Accept-Encoding", "gzip").body();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                assertArrayEquals(body(FEED), in.readAllBytes());
            }
        }

        @Test
        void weak_gzip_etag_sent_back_without_gzip_still_gives_304() {
            String weak = Client.header(http.get(FEED, "Accept-Encoding", "gzip"), "ETag");
            assertEquals(304, http.get(FEED, "If-None-Match", weak).statusCode());
        }

        @Test
        void head_gives_the_same_headers_as_get_and_no_body() {
            HttpResponse<byte[]> get = http.get(FEED);
            HttpResponse<byte[]> head = http.head(FEED);
            assertEquals(200, head.statusCode());
            for (String name : List.of("Content-Type", "Content-Length", "ETag", "Last-Modified", "Content-Language",
                    "Cache-Control", "Vary")) {
                assertNotNull(Client.header(get, name), name);
                assertEquals(Client.header(get, name), Client.header(head, name), name);
            }
            assertEquals(0, head.body().length);
        }

        private boolean varies(HttpResponse<?> response) {
            String vary = Client.header(response, "Vary");
            return vary != null && Arrays.stream(vary.split(","))
                    .anyMatch(v -> v.strip().equalsIgnoreCase("Accept-Encoding"));
        }
    }

    /** A site of its own whose files change after the first request, as an editor's would. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ChangedContent {
        private Path dir;
        private Application edited;
        private Client client;

        @BeforeAll
        void startOwnSite(@TempDir Path tempDir) throws Exception {
            dir = tempDir;
            edited = new Application(ConfigLoader.load(MiniSite.create(dir, 0, "https://pravah.example")))
                    .start("127.0.0.1");
            client = Client.at(edited.port());
        }

        @AfterAll
        void stopOwnSite() {
            if (edited != null) {
                edited.close();
            }
        }

        /**
         * A corrected title changes the feed's bytes but not the newest article's date. A reader that sends only
         * If-Modified-Since (no If-None-Match) must get the corrected feed, not a 304 for its stale copy.
         */
        @Test
        void corrected_title_is_not_answered_304_to_an_if_modified_since_only_client() throws Exception {
            HttpResponse<byte[]> before = client.get("/feeds/all.rss");
            Path article = dir.resolve("articles/videsh/open-data-en.json");
            String json = new String(Files.readAllBytes(article), StandardCharsets.UTF_8);
            Files.write(article, json.replace("Coastal cities publish", "Coastal towns publish")
                    .getBytes(StandardCharsets.UTF_8));
            edited.refresh();
            HttpResponse<byte[]> now = client.get("/feeds/all.rss");
            assertNotEquals(Client.header(before, "ETag"), Client.header(now, "ETag"), "precondition: the feed changed");

            HttpResponse<byte[]> revalidated = client.get("/feeds/all.rss",
                    "If-Modified-Since", Client.header(before, "Last-Modified"));

            assertEquals(200, revalidated.statusCode());
        }
    }

    @Nested
    class Paths {
        @Test
        void unknown_feed_is_404_with_a_short_text_body() {
            HttpResponse<byte[]> response = http.get("/feeds/ajooba.rss");
            assertEquals(404, response.statusCode());
            assertTrue(Client.header(response, "Content-Type").startsWith("text/plain"));
            assertTrue(response.body().length < 200, () -> text(response.body()));
            assertFalse(text(response.body()).contains("Exception"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "/feeds/../pom.xml",
                "/feeds/../feeds-config.yaml",
                "/feeds/%2e%2e/x.rss",
                "/feeds/%2e%2e%2ffeeds-config.yaml",
                "/feeds/videsh%2Fasia.rss",
                "/feeds/videsh%2fkhel.atom",
                "/articles/%ff%fe",
                "/articles/../feeds-config.yaml",
                "/articles/local/..%2F..%2Ffeeds-config.yaml",
                "/articles/local/%2e%2e/%2e%2e/feeds-config.yaml",
        })
        void hostile_path_is_refused_without_file_content_or_stack_trace(String path) {
            assertRefused(path, http.get(path));
        }

        @Test
        void five_thousand_character_path_is_refused_without_stack_trace() {
            String path = "/feeds/" + "a".repeat(5000) + ".rss";
            assertRefused("5000-char path", http.get(path));
        }

        private void assertRefused(String what, HttpResponse<byte[]> response) {
            String body = text(response.body());
            assertTrue(List.of(400, 404, 414).contains(response.statusCode()), () -> what + " → " + response.statusCode());
            assertFalse(body.contains("at org."), () -> what + " leaks a stack trace: " + body);
            assertFalse(body.contains("Exception"), () -> what + " leaks an exception: " + body);
            assertFalse(body.contains("baseUrl"), () -> what + " leaks the config file: " + body);
            assertFalse(body.contains("<project"), () -> what + " leaks pom.xml: " + body);
        }

        @ParameterizedTest
        @ValueSource(strings = {"PUT", "POST", "DELETE", "PATCH", "OPTIONS"})
        void a_method_other_than_get_or_head_outside_the_api_is_405_allowing_get_and_head(String method) {
            for (String path : List.of("/feeds/all.rss", "/feeds/desh/rajya.atom", "/feeds/all.json?q=x",
                    "/feeds/desh", "/feeds/nahin.rss", "/", "/feeds.opml", "/articles/local/desh/rajya/suraksha-jaanch",
                    "/icon.png", "/status", "/health", "/metrics")) {
                HttpResponse<byte[]> response = http.send(method, path, null);
                assertEquals(405, response.statusCode(), () -> method + " " + path);
                assertEquals("GET, HEAD", Client.header(response, "Allow"), () -> method + " " + path);
                assertTrue(Client.header(response, "Content-Type").startsWith("text/plain"), () -> method + " " + path);
                assertTrue(text(response.body()).startsWith("405 — "), () -> text(response.body()));
            }
        }

        @Test
        void the_publish_api_keeps_its_own_methods() {
            // no token is configured: the API answers every method with its own problem, never a 405
            for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                String path = method.equals("POST") ? "/api/articles" : "/api/articles/koi-khabar";
                HttpResponse<byte[]> response = http.send(method, path, null);
                assertEquals(404, response.statusCode(), method);
                assertTrue(Client.header(response, "Content-Type").startsWith("application/problem+json"), method);
            }
        }

        @Test
        void health_answers_200() {
            assertEquals(200, http.get("/health").statusCode());
        }

        @Test
        void index_is_utf8_html_in_hindi() {
            HttpResponse<byte[]> response = http.get("/");
            assertEquals(200, response.statusCode());
            String type = Client.header(response, "Content-Type").toLowerCase(Locale.ROOT).replace(" ", "");
            assertTrue(type.startsWith("text/html;") && type.contains("charset=utf-8"), type);
            assertTrue(text(response.body()).contains("<html lang=\"hi\">"));
        }

        @Test
        void index_links_the_rss_and_atom_feeds_as_alternates() {
            String html = text(body("/"));
            assertTrue(html.contains("<link rel=\"alternate\" type=\"application/rss+xml\""), html);
            assertTrue(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""), html);
            assertTrue(html.contains("href=\"" + http.url("/feeds/all.rss") + "\""), html);
            assertTrue(html.contains("href=\"" + http.url("/feeds/all.atom") + "\""), html);
        }

        @Test
        void article_page_shows_the_title_escaped() {
            String html = text(body("/articles/local/desh/rajya/suraksha-jaanch"));
            // jte escapes < > & in text; a quote needs no escaping there
            assertTrue(html.contains("<h1>\"सुरक्षित\" स्कूल बस: &lt;जांच&gt; &amp; चेतावनी के नए नियम</h1>"), html);
            assertFalse(html.contains("<जांच>"), html);
        }

        @Test
        void article_page_shows_the_sanitised_content_without_script_or_event_handlers() {
            String html = text(body("/articles/local/desh/rajya/suraksha-jaanch"));
            assertTrue(html.contains("<b>ज़रूरी</b>"), html);
            assertFalse(html.contains("<script"), html);
            assertFalse(html.contains("alert("), html);
            assertFalse(html.contains("onclick"), html);
        }

        @Test
        void unknown_article_is_404() {
            assertEquals(404, http.get("/articles/local/desh/nahin-hai").statusCode());
        }

        @Test
        void bad_article_files_do_not_stop_the_other_articles_being_served() throws Exception {
            List<String> titles = rome(body("/feeds/all.rss")).getEntries().stream().map(SyndEntry::getTitle).toList();
            assertEquals(MiniSite.expected().stream().map(MiniSite.Expected::nfcTitle).toList(), titles);
        }
    }

    /** Where {@code needle} first starts in {@code haystack}, or -1: Latin-1 maps each byte to one char. */
    private static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
