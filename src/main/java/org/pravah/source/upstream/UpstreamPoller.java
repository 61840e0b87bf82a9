package org.pravah.source.upstream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every upstream on its own schedule, on background threads, never on a request: each source is fetched at
 * start and then again after the delay its last poll asked for (refresh interval, back-off, Retry-After). A poll that
 * changed what a source serves calls {@code onChange}, which rebuilds the site.
 *
 * <p>A few threads serve all sources, so one slow upstream (bounded by its timeout) does not hold up the others.
 * Closing does not wait for a poll in flight: the application closes the poller while holding locks that a poll's
 * {@code onChange} may be waiting for.
 */
public final class UpstreamPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPoller.class);
    private static final int MAX_THREADS = 4;

    private final List<UpstreamSource> sources;
    private volatile ScheduledExecutorService executor;
    private volatile boolean closed;

    public UpstreamPoller(List<UpstreamSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Starts polling; the first polls begin at once, in the background. */
    public synchronized void start(Runnable onChange) {
        if (sources.isEmpty() || executor != null || closed) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(Math.min(sources.size(), MAX_THREADS), r -> {
            Thread t = new Thread(r, "pravah-upstream-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (UpstreamSource source : sources) {
            executor.execute(() -> run(source, onChange));
        }
    }

    private void run(UpstreamSource source, Runnable onChange) {
        Duration next = source.refreshInterval();
        try {
            UpstreamSource.Poll poll = source.poll();
            next = poll.nextDelay();
            if (poll.changed() && !closed) {
                onChange.run();
            }
        } catch (RuntimeException e) {
            LOG.error("polling upstream '{}' failed unexpectedly; trying again in {} min", source.name(),
                    next.toMinutes(), e);
        } finally {
            // whatever went wrong, even an Error, this source is polled again and the others are untouched
            schedule(source, onChange, next);
        }
    }

    private void schedule(UpstreamSource source, Runnable onChange, Duration delay) {
        if (!closed) {
            try {
                executor.schedule(() -> run(source, onChange), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
