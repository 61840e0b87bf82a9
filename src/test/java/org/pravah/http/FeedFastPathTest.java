package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/**
 * A feed's subscription URL is answered by the fast path, the same URL with {@code ?page=1} by the Javalin routes:
 * both must give a reader exactly the same answer, in every case the fast path handles.
 */
class FeedFastPathTest {
    private static final List<String> HEADERS = List.of("ETag", "Last-Modified", "Cache-Control", "Content-Language",
            "Content-Type", "Content-Encoding", "Content-Length", "Vary");

    @TempDir
    static Path dir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = new TestSite(dir).config(TestSite.freePort(), "reload: {watch: false, rescanSeconds: 0}\n");
        for (int i = 0; i < 12; i++) {
            site.article("a" + i, "खेल समाचार संख्या " + i, i % 2 == 0 ? "khel" : "khel/cricket",
                    "2026-11-%02dT10:00:00+05:30".formatted(1 + i));
        }
        site.start();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static void assertSameAnswer(String feed, String... requestHeaders) {
        assertSameAnswerTo("GET", feed, requestHeaders);
    }

    private static void assertSameAnswerTo(String method, String feed, String... requestHeaders) {
        Client http = Client.at(URI.create(site.url("/")).getPort());
        HttpResponse<byte[]> fast = http.send(method, feed, null, requestHeaders);
        HttpResponse<byte[]> routed = http.send(method, feed + "?page=1", null, requestHeaders);
        assertEquals(routed.statusCode(), fast.statusCode(), feed);
        for (String name : HEADERS) {
            assertEquals(routed.headers().firstValue(name), fast.headers().firstValue(name), feed + " " + name);
        }
        assertArrayEquals(routed.body(), fast.body(), feed);
    }

    @Test
    void a_plain_get_is_answered_alike_in_every_format() {
        for (String feed : List.of("/feeds/all.rss", "/feeds/khel.atom", "/feeds/khel/cricket.json")) {
            assertSameAnswer(feed);
        }
    }

    @Test
    void a_gzip_get_is_answered_alike() {
        assertSameAnswer("/feeds/khel.rss", "Accept-Encoding", "gzip");
    }

    @Test
    void a_revalidation_gets_the_same_304() {
        String etag = site.get("/feeds/khel.rss").headers().firstValue("ETag").orElseThrow();
        assertEquals(304, site.get("/feeds/khel.rss", "If-None-Match", etag).statusCode());
        assertSameAnswer("/feeds/khel.rss", "If-None-Match", etag);
        String date = site.get("/feeds/khel.rss").headers().firstValue("Last-Modified").orElseThrow();
        assertSameAnswer("/feeds/khel.rss", "If-Modified-Since", date);
    }

    @Test
    void a_gzip_revalidation_gets_the_same_304_with_the_weak_tag() {
        String weak = site.get("/feeds/khel.rss", "Accept-Encoding", "gzip").headers().firstValue("ETag").orElseThrow();
        assertEquals(304, site.get("/feeds/khel.rss", "Accept-Encoding", "gzip", "If-None-Match", weak).statusCode());
        assertSameAnswer("/feeds/khel.rss", "Accept-Encoding", "gzip", "If-None-Match", weak);
    }

    @Test
    void a_head_is_answered_alike_with_the_headers_of_the_body_it_leaves_out() {
        assertSameAnswerTo("HEAD", "/feeds/khel.atom");
        assertSameAnswerTo("HEAD", "/feeds/khel.atom", "Accept-Encoding", "gzip");
    }

    @Test
    void an_unknown_feed_still_gets_the_short_404() {
        HttpResponse<byte[]> missing = site.get("/feeds/nahin.rss");
        assertEquals(404, missing.statusCode());
        assertEquals(404, site.get("/feeds/nahin.rss?page=1").statusCode());
    }

    @Test
    void a_large_answer_to_a_client_that_stops_reading_does_not_hold_up_feed_polls(@TempDir Path other)
            throws Exception {
        Path config = TestSite.copySample("parakh", other);
        Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8)
                .replace("itemsPerFeed: 2", "itemsPerFeed: 1000"), StandardCharsets.UTF_8);
        TestSite.writeLongArticles(other.resolve("articles/lambe"), 160);
        try (Application app = TestSite.serve(config); Socket stalled = new Socket()) {
            // a query goes past the fast path: the answer of megabytes is written by a thread that then waits for
            // this client, which reads nothing after the head
            stalled.setReceiveBufferSize(16 * 1024);
            stalled.connect(new InetSocketAddress("127.0.0.1", app.port()));
            stalled.getOutputStream().write("GET /feeds/all.rss?page=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[12];
            assertEquals(12, stalled.getInputStream().readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));

            CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(
                    () -> Client.at(app.port()).get("/feeds/desh.rss").statusCode());
            assertEquals(200, poll.get(20, TimeUnit.SECONDS), "a feed poll waited for another client's answer");
        }
    }
}
