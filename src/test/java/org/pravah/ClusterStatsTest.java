package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** Two processes sharing one PostgreSQL count one cluster's readers: each its own polls, summed without doubling. */
class ClusterStatsTest extends TwoServers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; %d subscribers; feed-id=k9)";
    private static final String NEWSBOAT = "newsboat/2.38.0 (Linux x86_64)";

    @BeforeEach
    void startTwoServers() throws Exception {
        startBoth(storeSiteOnFreshPostgres());
    }

    private static JsonNode feed(Client client, String path) throws Exception {
        JsonNode stats = JSON.readTree(Client.text(client.get("/stats", "Accept", "application/json")));
        for (JsonNode f : stats.path("feeds")) {
            if (f.path("feed").asText().equals(path)) {
                return f;
            }
        }
        throw new AssertionError(path + " not in " + stats);
    }

    @Test
    void polls_add_up_over_processes_and_an_aggregators_figure_is_its_latest_not_a_sum() throws Exception {
        Client a = Client.of(one).withToken(TestSite.TOKEN);
        Client b = Client.of(two).withToken(TestSite.TOKEN);
        assertEquals(200, a.get("/feeds/desh.rss", "User-Agent", FEEDLY.formatted(100)).statusCode());
        assertEquals(200, a.get("/feeds/desh.rss", "User-Agent", NEWSBOAT).statusCode());
        assertEquals(200, b.get("/feeds/desh.rss", "User-Agent", FEEDLY.formatted(120)).statusCode());
        assertEquals(200, b.get("/feeds/desh.rss", "User-Agent", NEWSBOAT).statusCode());
        assertEquals(200, b.get("/feeds/desh.rss", "User-Agent", NEWSBOAT).statusCode());
        // each process writes its share every minute and when it stops; the test does not wait a minute
        one.stats().orElseThrow().flush();
        two.stats().orElseThrow().flush();

        for (Client c : new Client[] {a, b}) {
            JsonNode f = feed(c, "/feeds/desh.rss");
            assertEquals(5, f.path("today").path("polls").asInt(), f.toString());
            assertEquals(120, f.path("subscribers").path("aggregators").get(0).path("subscribers").asInt(),
                    "Feedly's latest figure for its feed id, heard by the second process");
            assertEquals(1, f.path("subscribers").path("readers").asInt(),
                    "one reader polling both processes is one: they share the day's key");
            assertEquals(121, f.path("subscribers").path("total").asInt());
        }
        String metricsOfOne = Client.text(a.get("/metrics"));
        assertTrue(metricsOfOne.contains("pravah_feed_polls_total{feed=\"/feeds/desh.rss\"} 2.0"),
                "each process exposes its own polls, so that Prometheus sums them right");
    }

    @Test
    void a_restarted_process_keeps_its_earlier_share_in_the_store() throws Exception {
        Client a = Client.of(one).withToken(TestSite.TOKEN);
        a.get("/feeds/desh.atom", "User-Agent", NEWSBOAT);
        a.get("/feeds/desh.atom", "User-Agent", NEWSBOAT);
        one.close();
        one = TestSite.serve(config);
        Client again = Client.of(one).withToken(TestSite.TOKEN);
        again.get("/feeds/desh.atom", "User-Agent", NEWSBOAT);
        JsonNode f = feed(again, "/feeds/desh.atom");
        assertEquals(3, f.path("today").path("polls").asInt());
        assertEquals(1, f.path("subscribers").path("readers").asInt());
    }
}
