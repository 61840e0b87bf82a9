package org.pravah.websub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;

/** WebSub: feeds advertise the hub, and the hub hears about every feed that changed, and only those. */
class WebSubTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private HttpServer hub;
    private final List<String> pings = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private TestSite site;

    @BeforeEach
    void startHub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/hub", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failFirst.getAndDecrement() > 0 ? 500 : 204;
            if (status == 204) {
                pings.add(URLDecoder.decode(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hub.start();
    }

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
        hub.stop(0);
    }

    private String hubUrl() {
        return "http://127.0.0.1:" + hub.getAddress().getPort() + "/hub";
    }

    private void startSite() {
        int port = TestSite.freePort();
        site = new TestSite(dir).config(port, """
                reload: {watch: true, rescanSeconds: 0}
                websub:
                  hubs: ["%s"]
                """.formatted(hubUrl()))
                .article("desh-1", "चुनाव आयोग की बैठक", "desh", "2026-11-27T09:30:00+05:30")
                .article("khel-1", "क्रिकेट टीम का ऐलान", "khel/cricket", "2026-11-28T18:00:00+05:30")
                // every category holds an article: an empty feed changes with the site's newest article
                .article("rajya-1", "राज्य में नई बस सेवा शुरू", "desh/rajya", "2026-11-26T08:00:00+05:30")
                .article("asia-1", "पड़ोसी देशों के साथ व्यापार वार्ता", "videsh/asia", "2026-11-26T12:00:00+05:30")
                .article("takneek-1", "गाँवों तक पहुँचा तेज़ इंटरनेट", "takneek", "2026-11-25T16:00:00+05:30");
        site.start();
    }

    @Test
    void every_feed_advertises_the_hub_in_its_body_and_link_header() {
        startSite();
        String hubLink = "<" + hubUrl() + ">; rel=\"hub\"";
        var rss = site.get("/feeds/khel.rss");
        assertTrue(rss.headers().firstValue("Link").orElse("").contains(hubLink));
        assertTrue(rss.headers().firstValue("Link").orElse("").contains("<" + site.url("/feeds/khel.rss") + ">; rel=\"self\""));
        assertTrue(new String(rss.body(), StandardCharsets.UTF_8).contains("<atom:link href=\"" + hubUrl() + "\" rel=\"hub\""));
        var atom = site.getText("/feeds/khel.atom");
        assertTrue(atom.contains("<link rel=\"hub\" href=\"" + hubUrl() + "\""), atom);
    }

    @Test
    void a_new_article_pings_the_hub_for_exactly_the_feeds_that_changed() {
        startSite();
        site.article("khel-2", "क्रिकेट: नया कप्तान", "khel/cricket", "2026-11-29T10:00:00+05:30");
        List<String> expected = List.of("/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json", "/feeds/khel.rss",
                "/feeds/khel.atom", "/feeds/khel.json", "/feeds/khel/cricket.rss", "/feeds/khel/cricket.atom",
                "/feeds/khel/cricket.json");
        for (String feed : expected) {
            String ping = "hub.mode=publish&hub.url=" + site.url(feed);
            TestSite.waitUntil(WITHIN, "ping for " + feed, () -> pings.contains(ping));
        }
        assertEquals(expected.size(), pings.size(), "no ping for the unchanged desh feeds: " + pings);
    }

    @Test
    void a_reload_that_changes_nothing_sends_no_ping() {
        startSite();
        site.write("articles/notes.txt.bak", "not an article");
        // reload explicitly, as the watcher or the periodic rescan would
        site.app().reloadArticles();
        int before = pings.size();
        site.article("desh-2", "संसद का शीतकालीन सत्र", "desh", "2026-11-29T11:00:00+05:30");
        String ping = "hub.mode=publish&hub.url=" + site.url("/feeds/desh.rss");
        TestSite.waitUntil(WITHIN, "ping for desh", () -> pings.contains(ping));
        // pings go out in order on one thread: anything sent for the no-op reload would have arrived first
        // a copy: the hub thread may still be adding the other changed feeds' pings, which a live sub-list refuses
        List<String> seen = List.copyOf(pings);
        assertTrue(seen.subList(before, seen.size()).stream().noneMatch(p -> p.contains("khel")),
                "unchanged khel feeds were pinged: " + seen);
    }

    @Test
    void a_hub_that_fails_is_retried_until_it_accepts() {
        failFirst.set(1);
        startSite();
        site.article("desh-2", "नई शिक्षा नीति पर चर्चा", "desh", "2026-11-29T11:00:00+05:30");
        String ping = "hub.mode=publish&hub.url=" + site.url("/feeds/all.rss");
        TestSite.waitUntil(WITHIN, "retried ping", () -> pings.contains(ping));
    }
}
