package org.pravah;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes asked for after store writes (this process's, or another's) run here, one at a time, on a thread of
 * their own and never on a request thread. Asks made while a refresh waits to start share it; one made after it
 * started gets the next, so every write is seen without a refresh per write.
 *
 * <p>A refresh starts at the earliest {@link #SPACING_MILLIS} after the one before started. A write on a quiet
 * server is refreshed at once; under a stream of writes (50 a second) each refresh takes in the writes of its
 * interval, instead of one refresh, one new snapshot and one rendering of each polled feed per write: the CPU a write
 * costs was mostly that per-refresh work, and a process short of CPU fell behind.
 */
final class RefreshQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshQueue.class);
    /** At most this many refreshes a second follow writes (and this much is added to a write's way to the feeds). */
    static final long SPACING_MILLIS = 50;

    private final Runnable refresh;
    private final long spacingNanos;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pravah-refresh");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> queued;
    /** When the last refresh started (System.nanoTime); guarded by this. */
    private long lastStart;
    private boolean started;
    private long refreshes;

    RefreshQueue(Runnable refresh) {
        this(refresh, SPACING_MILLIS);
    }

    RefreshQueue(Runnable refresh, long spacingMillis) {
        this.refresh = refresh;
        this.spacingNanos = TimeUnit.MILLISECONDS.toNanos(spacingMillis);
    }

    /** @return completes when a refresh that started after this call has finished */
    synchronized CompletableFuture<Void> ask() {
        if (queued == null) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            queued = done;
            long now = System.nanoTime();
            long wait = started ? Math.max(0, lastStart + spacingNanos - now) : 0;
            thread.schedule(() -> {
                synchronized (this) {
                    queued = null;
                    started = true;
                    lastStart = System.nanoTime();
                    refreshes++;
                }
                try {
                    refresh.run();
                    done.complete(null);
                } catch (RuntimeException e) {
                    LOG.error("refresh failed; still serving the previous catalogue", e);
                    done.completeExceptionally(e);
                }
            }, wait, TimeUnit.NANOSECONDS);
        }
        return queued;
    }

    /** How many refreshes have started (tests: a burst of writes costs few). */
    synchronized long refreshes() {
        return refreshes;
    }

    /** Runs {@code work} once on the refresh thread, after the refreshes asked for before it. */
    synchronized void runOnce(Runnable work) {
        Runnable once = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("refresh failed; still serving the previous catalogue", e);
            }
        };
        if (queued == null) {
            thread.execute(once);
        } else {
            // a refresh waiting for its spacing: after it, not before
            queued.whenComplete((done, failed) -> thread.execute(once));
        }
    }

    /** Drops a refresh not started yet and interrupts one in flight: the process is stopping. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
