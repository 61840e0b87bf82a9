package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** Two Pravah processes (here: two applications) behind one load balancer, sharing one real PostgreSQL. */
class ClusterTest extends TwoServers {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void startTwoServers() throws Exception {
        startBoth(storeSiteOnFreshPostgres());
    }

    private static boolean shows(Client client, String feed, String text) {
        return client.tryGet(feed).map(r -> r.statusCode() == 200 && Client.text(r).contains(text)).orElse(false);
    }

    @Test
    void a_write_on_one_server_shows_in_the_feeds_of_the_other() throws Exception {
        Client a = Client.of(one).withToken(TestSite.TOKEN);
        Client b = Client.of(two).withToken(TestSite.TOKEN);
        assertEquals(201, a.json("POST", "/api/articles", TestSite.storeArticle("tokyo.json")).statusCode());
        TestSite.waitUntil(Duration.ofSeconds(15), "the second server's Asia feed shows the article", () ->
                shows(b, "/feeds/videsh/asia.atom", "टोक्यो में भूकंप"));
        assertEquals(200, b.get("/api/articles/tokyo-bhukamp").statusCode());

        assertEquals(204, b.send("DELETE", "/api/articles/tokyo-bhukamp", null).statusCode());
        TestSite.waitUntil(Duration.ofSeconds(15), "the first server drops the deleted article", () ->
                !shows(a, "/feeds/all.atom", "टोक्यो में भूकंप") && shows(a, "/feeds/all.atom", "कोहरे"));

        // same articles, same bytes: a CDN in front may take either server's answer for the other's
        assertEquals(201, b.json("POST", "/api/articles", TestSite.storeArticle("cricket.json")).statusCode());
        TestSite.waitUntil(Duration.ofSeconds(15), "both servers serve the same cricket feed", () -> {
            Optional<String> ea = a.tryGet("/feeds/khel.rss").flatMap(r -> r.headers().firstValue("ETag"));
            Optional<String> eb = b.tryGet("/feeds/khel.rss").flatMap(r -> r.headers().firstValue("ETag"));
            return shows(a, "/feeds/khel.rss", "रणजी") && ea.equals(eb);
        });
    }

    /** Editors on both servers add to one live article at once; with If-Match, none of their additions is lost. */
    @Test
    void concurrent_writers_on_both_servers_lose_no_update() throws Exception {
        Client a = Client.of(one).withToken(TestSite.TOKEN);
        Client b = Client.of(two).withToken(TestSite.TOKEN);
        assertEquals(201, a.json("PUT", "/api/articles/live-matganana",
                "{\"title\": \"मतगणना लाइव: हर घंटे के रुझान\", \"tags\": []}").statusCode());
        int writers = 4;
        int writesEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Client client = w % 2 == 0 ? a : b;
                int writer = w;
                tasks.add(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        while (true) {
                            HttpResponse<byte[]> current = client.get("/api/articles/live-matganana");
                            ObjectNode next = (ObjectNode) JSON.readTree(Client.text(current));
                            next.withArray("tags").add("संपादक" + writer + "-" + i);
                            HttpResponse<byte[]> put = client.json("PUT", "/api/articles/live-matganana",
                                    next.toString(), "If-Match", current.headers().firstValue("ETag").orElseThrow());
                            if (put.statusCode() == 200) {
                                break;
                            }
                            assertEquals(412, put.statusCode(), Client.text(put));
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        HttpResponse<byte[]> last = b.get("/api/articles/live-matganana");
        JsonNode tags = JSON.readTree(Client.text(last)).path("tags");
        assertEquals(writers * writesEach, tags.size(), tags.toString());
        assertEquals("\"" + (1 + writers * writesEach) + "\"", last.headers().firstValue("ETag").orElseThrow());
        TestSite.waitUntil(Duration.ofSeconds(15), "the first server's feed carries the last revision (tags are RSS categories)", () ->
                shows(a, "/feeds/all.rss", "संपादक3-4") && shows(a, "/feeds/all.rss", "संपादक0-4"));
    }

    /**
     * Each server moves its feeds on by the rows changed since its last refresh; after writes interleaved on both,
     * they serve the very bytes that a server loading the store whole serves.
     */
    @Test
    void after_interleaved_writes_on_both_servers_their_feeds_are_the_bytes_of_a_whole_load() throws Exception {
        Client a = Client.of(one).withToken(TestSite.TOKEN);
        Client b = Client.of(two).withToken(TestSite.TOKEN);
        List<String> categories = List.of("देश", "राज्य", "एशिया", "क्रिकेट", "खेल");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Client client = w == 0 ? a : b;
                java.util.Random random = new java.util.Random(w == 0 ? 1857 : 1947);
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        String id = "khabar-" + random.nextInt(8);
                        if (random.nextInt(5) == 0) {
                            int status = client.send("DELETE", "/api/articles/" + id, null).statusCode();
                            // 404 never written, 410 deleted already (by either writer)
                            assertEquals(true, status == 204 || status == 404 || status == 410,
                                    "DELETE " + id + ": " + status);
                        } else {
                            String body = "{\"title\": \"ख़बर " + id + ", संस्करण " + i + "\", \"categories\": [\""
                                    + categories.get(random.nextInt(categories.size())) + "\"], \"published\":"
                                    + " \"2026-11-2" + random.nextInt(8) + "T06:00:00+05:30\"}";
                            int status = client.json("PUT", "/api/articles/" + id, body).statusCode();
                            assertEquals(true, status == 200 || status == 201, "PUT " + id + ": " + status);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // written after every other write has committed: a server that shows it has applied them all
        assertEquals(201, a.json("PUT", "/api/articles/antim", "{\"title\": \"आख़िरी ख़बर\","
                + " \"published\": \"2026-11-29T06:00:00+05:30\"}").statusCode());
        TestSite.waitUntil(Duration.ofSeconds(15), "both servers show the last write", () ->
                shows(a, "/feeds/all.atom", "आख़िरी ख़बर") && shows(b, "/feeds/all.atom", "आख़िरी ख़बर"));
        Application fresh = TestSite.serve(config);
        try {
            Client c = Client.of(fresh);
            for (String feed : List.of("/feeds/all.atom", "/feeds/all.rss", "/feeds/desh.json", "/feeds/khel.rss",
                    "/feeds/videsh/asia.atom")) {
                HttpResponse<byte[]> loaded = c.get(feed);
                assertEquals(200, loaded.statusCode(), feed);
                String whole = Client.text(loaded);
                assertEquals(whole, Client.text(a.get(feed)), "first server, " + feed);
                assertEquals(whole, Client.text(b.get(feed)), "second server, " + feed);
            }
        } finally {
            fresh.close();
        }
    }
}
