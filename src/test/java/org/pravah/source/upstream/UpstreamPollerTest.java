package org.pravah.source.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.config.FeedSourceConfig;
import org.pravah.store.ClusterLock;

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
                1024 * 1024, 30, data, false);
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

    @Test
    void a_source_is_fetched_only_while_this_process_holds_its_cluster_lock() {
        stub.feed("/rss", "application/rss+xml", StubUpstream.fixture("rss-hindi.xml"));
        stub.feed("/atom", "application/atom+xml", StubUpstream.fixture("atom-hindi.xml"));
        UpstreamSource ours = source("ours", "/rss");
        UpstreamSource theirs = source("theirs", "/atom");
        AtomicBoolean held = new AtomicBoolean(false);
        ClusterLock elsewhere = new ClusterLock() {
            @Override
            public boolean held() {
                return held.get();
            }

            @Override
            public void close() {
            }
        };
        try (UpstreamPoller poller = new UpstreamPoller(List.of(ours, theirs),
                name -> name.equals("ours") ? ClusterLock.SOLO : elsewhere)) {
            assertEquals(1, poller.pollNow());
            assertEquals(1, stub.requests("/rss").size());
            assertTrue(stub.requests("/atom").isEmpty(), "another process polls 'theirs'");
            assertEquals(3, ours.load().articles().size());

            held.set(true);
            assertEquals(2, poller.pollNow(), "the lock came to this process: it polls both now");
            assertEquals(1, stub.requests("/atom").size());
            assertFalse(theirs.load().articles().isEmpty());
        }
    }
}
