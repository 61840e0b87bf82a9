package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteLabelTest {
    @Test
    void feeds_are_labelled_by_their_format_and_unknown_extensions_share_one_label() {
        assertEquals(new RouteLabel("feed", "rss"), RouteLabel.of("/feeds/videsh/asia.rss"));
        assertEquals(new RouteLabel("feed", "atom"), RouteLabel.of("/feeds/all.atom"));
        assertEquals(new RouteLabel("feed", "other"), RouteLabel.of("/feeds/all.xyz123"));
        assertEquals(new RouteLabel("feed", "other"), RouteLabel.of("/feeds/v1.0/all.xyz"));
        assertEquals(new RouteLabel("feed", "json"), RouteLabel.of("/feeds/khel.json"));
    }

    @Test
    void feed_pages_opml_and_images_have_their_own_labels() {
        assertEquals(new RouteLabel("feed-page", "html"), RouteLabel.of("/feeds/videsh/asia"));
        assertEquals(new RouteLabel("opml", "opml"), RouteLabel.of("/feeds.opml"));
        assertEquals(new RouteLabel("image", "png"), RouteLabel.of("/icon.png"));
    }

    @Test
    void pages_health_and_metrics_have_their_own_labels_and_everything_else_one() {
        assertEquals(new RouteLabel("index", "html"), RouteLabel.of("/"));
        assertEquals(new RouteLabel("article", "html"), RouteLabel.of("/articles/local/%E0%A4%AE"));
        assertEquals(new RouteLabel("health", "text"), RouteLabel.of("/health/ready"));
        assertEquals(new RouteLabel("metrics", "text"), RouteLabel.of("/metrics"));
        assertEquals(new RouteLabel("other", "other"), RouteLabel.of("/wp-login.php"));
    }
}
