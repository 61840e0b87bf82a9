package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.article.LanguageTag;
import org.pravah.config.ConfigLoader;
import org.pravah.render.FeedFormat;
import org.pravah.render.KeptFeeds;
import org.pravah.render.Rendered;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** A restart answers feed readers' polls from the first second with the feeds the stop before it served. */
class KeptFeedsServingTest {
    private static final Rendered ALL_FEED = Rendered.of(FeedFormat.RSS.contentType(),
            ("<rss version=\"2.0\"><channel><title>प्रवाह</title>"
                    + "<item><title>पहाड़ों पर पहली बर्फ़, पर्यटकों की भीड़ बढ़ी</title></item>".repeat(30)
                    + "</channel></rss>").getBytes(StandardCharsets.UTF_8),
            Instant.parse("2026-11-30T02:00:00Z"));

    private static Javalin startingServer() {
        KeptFeeds kept = new KeptFeeds(new LanguageTag("hi"), Map.of(new KeptFeeds.Feed("all", FeedFormat.RSS),
                ALL_FEED));
        return new Server(() -> null).serveUntilReady(kept).create("127.0.0.1", 0).start();
    }

    @Test
    void before_the_first_catalogue_a_kept_feed_is_answered_with_its_bytes_and_validators() throws IOException {
        Javalin http = startingServer();
        try {
            Client client = Client.at(http.port());
            HttpResponse<byte[]> feed = client.get("/feeds/all.rss");
            assertEquals(200, feed.statusCode());
            assertArrayEquals(ALL_FEED.bytes(), feed.body());
            assertEquals(ALL_FEED.etag(), Client.header(feed, "ETag"));
            assertEquals("Mon, 30 Nov 2026 02:00:00 GMT", Client.header(feed, "Last-Modified"));
            assertEquals("hi", Client.header(feed, "Content-Language"));
            assertEquals("application/rss+xml; charset=utf-8", Client.header(feed, "Content-Type"));
            // the catalogue may yet find what changed while the server was down
            assertTrue(Client.header(feed, "Cache-Control").contains("max-age=60"), Client.header(feed, "Cache-Control"));

            assertEquals(304, client.get("/feeds/all.rss", "If-None-Match", ALL_FEED.etag()).statusCode());
            HttpResponse<byte[]> gzipped = client.get("/feeds/all.rss", "Accept-Encoding", "gzip");
            assertEquals("gzip", Client.header(gzipped, "Content-Encoding"));
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
                assertArrayEquals(ALL_FEED.bytes(), in.readAllBytes());
            }
        } finally {
            http.stop();
        }
    }

    @Test
    void before_the_first_catalogue_what_was_not_kept_still_says_503() {
        Javalin http = startingServer();
        try {
            Client client = Client.at(http.port());
            for (String path : new String[] {"/feeds/all.rss?page=2", "/feeds/desh.rss", "/feeds/all.atom", "/",
                    "/health/ready", "/status"}) {
                assertEquals(503, client.get(path).statusCode(), path);
            }
        } finally {
            http.stop();
        }
    }

    @Test
    void a_feed_that_reads_the_same_after_a_restart_keeps_its_etag_and_last_modified(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        Path kept = dir.resolve("data/kept-feeds");
        String etag;
        String lastModified;
        try (Application app = new Application(ConfigLoader.load(config)).start("127.0.0.1")) {
            Client client = Client.of(app);
            String before = Client.header(client.get("/feeds/all.rss"), "Last-Modified");
            // a corrected title changes the bytes but no article's date: the feed is dated by when it changed
            Path mela = dir.resolve("articles/mela.json");
            Files.writeString(mela, Files.readString(mela).replace("रिकॉर्ड बिक्री\"", "रिकॉर्ड बिक्री हुई\""));
            app.reloadArticles();
            HttpResponse<byte[]> edited = client.get("/feeds/all.rss");
            etag = Client.header(edited, "ETag");
            lastModified = Client.header(edited, "Last-Modified");
            assertNotEquals(before, lastModified);
        }
        assertTrue(Files.exists(kept), "the stop keeps the feeds it served");

        try (Application app = new Application(ConfigLoader.load(config)).start("127.0.0.1")) {
            HttpResponse<byte[]> after = Client.of(app).get("/feeds/all.rss");
            assertEquals(etag, Client.header(after, "ETag"));
            assertEquals(lastModified, Client.header(after, "Last-Modified"));
            assertFalse(Files.exists(kept), "kept feeds are served once");
        }
    }
}
