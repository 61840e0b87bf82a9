package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.config.ConfigLoader;
import org.pravah.testing.Client;
import org.pravah.testing.LogCapture;
import org.pravah.testing.TestSite;

/** What an operator sees of the running server: metrics, health, the access log, errors. */
class ServerOperationsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static HttpResponse<byte[]> get(int port, String path, String... headers) {
        return Client.at(port).get(path, headers);
    }

    private static boolean hasLine(String text, String line) {
        return text.lines().anyMatch(line::equals);
    }

    @Test
    void metrics_count_requests_by_route_format_and_status_and_show_the_catalogue(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        try (Application app = new Application(ConfigLoader.load(config)).start("127.0.0.1")) {
            int port = app.port();
            app.caughtUp().get(30, java.util.concurrent.TimeUnit.SECONDS);
            HttpResponse<byte[]> feed = get(port, "/feeds/all.rss");
            assertEquals(200, feed.statusCode());
            String etag = feed.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, get(port, "/feeds/all.rss", "If-None-Match", etag).statusCode());
            assertEquals(304, get(port, "/feeds/all.rss", "If-None-Match", etag).statusCode());
            assertEquals(404, get(port, "/feeds/nahin.atom").statusCode());
            int bytes = feed.body().length;

            // metrics are counted just after the response is sent
            String[] scraped = {""};
            TestSite.waitUntil(DEADLINE, "the 404 counted", () -> hasLine(scraped[0] = Client.text(get(port, "/metrics")),
                    "pravah_http_requests_total{format=\"atom\",route=\"feed\",status=\"404\"} 1.0"));
            String scrape = scraped[0];
            HttpResponse<byte[]> metrics = get(port, "/metrics");
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    metrics.headers().firstValue("Content-Type").orElseThrow());
            for (String line : List.of(
                    "pravah_http_requests_total{format=\"rss\",route=\"feed\",status=\"200\"} 1.0",
                    "pravah_http_requests_total{format=\"rss\",route=\"feed\",status=\"304\"} 2.0",
                    "pravah_http_requests_total{format=\"atom\",route=\"feed\",status=\"404\"} 1.0",
                    "pravah_http_response_bytes_total{format=\"rss\",route=\"feed\"} " + bytes + ".0",
                    "pravah_render_seconds_count{format=\"rss\"} 1",
                    // the start's load, and the whole load once the folders are watched
                    "pravah_reload_seconds_count 2",
                    "pravah_catalog_articles 6.0",
                    "pravah_source_articles{source=\"local\"} 6.0",
                    "pravah_source_problems{source=\"local\"} 0.0")) {
                assertTrue(hasLine(scrape, line), "no line '" + line + "' in:\n" + scrape);
            }
            assertTrue(scrape.contains("jvm_memory_used_bytes"), "JVM metrics are exposed too");
        }
    }

    @Test
    void health_is_200_and_ready_is_200_once_the_catalogue_is_built(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        try (Application app = new Application(ConfigLoader.load(config)).start("127.0.0.1")) {
            HttpResponse<byte[]> health = get(app.port(), "/health");
            assertEquals(200, health.statusCode());
            assertEquals("ok\n", Client.text(health));
            HttpResponse<byte[]> ready = get(app.port(), "/health/ready");
            assertEquals(200, ready.statusCode());
            assertEquals("ready\n", Client.text(ready));
            assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void before_the_first_catalogue_only_health_answers_and_feeds_say_503_with_retry_after() throws Exception {
        Javalin http = new Server(() -> null).create("127.0.0.1", 0).start();
        try {
            int port = http.port();
            assertEquals(200, get(port, "/health").statusCode());
            assertEquals(503, get(port, "/health/ready").statusCode());
            HttpResponse<byte[]> feed = get(port, "/feeds/all.rss");
            assertEquals(503, feed.statusCode());
            assertEquals("5", feed.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(feed.headers().firstValue("Content-Type").orElseThrow().endsWith("charset=utf-8"));
            assertEquals(503, get(port, "/").statusCode());
        } finally {
            http.stop();
        }
    }

    @Test
    void each_request_writes_one_access_log_line_with_method_path_status_bytes_time_and_user_agent(
            @TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        try (LogCapture lines = LogCapture.of("access");
             Application app = new Application(ConfigLoader.load(config)).start("127.0.0.1")) {
            HttpResponse<byte[]> feed = get(app.port(), "/feeds/desh.atom?page=2", "User-Agent", "ParakhReader/1.0");
            assertEquals(200, feed.statusCode());
            int bytes = feed.body().length;
            // only this test's request: a server left over from another test may still log its own
            Supplier<List<String>> ours = () -> lines.messages().stream().filter(m -> m.contains("ParakhReader"))
                    .toList();
            TestSite.waitUntil(DEADLINE, "the access log line", () -> !ours.get().isEmpty());
            List<String> logged = ours.get();
            assertEquals(1, logged.size(), logged.toString());
            assertTrue(logged.get(0).matches("method=GET path=\"/feeds/desh\\.atom\" query=\"page=2\" status=200 bytes="
                    + bytes + " ms=[0-9]+\\.[0-9] ua=\"ParakhReader/1\\.0\""), logged.get(0));
        }
    }

    @Test
    void a_request_jetty_refuses_gets_short_utf_8_text_and_no_stack_trace() throws Exception {
        Javalin http = new Server(() -> null).create("127.0.0.1", 0).start();
        try {
            String text = Client.at(http.port())
                    .raw("GET /%zz HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n").all();
            assertTrue(text.startsWith("HTTP/1.1 400 "), text);
            assertTrue(text.toLowerCase(Locale.ROOT).contains("content-type: text/plain;charset=utf-8"), text);
            assertFalse(text.contains("Exception"), text);
            assertFalse(text.contains("<html"), text);
        } finally {
            http.stop();
        }
    }

    @Test
    void a_request_jetty_refuses_is_answered_with_our_short_text_never_echoing_the_request() {
        Javalin http = new Server(() -> null).create("127.0.0.1", 0).start();
        try {
            String end = "Connection: close\r\n\r\n";
            // an ambiguous path, a character no path may hold, a request-target in absolute form, a Host that is no
            // host, two Hosts, too large a header, no request line at all
            Map<String, Integer> refused = new LinkedHashMap<>();
            refused.put("GET /echo-me/..;/b HTTP/1.1\r\nHost: evil-host.example\r\n" + end, 400);
            refused.put("GET /echo-me\\<b> HTTP/1.1\r\nHost: evil-host.example\r\n" + end, 400);
            refused.put("GET http://evil-host.example/<b>echo-me HTTP/1.1\r\nHost: evil-host.example\r\n" + end, 400);
            refused.put("GET /echo-me HTTP/1.1\r\nHost: <b>evil-host</b>\r\n" + end, 400);
            refused.put("GET /echo-me HTTP/1.1\r\nHost: evil-host.example\r\nHost: evil-host.example:81\r\n" + end,
                    400);
            refused.put("GET /echo-me HTTP/1.1\r\nHost: evil-host.example\r\nX-Echo-Me: " + "<b>".repeat(3000)
                    + "\r\n" + end, 431);
            refused.put("<b>echo-me</b>\r\nHost: evil-host.example\r\n\r\n", 400);
            for (Map.Entry<String, Integer> request : refused.entrySet()) {
                Client.Raw response = Client.at(http.port()).raw(request.getKey());
                String what = request.getKey().lines().findFirst().orElseThrow();
                assertEquals(request.getValue(), response.status(), what + "\n" + response.all());
                assertTrue(response.head().toLowerCase(Locale.ROOT).contains("content-type: text/plain;charset=utf-8"),
                        response.all());
                assertTrue(response.body().startsWith(request.getValue() + " — "), what + "\n" + response.all());
                for (String echo : List.of("evil-host", "echo-me", "<b>", "URI", "MESSAGE")) {
                    assertFalse(response.all().contains(echo), what + " echoes " + echo + ":\n" + response.all());
                }
            }
        } finally {
            http.stop();
        }
    }
}
