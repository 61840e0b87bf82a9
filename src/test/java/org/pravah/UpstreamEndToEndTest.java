package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.source.upstream.StubUpstream;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** A Pravah server with a directory source and a feed source pointing at a stub upstream on 127.0.0.1. */
class UpstreamEndToEndTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String NEPAL = "नेपाल में भारी बर्फ़बारी से सड़कें बंद";
    private static final String RANJI = "रणजी ट्रॉफ़ी: विदर्भ ने पहली पारी में बढ़त ली";
    private static final String PARTNER_LIBRARY = "शहर में नया पुस्तकालय खुला";
    private static final String OUR_LIBRARY = "पुराने बाज़ार में बच्चों का पुस्तकालय: हमारी रिपोर्ट";

    @AutoClose
    private final StubUpstream stub = new StubUpstream();
    @TempDir
    Path dir;
    @AutoClose
    private Application app;

    private Application start() throws Exception {
        Files.createDirectories(dir.resolve("articles"));
        Files.writeString(dir.resolve("articles/pustakalay.json"), """
                {"id": "pustakalay", "title": "%s", "body": "नगर निगम ने पुस्तकालय खोला।",
                 "categories": ["desh"], "published": "2026-11-25T10:00:00+05:30",
                 "url": "https://partner.example/shahar/pustakalay/"}
                """.formatted(OUR_LIBRARY), StandardCharsets.UTF_8);
        Path config = TestSite.writeConfig(dir, "प्रवाह", "http://127.0.0.1", """
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
                """.formatted(stub.uri("/rss")));
        app = TestSite.serve(config);
        return app;
    }

    private HttpResponse<byte[]> get(String path, String accept) {
        return accept == null ? Client.of(app).get(path) : Client.of(app).get(path, "Accept", accept);
    }

    /** Polls {@code path} until its body satisfies {@code done}, or fails at the deadline. */
    private String await(String path, String accept, Predicate<String> done) {
        String[] body = {""};
        try {
            TestSite.waitUntil(DEADLINE, path + " to reach the expected state",
                    () -> done.test(body[0] = Client.text(get(path, accept))));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answer:\n" + body[0], e);
        }
        return body[0];
    }

    private JsonNode partnerStatus() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(Client.text(get("/status", "application/json")));
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
        assertTrue(Client.text(get("/feeds/videsh.rss", null)).contains(NEPAL));
        String cricket = Client.text(get("/feeds/khel/cricket.atom", null));
        assertTrue(cricket.contains(RANJI), cricket);
        assertFalse(cricket.contains(NEPAL), cricket);
        assertTrue(Client.text(get("/feeds/all.atom", null)).contains(NEPAL));
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
        HttpResponse<byte[]> json = get("/status", "application/json");
        assertEquals(200, json.statusCode());
        String type = json.headers().firstValue("Content-Type").orElse("").replace(" ", "");
        assertEquals("application/json;charset=utf-8", type);
        JsonNode sources = JsonMapper.builder().build().readTree(Client.text(json)).path("sources");
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
        HttpResponse<byte[]> html = get("/status", "text/html");
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        Element row = Jsoup.parse(Client.text(html)).select("tbody tr").stream()
                .filter(tr -> tr.child(0).text().equals("partner")).findFirst()
                .orElseThrow(() -> new AssertionError(Client.text(html)));
        assertEquals(List.of("partner", "feed", "ठीक"), row.children().eachText().subList(0, 3));
    }

    @Test
    void a_failing_upstream_changes_nothing_served_and_says_why_on_status() throws Exception {
        stub.feed("/rss", "application/rss+xml", StubUpstream.fixture("rss-hindi.xml"));
        start();
        await("/feeds/all.rss", null, b -> b.contains(NEPAL));
        HttpResponse<byte[]> before = get("/feeds/all.rss", null);
        stub.feed("/rss", "application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>");
        // a config reload re-wires the sources and polls at once, instead of after refreshMinutes
        app.reloadConfig();
        await("/status", "application/json", b -> b.contains("DOCTYPE"));
        HttpResponse<byte[]> after = get("/feeds/all.rss", null);
        assertEquals(Client.text(before), Client.text(after));
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
        String html = Client.text(get("/status", "text/html"));
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
        assertTrue(Client.text(get("/feeds/all.rss", null)).contains(NEPAL), "served at once, before any fetch");
        await("/status", "application/json", b -> b.contains("HTTP 500"));
        assertTrue(Client.text(get("/feeds/all.rss", null)).contains(NEPAL));
    }

    @Test
    void start_up_does_not_wait_for_a_hanging_upstream() throws Exception {
        stub.on("/rss", ex -> stub.waitForever());
        start();
        String rss = Client.text(get("/feeds/all.rss", null));
        assertTrue(rss.contains(OUR_LIBRARY), rss);
        await("/status", "application/json", b -> b.contains("no complete answer within 2 s"));
    }
}
