package org.pravah.source.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pravah.article.Article;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.config.FeedSourceConfig;
import org.pravah.source.SourceLoad;
import org.pravah.source.SourceStatus;

class UpstreamSourceTest {
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    private static final SiteDefaults SITE = new SiteDefaults(LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"),
            "https://news.example");
    private static final byte[] FEED = StubUpstream.fixture("rss-hindi.xml");

    private final StubUpstream stub = new StubUpstream();
    private final MutableClock clock = new MutableClock(T0);
    @TempDir
    Path data;

    @AfterEach
    void stop() {
        stub.close();
    }

    private FeedSourceConfig config(Map<String, String> categoryMap, int timeoutSeconds) {
        return new FeedSourceConfig("partner", stub.uri("/rss"), 10, "desh", categoryMap, Optional.empty(),
                1024 * 1024, timeoutSeconds, data, false);
    }

    private UpstreamSource source(FeedSourceConfig config) {
        return new UpstreamSource(config, SITE, new ArticleNormaliser(SITE), FeedFetcher.newClient(), clock);
    }

    private UpstreamSource source() {
        return source(config(Map.of("world", "videsh", "क्रिकेट", "khel/cricket"), 5));
    }

    private static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>साझेदार</title>"
                + "<link>https://partner.example/</link><description>d</description>" + items + "</channel></rss>";
    }

    private static List<String> titles(SourceLoad load) {
        return load.articles().stream().map(Article::title).toList();
    }

    @Test
    void loading_never_touches_the_network() {
        stub.feed("/rss", "application/rss+xml", FEED);
        SourceLoad load = source().load();
        assertTrue(load.articles().isEmpty());
        assertTrue(stub.requests().isEmpty());
    }

    @Test
    void a_poll_serves_upstream_items_as_articles_filed_by_the_category_map_or_the_default_category() {
        stub.feed("/rss", "application/rss+xml", FEED);
        UpstreamSource source = source();
        UpstreamSource.Poll poll = source.poll();
        assertTrue(poll.changed());
        assertEquals(Duration.ofMinutes(10), poll.nextDelay());
        SourceLoad load = source.load();
        assertTrue(load.complete());
        assertEquals(3, load.articles().size());
        Article nepal = load.articles().get(0);
        assertEquals("नेपाल में भारी बर्फ़बारी से सड़कें बंद", nepal.title());
        assertEquals("partner", nepal.sourceName());
        assertEquals(List.of("videsh"), nepal.categoryRefs());
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), nepal.published());
        assertEquals(Optional.of(URI.create("https://partner.example/videsh/nepal-barf")), nepal.url());
        assertEquals(Optional.of("सीमा थापा"), nepal.author());
        assertEquals("hi-IN", nepal.language().value());
        assertEquals("पार्टनर फ़ोटो", nepal.image().orElseThrow().credit());
        assertEquals(List.of("khel/cricket"), load.articles().get(1).categoryRefs());
        Article library = load.articles().get(2);
        assertEquals(List.of(), library.categoryRefs());
        assertEquals(List.of("desh"), library.fallbackCategoryRefs());
    }

    @Test
    void items_that_leave_the_upstream_feed_stay_served() {
        stub.feed("/rss", "application/rss+xml", FEED);
        UpstreamSource source = source();
        source.poll();
        stub.feed("/rss", "application/rss+xml", rss("<item><title>बिलकुल नई ख़बर</title><guid>new-1</guid>"
                + "<pubDate>Sat, 28 Nov 2026 09:00:00 IST</pubDate></item>"));
        clock.advance(Duration.ofMinutes(10));
        assertTrue(source.poll().changed());
        assertEquals(List.of("बिलकुल नई ख़बर", "नेपाल में भारी बर्फ़बारी से सड़कें बंद",
                "रणजी ट्रॉफ़ी: विदर्भ ने पहली पारी में बढ़त ली", "शहर में नया पुस्तकालय खुला"), titles(source.load()));
    }

    /** Every way an upstream can fail; each must leave the last good items served and say what happened. */
    enum Failure {
        SERVER_ERROR("HTTP 500") {
            @Override
            void install(StubUpstream stub) {
                stub.on("/rss", ex -> StubUpstream.send(ex, 500, "text/plain", "x".getBytes(StandardCharsets.UTF_8)));
            }
        },
        DOWN("cannot connect") {
            @Override
            void install(StubUpstream stub) {
                stub.close();
            }
        },
        TIMEOUT("no complete answer within 1 s") {
            @Override
            void install(StubUpstream stub) {
                stub.on("/rss", ex -> stub.waitForever());
            }
        },
        OVERSIZE("larger than the 1 MB limit") {
            @Override
            void install(StubUpstream stub) {
                byte[] chunk = new byte[64 * 1024];
                stub.on("/rss", ex -> {
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < 50 * 16; i++) {
                            out.write(chunk);
                        }
                    }
                });
            }
        },
        MALFORMED_XML("the XML is malformed") {
            @Override
            void install(StubUpstream stub) {
                stub.feed("/rss", "application/rss+xml", "<rss version=\"2.0\"><channel><item></channel>");
            }
        },
        XXE("DOCTYPE") {
            @Override
            void install(StubUpstream stub) {
                stub.feed("/rss", "application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \""
                        + stub.uri("/secret") + "\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>");
            }
        },
        WRONG_CHARSET("not valid UTF-8") {
            @Override
            void install(StubUpstream stub) {
                stub.feed("/rss", "application/rss+xml; charset=utf-8",
                        rss("<item><title>Café</title></item>").getBytes(StandardCharsets.ISO_8859_1));
            }
        },
        UTF_8_LABELLED_LATIN_1("its Content-Type says ISO-8859-1, but the feed's bytes are UTF-8") {
            @Override
            void install(StubUpstream stub) {
                // an encoding in the XML declaration would win over the header
                stub.feed("/rss", "application/rss+xml; charset=ISO-8859-1", new String(FEED, StandardCharsets.UTF_8)
                        .replace(" encoding=\"UTF-8\"", ""));
            }
        },
        UTF_8_DECLARED_LATIN_1("its XML declaration says ISO-8859-1, but the feed's bytes are UTF-8") {
            @Override
            void install(StubUpstream stub) {
                stub.feed("/rss", "application/rss+xml", new String(FEED, StandardCharsets.UTF_8)
                        .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""));
            }
        },
        GZIP_BOMB("may be a gzip bomb") {
            @Override
            void install(StubUpstream stub) {
                ByteArrayOutputStream bomb = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
                    gz.write(new byte[8 * 1024 * 1024]);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                stub.on("/rss", ex -> {
                    ex.getResponseHeaders().set("Content-Encoding", "gzip");
                    StubUpstream.send(ex, 200, "application/rss+xml", bomb.toByteArray());
                });
            }
        },
        REDIRECT_LOOP("redirect loop") {
            @Override
            void install(StubUpstream stub) {
                stub.on("/rss", ex -> {
                    ex.getResponseHeaders().set("Location", "/rss");
                    StubUpstream.send(ex, 302, null, new byte[0]);
                });
            }
        },
        HTML_PAGE("not an RSS or Atom feed") {
            @Override
            void install(StubUpstream stub) {
                stub.feed("/rss", "text/html", "<html><body>maintenance</body></html>");
            }
        };

        final String says;

        Failure(String says) {
            this.says = says;
        }

        abstract void install(StubUpstream stub);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void a_failing_upstream_keeps_serving_its_last_good_items_and_reports_why(Failure failure) {
        stub.feed("/rss", "application/rss+xml", FEED);
        UpstreamSource source = source(config(Map.of(), 1));
        source.poll();
        List<Article> good = source.load().articles();
        clock.advance(Duration.ofMinutes(10));
        failure.install(stub);
        UpstreamSource.Poll poll = source.poll();
        assertFalse(poll.changed());
        assertEquals(good, source.load().articles());
        SourceStatus status = source.status();
        assertFalse(status.ok());
        assertTrue(status.lastError().contains(failure.says), status.lastError());
        assertEquals(Optional.of(T0), status.lastSuccess());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(10))), status.lastAttempt());
        assertEquals(3, status.items());
        assertEquals(Duration.ofMinutes(20), poll.nextDelay());
        assertTrue(stub.requests("/secret").isEmpty(), "no external entity may be fetched");
    }

    @Test
    void a_304_keeps_the_items_and_counts_as_success() {
        stub.on("/rss", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                StubUpstream.send(ex, 304, null, new byte[0]);
            } else {
                ex.getResponseHeaders().set("ETag", "\"v1\"");
                StubUpstream.send(ex, 200, "application/rss+xml", FEED);
            }
        });
        UpstreamSource source = source();
        source.poll();
        clock.advance(Duration.ofMinutes(10));
        assertFalse(source.poll().changed());
        assertEquals(3, source.load().articles().size());
        SourceStatus status = source.status();
        assertTrue(status.ok());
        assertEquals(OptionalInt.of(304), status.httpStatus());
        assertEquals(Optional.of(T0.plus(Duration.ofMinutes(10))), status.lastSuccess());
        assertEquals("\"v1\"", stub.requests("/rss").get(1).header("If-None-Match"));
    }

    @Test
    void kept_items_and_validators_survive_a_restart_while_the_upstream_is_down() throws IOException {
        stub.on("/rss", ex -> {
            ex.getResponseHeaders().set("ETag", "\"v7\"");
            ex.getResponseHeaders().set("Last-Modified", "Fri, 27 Nov 2026 05:00:00 GMT");
            StubUpstream.send(ex, 200, "application/rss+xml", FEED);
        });
        source().poll();
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(List.of("partner.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "the data folder holds the kept items and no temporary file");
        }
        JsonNode kept = JsonMapper.builder().build().readTree(data.resolve("partner.json").toFile());
        assertEquals(3, kept.path("items").size());

        stub.on("/rss", ex -> StubUpstream.send(ex, 503, "text/plain", "down".getBytes(StandardCharsets.UTF_8)));
        clock.advance(Duration.ofHours(1));
        UpstreamSource restarted = source();
        assertEquals(3, restarted.load().articles().size(), "served before any fetch");
        restarted.poll();
        assertEquals(3, restarted.load().articles().size());
        StubUpstream.Request afterRestart = stub.requests("/rss").get(1);
        assertEquals("\"v7\"", afterRestart.header("If-None-Match"));
        assertEquals("Fri, 27 Nov 2026 05:00:00 GMT", afterRestart.header("If-Modified-Since"));
        assertEquals(Optional.of(T0), restarted.status().lastSuccess());
    }

    @Test
    void an_unreadable_date_keeps_the_time_first_seen_across_polls_and_restarts() {
        stub.feed("/rss", "application/rss+xml", rss("<item><title>तारीख़ ग़लत</title><guid>bad-date</guid>"
                + "<pubDate>कल सुबह</pubDate></item>"));
        UpstreamSource source = source();
        source.poll();
        assertEquals(T0, source.load().articles().get(0).published());
        assertTrue(source.load().problems().stream().anyMatch(p -> p.contains("'कल सुबह' is not a date")),
                source.load().problems().toString());
        clock.advance(Duration.ofMinutes(10));
        source.poll();
        assertEquals(T0, source.load().articles().get(0).published());
        clock.advance(Duration.ofHours(5));
        UpstreamSource restarted = source();
        restarted.poll();
        assertEquals(T0, restarted.load().articles().get(0).published());
    }

    @Test
    void undated_items_new_in_one_fetch_keep_the_upstream_order_and_distinct_times() {
        stub.feed("/rss", "application/rss+xml", rss("<item><title>ऊपर</title><guid>1</guid></item>"
                + "<item><title>बीच</title><guid>2</guid></item><item><title>नीचे</title><guid>3</guid></item>"));
        UpstreamSource source = source();
        source.poll();
        List<Article> articles = source.load().articles();
        assertEquals(List.of("ऊपर", "बीच", "नीचे"), titles(source.load()));
        assertEquals(List.of(T0, T0.minusSeconds(1), T0.minusSeconds(2)),
                articles.stream().map(Article::published).toList());
    }

    @Test
    void duplicate_guids_are_served_once_and_reported() {
        stub.feed("/rss", "application/rss+xml", rss("<item><title>पहला</title><guid>same</guid></item>"
                + "<item><title>दूसरा</title><guid>same</guid></item>"));
        UpstreamSource source = source();
        source.poll();
        assertEquals(List.of("पहला"), titles(source.load()));
        assertTrue(source.load().problems().stream().anyMatch(p -> p.contains("appears more than once")));
    }

    @Test
    void a_config_edit_refiles_items_fetched_earlier() {
        stub.feed("/rss", "application/rss+xml", FEED);
        source().poll();
        UpstreamSource edited = source(config(Map.of("World", "videsh/asia"), 5));
        assertEquals(List.of("videsh/asia"), edited.load().articles().get(0).categoryRefs());
    }

    @Test
    void a_damaged_data_file_is_moved_aside_and_reported() throws IOException {
        Files.writeString(data.resolve("partner.json"), "{\"version\": 1, \"items\": [", StandardCharsets.UTF_8);
        UpstreamSource source = source();
        assertTrue(source.load().articles().isEmpty());
        assertTrue(source.status().lastError().contains("cannot be read"), source.status().lastError());
        assertTrue(Files.exists(data.resolve("partner.json.unreadable")));
    }

    @Test
    void retry_after_pushes_the_next_poll_back() {
        stub.on("/rss", ex -> {
            ex.getResponseHeaders().set("Retry-After", "7200");
            StubUpstream.send(ex, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
        });
        UpstreamSource.Poll poll = source().poll();
        assertEquals(Duration.ofHours(2), poll.nextDelay());
    }

    @Test
    void failures_back_off_by_doubling_up_to_six_hours_and_success_returns_to_the_interval() {
        Duration ten = Duration.ofMinutes(10);
        assertEquals(ten, UpstreamSource.nextDelay(ten, 0, Optional.empty()));
        assertEquals(Duration.ofMinutes(20), UpstreamSource.nextDelay(ten, 1, Optional.empty()));
        assertEquals(Duration.ofMinutes(40), UpstreamSource.nextDelay(ten, 2, Optional.empty()));
        assertEquals(Duration.ofHours(6), UpstreamSource.nextDelay(ten, 6, Optional.empty()));
        assertEquals(Duration.ofHours(6), UpstreamSource.nextDelay(ten, 100, Optional.empty()));
        assertEquals(Duration.ofHours(24), UpstreamSource.nextDelay(Duration.ofHours(24), 3, Optional.empty()));
        assertEquals(Duration.ofHours(3), UpstreamSource.nextDelay(ten, 1, Optional.of(Duration.ofHours(3))));
        assertEquals(Duration.ofMinutes(20), UpstreamSource.nextDelay(ten, 1, Optional.of(Duration.ofMinutes(1))));
    }

    @Test
    void consecutive_failures_lengthen_the_wait() {
        stub.on("/rss", ex -> StubUpstream.send(ex, 500, "text/plain", "x".getBytes(StandardCharsets.UTF_8)));
        UpstreamSource source = source();
        assertEquals(Duration.ofMinutes(20), source.poll().nextDelay());
        assertEquals(Duration.ofMinutes(40), source.poll().nextDelay());
        stub.feed("/rss", "application/rss+xml", FEED);
        assertEquals(Duration.ofMinutes(10), source.poll().nextDelay());
        assertTrue(source.status().ok());
        assertTrue(source.status().lastError().startsWith("HTTP 500"), "the last error stays visible");
    }

    @Test
    void an_upstream_item_with_an_over_long_description_is_kept_with_its_summary_cut_to_the_limit() {
        String sentence = "साझेदार अख़बार ने पूरी ख़बर विवरण में ही भेज दी है। ";
        String description = sentence.repeat(6_000 / sentence.length() + 1);
        stub.feed("/rss", "application/rss+xml", rss("<item><title>लंबे विवरण वाली ख़बर</title><guid>lamba-1</guid>"
                + "<link>https://partner.example/lamba</link><description>" + description + "</description>"
                + "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">&lt;p&gt;पूरा पाठ"
                + "&lt;/p&gt;</content:encoded><pubDate>Fri, 27 Nov 2026 10:00:00 +0530</pubDate></item>")
                .getBytes(StandardCharsets.UTF_8));
        UpstreamSource source = source();
        source.poll();
        SourceLoad load = source.load();
        assertEquals(List.of("लंबे विवरण वाली ख़बर"), titles(load), "the item is served: " + load.problems());
        String summary = load.articles().get(0).summary();
        assertEquals(5_000, summary.codePointCount(0, summary.length()));
        assertTrue(summary.endsWith("…") && summary.startsWith(sentence.strip()), summary);
    }
}
