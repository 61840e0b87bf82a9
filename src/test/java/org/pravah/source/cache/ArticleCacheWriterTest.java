package org.pravah.source.cache;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The writer's promise to a first start: it can wait for the folders it has read, and only for those. */
class ArticleCacheWriterTest {

    @Test
    void waiting_for_the_writes_asked_for_now_lasts_until_they_are_done_but_not_for_delayed_ones() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (ArticleCacheWriter writer = new ArticleCacheWriter(Duration.ofHours(1))) {
            writer.submit(Path.of("desh.articles"), () -> { });
            writer.submitNow(Path.of("2026/11.articles"), () -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(started.await(10, TimeUnit.SECONDS), "a write asked for now starts without the delay");
            CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> {
                try {
                    writer.awaitAtMost(0);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            // the write of the folder read is still running: the wait does not end meanwhile
            assertThrows(TimeoutException.class, () -> waited.get(300, TimeUnit.MILLISECONDS));
            release.countDown();
            // the delayed write (an hour away) is not waited for
            waited.get(10, TimeUnit.SECONDS);
        }
    }
}
