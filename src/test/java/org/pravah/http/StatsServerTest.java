package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.config.ConfigLoader;
import org.pravah.stats.FeedStats;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** {@code /stats} on the real server: what polls count, who may look, and how it shows. */
class StatsServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 123 subscribers; feed-id=a1)";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String TOKEN = "aankde-dekhne-ki-kunji";

    @TempDir
    Path dir;
    private TestSite site;

    @AfterEach
    void stop() {
        if (site != null && site.app() != null) {
            site.app().close();
        }
    }

    private TestSite start(String extra) {
        site = new TestSite(dir).config(0, extra)
                .article("bijli", "बिजली की नई दरें घोषित", "desh", "2026-11-20T09:00:00+05:30");
        site.start();
        return site;
    }

    private Client http() {
        return Client.at(site.app().port());
    }

    private JsonNode statsJson(String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Accept";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        HttpResponse<byte[]> r = http().get("/stats", all);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(Client.header(r, "Content-Type").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static JsonNode feed(JsonNode stats, String path) {
        for (JsonNode f : stats.path("feeds")) {
            if (f.path("feed").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError(path + " not in " + stats);
    }

    @Test
    void polls_of_every_kind_count_for_their_feed_and_show_as_json() throws Exception {
        start("");
        Client http = http();
        // the fast path (plain subscription URL), a page through the routes, and a conditional GET answered 304
        assertEquals(200, http.get("/feeds/desh.rss", "User-Agent", FEEDLY, "Accept-Encoding", "gzip").statusCode());
        assertEquals(200, http.get("/feeds/desh.rss?limit=5", "User-Agent", FIREFOX).statusCode());
        String etag = Client.header(http.get("/feeds/desh.rss", "User-Agent", FIREFOX), "ETag");
        assertEquals(304, http.get("/feeds/desh.rss", "User-Agent", FIREFOX, "If-None-Match", etag).statusCode());

        JsonNode stats = statsJson();
        JsonNode f = feed(stats, "/feeds/desh.rss");
        assertEquals(FeedStats.DAYS, stats.path("days").asInt());
        assertEquals(1 + 123, f.path("subscribers").path("total").asInt(), f.toString());
        assertEquals(1, f.path("subscribers").path("readers").asInt());
        JsonNode feedly = f.path("subscribers").path("aggregators").get(0);
        assertEquals("Feedly", feedly.path("name").asText());
        assertTrue(feedly.path("known").asBoolean());
        assertEquals(123, feedly.path("subscribers").asInt());
        JsonNode today = f.path("today");
        assertEquals(4, today.path("polls").asInt());
        assertEquals(1, today.path("notModified").asInt());
        assertEquals(0.25, today.path("notModifiedShare").asDouble());
        assertEquals(1, today.path("withValidators").asInt());
        assertTrue(today.path("bytesSavedBy304").asLong() > 0);
        assertTrue(today.path("bytesSavedByGzip").asLong() > 0, "the Feedly poll took gzip");
        assertEquals(FeedStats.DAYS, f.path("history").size());
        assertEquals(stats.path("today").asText(), f.path("history").get(FeedStats.DAYS - 1).path("date").asText());
        assertTrue(f.path("pollers").has("slowest") && f.path("pollers").has("tooOften")
                && f.path("pollers").has("withoutValidators"));
    }

    @Test
    void requests_for_feeds_that_do_not_exist_create_nothing() throws Exception {
        start("");
        Client http = http();
        for (int i = 0; i < 50; i++) {
            assertEquals(404, http.get("/feeds/nahin-" + i + ".rss", "User-Agent", FEEDLY).statusCode());
        }
        assertEquals(404, http.get("/feeds/desh.xml", "User-Agent", FEEDLY).statusCode());
        assertEquals(0, statsJson().path("feeds").size());
    }

    @Test
    void with_an_api_token_stats_ask_for_it_as_bearer_or_basic() throws Exception {
        start("api:\n  tokenSha256: " + ConfigLoader.sha256Hex(TOKEN) + "\n");
        Client http = http();
        HttpResponse<byte[]> anonymous = http.get("/stats");
        assertEquals(401, anonymous.statusCode());
        assertTrue(Client.header(anonymous, "WWW-Authenticate").contains("Bearer"));
        assertTrue(Client.header(anonymous, "WWW-Authenticate").contains("Basic"), "so that a browser asks");
        assertEquals(401, http.get("/stats", "Authorization", "Bearer galat").statusCode());
        assertEquals(200, http.get("/stats", "Authorization", "Bearer " + TOKEN).statusCode());
        String basic = Base64.getEncoder().encodeToString(("sampadak:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, http.get("/stats", "Authorization", "Basic " + basic).statusCode());
        assertEquals(401, http.get("/stats", "Authorization", "Basic !!!").statusCode());
    }

    @Test
    void stats_public_opens_the_page_even_with_a_token() throws Exception {
        start("api:\n  tokenSha256: " + ConfigLoader.sha256Hex(TOKEN) + "\nstats:\n  public: true\n");
        assertEquals(200, http().get("/stats").statusCode());
    }

    @Test
    void the_page_is_hindi_in_the_site_layout_with_a_chart_and_escapes_what_clients_send() throws Exception {
        start("");
        Client http = http();
        http.get("/feeds/desh.atom", "User-Agent", "Mozilla/5.0 (compatible; <img src=x onerror=alert(1)>; 7 subscribers)");
        http.get("/feeds/desh.atom", "User-Agent", "Evil<script>alert(1)</script>/1.0 (8 subscribers)");
        http.get("/feeds/desh.atom", "User-Agent", "Feedly/1.0 (5 subscribers) " + "x".repeat(7 * 1024));
        Client.at(site.app().port()).raw("GET /feeds/desh.atom HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Foo\u0001/1.0 "
                + "(\u00ff\u00fe 9 subscribers)\r\nConnection: close\r\n\r\n");
        http.get("/feeds/desh.atom", "User-Agent", "Foo/1.0 (42 subscribers)");
        HttpResponse<byte[]> r = http.get("/stats");
        assertEquals(200, r.statusCode());
        assertTrue(Client.header(r, "Content-Type").startsWith("text/html"));
        assertEquals("no-store", Client.header(r, "Cache-Control"));
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"hi\">"), html.substring(0, 80));
        assertTrue(html.contains("पाठक और पोलिंग"));
        assertTrue(html.contains("<svg class=\"chart\""));
        assertTrue(html.contains("<footer>"), "the site's own footer");
        assertTrue(html.contains("अज्ञात: Foo"), "an unknown bot is listed as unknown");
        assertFalse(html.contains("<img src=x"), "a client's markup is never on the page");
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("xxxxxxxxxx"), "nothing of a 7 KB User-Agent (Jetty refuses headers over 8 KB)");
        assertFalse(html.contains("\u0001"));
        assertFalse(html.contains("<script"), "no script at all: the chart is SVG");
    }

    @Test
    void the_page_is_sent_with_the_sites_security_policy_which_allows_its_one_style_element() throws Exception {
        start("");
        HttpResponse<byte[]> r = http().get("/stats");
        String policy = Client.header(r, "Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'"), policy);
        assertEquals("strict-origin-when-cross-origin", Client.header(r, "Referrer-Policy"));
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(1, html.split("<style>", -1).length - 1, "one style element, the one the policy's hash allows");
        String style = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(style.getBytes(StandardCharsets.UTF_8)));
        assertTrue(policy.contains("'sha256-" + hash + "'"), policy);
    }

    @Test
    void an_english_site_gets_the_page_in_english() throws Exception {
        site = new TestSite(dir).config(0, "");
        Path config = site.config();
        Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8).replace("language: hi", "language: en"),
                StandardCharsets.UTF_8);
        site.article("bijli", "Power tariffs announced", "desh", "2026-11-20T09:00:00+05:30").start();
        http().get("/feeds/desh.rss", "User-Agent", FEEDLY);
        String html = new String(http().get("/stats").body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("Readers and polling"), html);
        assertTrue(html.contains("123 Feedly"));
    }

    @Test
    void metrics_carry_subscribers_polls_and_the_304_share_per_feed() throws Exception {
        start("");
        Client http = http();
        http.get("/feeds/desh.rss", "User-Agent", FEEDLY);
        String etag = Client.header(http.get("/feeds/desh.rss", "User-Agent", FIREFOX), "ETag");
        http.get("/feeds/desh.rss", "User-Agent", FIREFOX, "If-None-Match", etag);
        String metrics = new String(http.get("/metrics").body(), StandardCharsets.UTF_8);
        assertTrue(metrics.contains("pravah_feed_subscribers{aggregator=\"Feedly\",feed=\"/feeds/desh.rss\"} 123.0"),
                metrics);
        assertTrue(metrics.contains("pravah_feed_subscribers{aggregator=\"readers\",feed=\"/feeds/desh.rss\"} 1.0"));
        assertTrue(metrics.contains("pravah_feed_polls_total{feed=\"/feeds/desh.rss\"} 3.0"));
        assertTrue(metrics.contains("pravah_feed_polls_not_modified_total{feed=\"/feeds/desh.rss\"} 1.0"));
        assertTrue(metrics.contains("pravah_feed_not_modified_ratio{feed=\"/feeds/desh.rss\"} 0.333"));
    }

    @Test
    void a_restart_keeps_the_counts_in_the_data_folder() throws Exception {
        start("");
        http().get("/feeds/desh.rss", "User-Agent", FEEDLY);
        http().get("/feeds/desh.rss", "User-Agent", FIREFOX);
        site.app().close();
        Application again = site.start();
        http().get("/feeds/desh.rss", "User-Agent", FIREFOX);
        JsonNode f = feed(statsJson(), "/feeds/desh.rss");
        assertEquals(3, f.path("today").path("polls").asInt());
        assertEquals(124, f.path("subscribers").path("total").asInt(), "the same reader after the restart is one");
        assertTrue(Files.exists(dir.resolve("data/stats/day-key.json")));
        again.close();
    }

    @Test
    void stats_turned_off_count_nothing_and_say_so() throws Exception {
        start("stats:\n  enabled: false\n");
        http().get("/feeds/desh.rss", "User-Agent", FEEDLY);
        HttpResponse<byte[]> r = http().get("/stats");
        assertEquals(404, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("stats.enabled"));
        assertFalse(Files.exists(dir.resolve("data/stats")));
    }
}
