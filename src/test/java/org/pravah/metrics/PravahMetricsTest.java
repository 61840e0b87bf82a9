package org.pravah.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.http.CompletedRequest;
import org.pravah.render.FeedFormat;
import org.pravah.render.FeedRenderer;
import org.pravah.render.FeedView;
import org.pravah.source.SourceLoad;

class PravahMetricsTest {
    private static Article article(String source, String id) {
        Instant at = Instant.parse("2026-11-25T03:30:00Z");
        return new Article(Article.keyOf(source, id), source, id, "किसान मेले में बीजों की बिक्री", "", "",
                List.of(), List.of(), List.of(), at, at, Optional.empty(), Optional.empty(), Optional.empty(),
                LanguageTag.HINDI, source + "/" + id + ".json");
    }

    private static void assertLine(String scrape, String line) {
        assertTrue(scrape.lines().anyMatch(line::equals), "no line '" + line + "' in:\n" + scrape);
    }

    @Test
    void requests_are_counted_by_route_format_and_status_with_their_bytes() {
        PravahMetrics metrics = new PravahMetrics();
        metrics.requestCompleted(new CompletedRequest("GET", "feed", "rss", 200, 1000, Duration.ofMillis(3)));
        metrics.requestCompleted(new CompletedRequest("GET", "feed", "rss", 304, 0, Duration.ofMillis(1)));
        metrics.requestCompleted(new CompletedRequest("GET", "feed", "rss", 304, 0, Duration.ofMillis(1)));
        String scrape = metrics.scrape();
        assertLine(scrape, "pravah_http_requests_total{format=\"rss\",route=\"feed\",status=\"200\"} 1.0");
        assertLine(scrape, "pravah_http_requests_total{format=\"rss\",route=\"feed\",status=\"304\"} 2.0");
        assertLine(scrape, "pravah_http_response_bytes_total{format=\"rss\",route=\"feed\"} 1000.0");
        assertLine(scrape, "pravah_http_request_duration_seconds_count{route=\"feed\"} 3");
    }

    @Test
    void a_reload_sets_articles_per_source_counts_sources_that_could_not_be_read_and_drops_removed_sources() {
        PravahMetrics metrics = new PravahMetrics();
        CategoryTree tree = new CategoryTree(List.of());
        Snapshot first = Snapshot.of(tree, List.of(article("local", "a"), article("local", "b"), article("tar", "c")));
        metrics.reloaded(Duration.ofMillis(40), first, List.of(
                new SourceLoad("local", List.of(), List.of("a.json: broken JSON"), true),
                new SourceLoad("tar", List.of(), List.of(), false)));
        String scrape = metrics.scrape();
        assertLine(scrape, "pravah_reload_seconds_count 1");
        assertLine(scrape, "pravah_catalog_articles 3.0");
        assertLine(scrape, "pravah_source_articles{source=\"local\"} 2.0");
        assertLine(scrape, "pravah_source_articles{source=\"tar\"} 1.0");
        assertLine(scrape, "pravah_source_problems{source=\"local\"} 1.0");
        assertLine(scrape, "pravah_source_errors_total{source=\"tar\"} 1.0");

        metrics.reloaded(Duration.ofMillis(20), Snapshot.of(tree, List.of(article("local", "a"))),
                List.of(new SourceLoad("local", List.of(), List.of(), true)));
        scrape = metrics.scrape();
        assertLine(scrape, "pravah_reload_seconds_count 2");
        assertLine(scrape, "pravah_source_articles{source=\"local\"} 1.0");
        assertLine(scrape, "pravah_source_problems{source=\"local\"} 0.0");
        assertFalse(scrape.contains("pravah_source_articles{source=\"tar\"}"), scrape);
    }

    @Test
    void timed_renderers_render_the_same_bytes_and_count_each_render() {
        PravahMetrics metrics = new PravahMetrics();
        FeedRenderer plain = new FeedRenderer() {
            @Override
            public FeedFormat format() {
                return FeedFormat.ATOM;
            }

            @Override
            public byte[] render(FeedView view) {
                return new byte[] {1, 2, 3};
            }
        };
        FeedRenderer timed = metrics.timed(List.of(plain)).get(0);
        assertTrue(timed.format() == FeedFormat.ATOM);
        assertTrue(java.util.Arrays.equals(new byte[] {1, 2, 3}, timed.render(null)));
        timed.render(null);
        assertLine(metrics.scrape(), "pravah_render_seconds_count{format=\"atom\"} 2");
    }
}
