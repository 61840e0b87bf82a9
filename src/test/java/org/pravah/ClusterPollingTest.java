package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pravah.source.upstream.StubUpstream;
import org.pravah.store.TestPostgres;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/**
 * Two Pravah processes (here: two applications) sharing one real PostgreSQL and one upstream feed: the upstream is
 * polled by one of them at a time, both serve what it brought, and the other takes over when the poller stops.
 */
class ClusterPollingTest extends TwoServers {
    private static final String DAM = "भाखड़ा बाँध के फाटक बारह घंटे बाद खोले गए";
    private static final String MELA = "पुष्कर मेले में इस बार ऊँटों की रिकॉर्ड बिक्री";
    private static final String SAMUDRA = "कोंकण तट पर मछुआरों को दो दिन समुद्र में न जाने की सलाह";

    /** What the upstream serves now: its ETag and body. */
    private record Version(String etag, String body) {
    }

    private final StubUpstream stub = new StubUpstream();
    private final AtomicReference<Version> upstream = new AtomicReference<>(new Version("\"v1\"", rss(DAM, MELA)));
    private final AtomicInteger notModified = new AtomicInteger();

    private static String rss(String... titles) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < titles.length; i++) {
            items.append("""
                    <item><title>%s</title><link>https://samvad.example/khabar/%d</link>
                    <guid isPermaLink="false">samvad-%d</guid><pubDate>Sat, 28 Nov 2026 0%d:00:00 +0530</pubDate>
                    <description>संवाद समिति की ख़बर।</description></item>
                    """.formatted(titles[i], i, i, i + 1));
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>संवाद समिति</title><link>https://samvad.example/</link>
                <description>ताज़ा ख़बरें</description>
                %s</channel></rss>
                """.formatted(items).strip();
    }

    @BeforeEach
    void startTwoServers() throws Exception {
        stub.on("/wire.xml", ex -> {
            Version now = upstream.get();
            if (now.etag().equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                StubUpstream.send(ex, 304, null, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("ETag", now.etag());
            StubUpstream.send(ex, 200, "application/rss+xml; charset=utf-8",
                    now.body().getBytes(StandardCharsets.UTF_8));
        });
        // no store source: a shared store.url is enough for the feed sources to be shared; a long fallback period,
        // so what the follower shows arrives through NOTIFY
        Path config = TestSite.writeConfig(dir, "प्रवाह परीक्षण", "http://samachar.example", """
                sources:
                  - name: samvad
                    type: feed
                    url: "%s"
                    category: desh
                    refreshMinutes: 60
                store:
                  url: %s
                  user: postgres
                  pollSeconds: 600
                """.formatted(stub.uri("/wire.xml"), TestPostgres.freshDatabaseUrl()));
        startBoth(config);
    }

    @AfterEach
    void stopUpstream() {
        stub.close();
    }

    private static boolean shows(Application app, String text) {
        return Client.of(app).withToken(TestSite.TOKEN).tryGet("/feeds/all.rss")
                .map(r -> r.statusCode() == 200 && Client.text(r).contains(text)).orElse(false);
    }

    @Test
    void one_process_polls_the_upstream_both_serve_its_items_and_the_other_takes_over_when_it_stops() {
        TestSite.waitUntil(Duration.ofSeconds(15), "both servers serve the upstream's items", () ->
                shows(one, DAM) && shows(one, MELA) && shows(two, DAM) && shows(two, MELA));
        assertEquals(1, stub.requests("/wire.xml").size(), "the first round fetched the upstream once, not twice");

        // the same process polls every round; the other never fetches
        int byOne = 0;
        for (int round = 1; round <= 3; round++) {
            int a = one.pollUpstreamsNow();
            int b = two.pollUpstreamsNow();
            assertEquals(1, a + b, "round " + round + ": exactly one process fetched");
            assertEquals(1 + round, stub.requests("/wire.xml").size());
            byOne += a;
        }
        assertTrue(byOne == 0 || byOne == 3, "the poller stays the same while it runs: " + byOne);
        Application poller = byOne == 3 ? one : two;
        Application follower = byOne == 3 ? two : one;
        assertEquals(3, notModified.get(), "unchanged upstream: conditional requests got 304s");

        // what the poller fetches reaches the follower's feeds through the store, not the follower's own fetch
        upstream.set(new Version("\"v2\"", rss(DAM, MELA, SAMUDRA)));
        assertEquals(1, poller.pollUpstreamsNow());
        TestSite.waitUntil(Duration.ofSeconds(15), "the follower serves the new item", () -> shows(follower, SAMUDRA));
        assertEquals(0, follower.pollUpstreamsNow());
        int requests = stub.requests("/wire.xml").size();
        assertFalse(Files.exists(dir.resolve("data/samvad.json")), "items are kept in the store, not a data folder");

        // the poller stops: its lock goes with its connection, and the follower's next round fetches
        poller.close();
        if (poller == one) {
            one = null;
        } else {
            two = null;
        }
        TestSite.waitUntil(Duration.ofSeconds(15), "the follower takes over polling", () -> follower.pollUpstreamsNow() == 1);
        List<StubUpstream.Request> all = stub.requests("/wire.xml");
        assertEquals(requests + 1, all.size(), "the new poller fetched once");
        assertEquals("\"v2\"", all.get(all.size() - 1).header("If-None-Match"),
                "the new poller carries on from the validators the old one kept");
        assertEquals(4, notModified.get());
        assertTrue(shows(follower, DAM) && shows(follower, SAMUDRA));
    }
}
