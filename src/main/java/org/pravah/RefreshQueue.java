package org.pravah;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes asked for after store writes (this process's, or another's) run here, one at a time, on a thread of
 * their own and never on a request thread. Asks made while a refresh waits to start share it; one made after it
 * started gets the next, so every write is seen without a refresh per write.
 */
final class RefreshQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshQueue.class);

    private final Runnable refresh;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pravah-refresh");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> queued;

    RefreshQueue(Runnable refresh) {
        this.refresh = refresh;
    }

    /** @return completes when a refresh that started after this call has finished */
    synchronized CompletableFuture<Void> ask() {
        if (queued == null) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            queued = done;
            thread.execute(() -> {
                synchronized (this) {
                    queued = null;
                }
                try {
                    refresh.run();
                    done.complete(null);
                } catch (RuntimeException e) {
                    LOG.error("refresh failed; still serving the previous catalogue", e);
                    done.completeExceptionally(e);
                }
            });
        }
        return queued;
    }

    /** Runs {@code work} once on the refresh thread, after the refreshes asked for before it. */
    void runOnce(Runnable work) {
        thread.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("refresh failed; still serving the previous catalogue", e);
            }
        });
    }

    /** Drops a refresh not started yet and interrupts one in flight: the process is stopping. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
