package org.pravah.source.upstream;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.pravah.store.ClusterLock;
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
 *
 * <p>In a cluster, each source is polled by one process at a time: before each round the poller asks the source's
 * {@link ClusterLock} and fetches only while this process holds it, otherwise it asks again a refresh interval
 * later, so another process takes over when the holder stops. What the holder fetches reaches the others through
 * the shared store (see {@link UpstreamSource}).
 */
public final class UpstreamPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPoller.class);
    private static final int MAX_THREADS = 4;

    private final List<UpstreamSource> sources;
    private final Map<UpstreamSource, ClusterLock> locks = new IdentityHashMap<>();
    private volatile ScheduledExecutorService executor;
    private volatile Runnable onChange = () -> { };
    private volatile boolean closed;

    /** Polls every source in this process (it is alone). */
    public UpstreamPoller(List<UpstreamSource> sources) {
        this(sources, name -> ClusterLock.SOLO);
    }

    /** @param lockFor the cluster lock that elects the one process that polls the named source */
    public UpstreamPoller(List<UpstreamSource> sources, Function<String, ClusterLock> lockFor) {
        this.sources = List.copyOf(sources);
        this.sources.forEach(source -> locks.put(source, lockFor.apply(source.name())));
    }

    /** Starts polling; the first polls begin at once, in the background. */
    public synchronized void start(Runnable onChange) {
        if (sources.isEmpty() || executor != null || closed) {
            return;
        }
        this.onChange = onChange;
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

    /**
     * One round now, on the caller's thread, besides the scheduled ones: each source whose lock this process holds
     * is fetched (for tests and tools; the schedule is not moved).
     *
     * @return how many sources this process fetched
     */
    public int pollNow() {
        int fetched = 0;
        for (UpstreamSource source : sources) {
            if (!closed && locks.get(source).held()) {
                pollOnce(source, onChange);
                fetched++;
            }
        }
        return fetched;
    }

    private void run(UpstreamSource source, Runnable onChange) {
        Duration next = source.refreshInterval();
        try {
            if (locks.get(source).held()) {
                next = pollOnce(source, onChange);
            } else {
                LOG.debug("upstream '{}': another process polls it", source.name());
            }
        } catch (RuntimeException e) {
            LOG.error("polling upstream '{}' failed unexpectedly; trying again in {} min", source.name(),
                    next.toMinutes(), e);
        } finally {
            // whatever went wrong, even an Error, this source is polled again and the others are untouched
            schedule(source, onChange, next);
        }
    }

    /** @return when to poll next */
    private Duration pollOnce(UpstreamSource source, Runnable onChange) {
        UpstreamSource.Poll poll = source.poll();
        if (poll.changed() && !closed) {
            onChange.run();
        }
        return poll.nextDelay();
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
        // another process may take over at its next round
        locks.values().forEach(ClusterLock::close);
    }
}
