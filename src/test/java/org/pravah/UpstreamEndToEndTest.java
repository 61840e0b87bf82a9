package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.config.ConfigLoader;
import org.pravah.source.upstream.StubUpstream;

/** A Pravah server with a directory source and a feed source pointing at a stub upstream on 127.0.0.1. */
class UpstreamEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String NEPAL = "नेपाल में भारी बर्फ़बारी से सड़कें बंद";
    private static final String RANJI = "रणजी ट्रॉफ़ी: विदर्भ ने पहली पारी में बढ़त ली";
    private static final String PARTNER_LIBRARY = "शहर में नया पुस्तकालय खुला";
    private static final String OUR_LIBRARY = "पुराने बाज़ार में बच्चों का पुस्तकालय: हमारी रिपोर्ट";

    private final StubUpstream stub = new StubUpstream();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private Application app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        stub.close();
    }

    private Application start() throws Exception {
        Files.createDirectories(dir.resolve("articles"));
        Files.writeString(dir.resolve("articles/pustakalay.json"), """
                {"id": "pustakalay", "title": "%s", "body": "नगर निगम ने पुस्तकालय खोला।",
                 "categories": ["desh"], "published": "2026-11-25T10:00:00+05:30",
                 "url": "https://partner.example/shahar/pustakalay/"}
                """.formatted(OUR_LIBRARY), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("feeds-config.yaml"), """
                site:
                  title: "प्रवाह"
                  baseUrl: "http://127.0.0.1"
                server:
                  port: 0
                reload:
                  watch: false
                  rescanSeconds: 0
                categories:
                  - slug: desh
                    label: देश
                  - slug: videsh
                    label: विदेश
                  - slug: khel
                    label: खेल
                    children:
                      - slug: cricket
                        label: क्रिकेट
                sources:
                  - name: local
                    type: directory
                    path: articles
                  - name: partner
                    type: feed
                    url: "%s"
                    timeoutSeconds: 2
                    category: desh
                    categoryMap: {World: videsh, "क्रिकेट": khel/cricket}
                """.formatted(stub.uri("/rss")), StandardCharsets.UTF_8);
        app = new Application(ConfigLoader.load(dir.resolve("feeds-config.yaml"))).start("127.0.0.1");
        return app;
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Polls {@code path} until its body satisfies {@code done}, or fails at the deadline. */
    private String await(String path, String accept, Predicate<String> done) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        String body = "";
        while (System.nanoTime() < end) {
            body = get(path, accept).body();
            if (done.test(body)) {
                return body;
            }
            TimeUnit.MILLISECONDS.sleep(25);
        }
        throw new AssertionError(path + " did not reach the expected state within " + DEADLINE + ":\n" + body);
    }

    private JsonNode partnerStatus() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(get("/status", "application/json").body());
        for (JsonNode s : root.path("sources")) {
            if (s.path("name").asText().equals("partner")) {
                return s;
            }
        }
        throw new AssertionError("no partner in /status");
    }

    @Test
    void upstream_items_appear_in_the_all_feed_and_in_the_categories_the_map_names() throws Exception {
        stub.feed("/rss", "application/rss+xml; charset=utf-8", StubUpstream.fixture("rss-hindi.xml"));
        start();
        String rss = await("/feeds/all.rss", null, b -> b.contains(NEPAL));
        assertTrue(rss.contains("<link>https://partner.example/videsh/nepal-barf</link>"), rss);
        assertTrue(rss.contains("<pubDate>Fri, 27 Nov 2026 09:30:00 +0530</pubDate>"), rss);
        assertTrue(rss.contains(RANJI), rss);
        assertTrue(get("/feeds/videsh.rss", null).body().contains(NEPAL));
        String cricket = get("/feeds/khel/cricket.atom", null).body();
        assertTrue(cricket.contains(RANJI), cricket);
        assertFalse(cricket.contains(NEPAL), cricket);
        assertTrue(get("/feeds/all.atom", null).body().contains(NEPAL));
    }

    @Test
    void the_same_story_from_the_folder_and_the_upstream_is_served_once_from_the_source_listed_first()
            throws Exception {
        stub.feed("/rss", "application/rss+xml", StubUpstream.fixture("rss-hindi.xml"));
        start();
        String rss = await("/feeds/all.rss", null, b -> b.contains(NEPAL));
        assertTrue(rss.contains(OUR_LIBRARY), rss);
        assertFalse(rss.contains(PARTNER_LIBRARY), rss);
    }

    @Test
    void status_lists_every_source_as_json_and_html() throws Exception {
        stub.feed("/rss", "application/rss+xml", StubUpstream.fixture("rss-hindi.xml"));
        start();
        await("/feeds/all.rss", null, b -> b.contains(NEPAL));
        HttpResponse<String> json = get("/status", "application/json");
        assertEquals(200, json.statusCode());
        String type = json.headers().firstValue("Content-Type").orElse("").replace(" ", "");
        assertEquals("application/json;charset=utf-8", type);
        JsonNode sources = JsonMapper.builder().build().readTree(json.body()).path("sources");
        assertEquals(2, sources.size());
        assertEquals("local", sources.get(0).path("name").asText());
        assertEquals("directory", sources.get(0).path("type").asText());
        assertEquals(1, sources.get(0).path("items").asInt());
        JsonNode partner = partnerStatus();
        assertEquals("feed", partner.path("type").asText());
        assertEquals(200, partner.path("httpStatus").asInt());
        assertEquals(3, partner.path("items").asInt());
        assertTrue(partner.path("ok").asBoolean());
        assertFalse(partner.path("lastSuccess").isNull());
        HttpResponse<String> html = get("/status", "text/html");
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Element row = Jsoup.parse(html.body()).select("tbody tr").stream()
                .filter(tr -> tr.child(0).text().equals("partner")).findFirst()
                .orElseThrow(() -> new AssertionError(html.body()));
        assertEquals(List.of("partner", "feed", "ठीक"), row.children().eachText().subList(0, 3));
    }

    @Test
    void a_failing_upstream_changes_nothing_served_and_says_why_on_status() throws Exception {
        stub.feed("/rss", "application/rss+xml", StubUpstream.fixture("rss-hindi.xml"));
        start();
        await("/feeds/all.rss", null, b -> b.contains(NEPAL));
        HttpResponse<String> before = get("/feeds/all.rss", null);
        stub.feed("/rss", "application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>");
        // a config reload re-wires the sources and polls at once, instead of after refreshMinutes
        app.reloadConfig();
        await("/status", "application/json", b -> b.contains("DOCTYPE"));
        HttpResponse<String> after = get("/feeds/all.rss", null);
        assertEquals(before.body(), after.body());
        assertEquals(before.headers().firstValue("ETag"), after.headers().firstValue("ETag"));
        JsonNode partner = partnerStatus();
        assertFalse(partner.path("ok").asBoolean());
        assertEquals(3, partner.path("items").asInt());
    }

    @Test
    void status_says_what_a_redirected_upstream_answered_but_never_shows_its_body() throws Exception {
        String secret = "भीतरी सेवा की गोपनीय कुंजी: 7731-कखग";
        stub.on("/rss", ex -> {
            ex.getResponseHeaders().set("Location", "/secret");
            StubUpstream.send(ex, 302, null, new byte[0]);
        });
        stub.feed("/secret", "text/plain; charset=utf-8", secret);
        start();
        String json = await("/status", "application/json", b -> b.contains("not a feed"));
        assertTrue(json.contains("text/plain"), json);
        String html = get("/status", "text/html").body();
        for (String page : new String[] {json, html}) {
            assertFalse(page.contains("भीतरी"), page);
            assertFalse(page.contains("7731"), page);
        }
    }

    @Test
    void after_a_restart_with_the_upstream_down_its_items_are_served_from_the_data_folder() throws Exception {
        stub.feed("/rss", "application/rss+xml", StubUpstream.fixture("rss-hindi.xml"));
        start();
        await("/feeds/all.rss", null, b -> b.contains(NEPAL));
        app.close();
        stub.on("/rss", ex -> StubUpstream.send(ex, 500, "text/plain", "down".getBytes(StandardCharsets.UTF_8)));
        start();
        assertTrue(get("/feeds/all.rss", null).body().contains(NEPAL), "served at once, before any fetch");
        await("/status", "application/json", b -> b.contains("HTTP 500"));
        assertTrue(get("/feeds/all.rss", null).body().contains(NEPAL));
    }

    @Test
    void start_up_does_not_wait_for_a_hanging_upstream() throws Exception {
        stub.on("/rss", ex -> stub.waitForever());
        start();
        String rss = get("/feeds/all.rss", null).body();
        assertTrue(rss.contains(OUR_LIBRARY), rss);
        await("/status", "application/json", b -> b.contains("no complete answer within 2 s"));
    }
}
