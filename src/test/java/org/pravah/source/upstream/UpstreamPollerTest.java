package org.pravah.source.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.config.FeedSourceConfig;

class UpstreamPollerTest {
    private static final SiteDefaults SITE = new SiteDefaults(LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"),
            "https://news.example");

    private final StubUpstream stub = new StubUpstream();
    @TempDir
    Path data;

    @AfterEach
    void stop() {
        stub.close();
    }

    private UpstreamSource source(String name, String path) {
        FeedSourceConfig config = new FeedSourceConfig(name, stub.uri(path), 10, "", Map.of(), Optional.empty(),
                1024 * 1024, 30, data);
        return new UpstreamSource(config, SITE, new ArticleNormaliser(SITE), FeedFetcher.newClient(),
                Clock.systemUTC());
    }

    @Test
    void a_slow_upstream_does_not_hold_up_the_others_and_new_items_trigger_a_refresh() throws Exception {
        stub.on("/slow", ex -> stub.waitForever());
        stub.feed("/rss", "application/rss+xml", StubUpstream.fixture("rss-hindi.xml"));
        UpstreamSource slow = source("slow", "/slow");
        UpstreamSource good = source("good", "/rss");
        CountDownLatch refreshed = new CountDownLatch(1);
        try (UpstreamPoller poller = new UpstreamPoller(List.of(slow, good))) {
            poller.start(refreshed::countDown);
            assertTrue(refreshed.await(20, TimeUnit.SECONDS), "the good upstream's items arrive while the other hangs");
            assertEquals(3, good.load().articles().size());
            assertTrue(slow.load().articles().isEmpty());
        }
    }
}
