package org.pravah.source.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes article caches on one background thread, off the request and reload paths, a few seconds after they are
 * asked for: a start's first write then does not compete with the first requests for the CPU, and a burst of reloads
 * costs one write. A write still waiting is replaced by a newer one for the same file, and all writes run on one
 * thread, so an older state never lands after a newer one. {@link #close()} does the waiting writes at once, so that
 * stopping the server does not lose them (a write cut short by a kill leaves only a temporary file, removed at the
 * next start; the cache itself is replaced by an atomic rename).
 */
public final class ArticleCacheWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleCacheWriter.class);
    private static final Duration DELAY = Duration.ofSeconds(5);
    private static final long CLOSE_WAIT_SECONDS = 15;

    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "pravah-cache-writer");
        t.setDaemon(true);
        return t;
    });
    /** The newest write asked for per file that has not started yet. */
    private final Map<Path, Runnable> waiting = new LinkedHashMap<>();
    private final Duration delay;
    /**
     * Writes asked for with {@link #submitNow} and not yet done: each file's task counts once, however often it was
     * replaced meanwhile.
     */
    private int unfinishedNow;
    private boolean closed;

    public ArticleCacheWriter() {
        this(DELAY);
    }

    ArticleCacheWriter(Duration delay) {
        this.delay = delay;
        // close() runs the waiting writes itself instead of waiting out their delay
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void submit(Path file, Runnable write) {
        submit(file, write, false);
    }

    /** Like {@link #submit}, without the delay: a first start's folders, whose texts the heap waits to let go of. */
    void submitNow(Path file, Runnable write) {
        submit(file, write, true);
    }

    private void submit(Path file, Runnable write, boolean now) {
        synchronized (waiting) {
            if (closed) {
                return;
            }
            // a write already waiting for this file has its task scheduled: that task runs the newest one
            if (waiting.put(file, write) == null) {
                if (now) {
                    unfinishedNow++;
                }
                thread.schedule(() -> runNewest(file, now), now ? 0 : delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void runNewest(Path file, boolean now) {
        Runnable write;
        synchronized (waiting) {
            write = waiting.remove(file);
        }
        try {
            if (write != null) {
                write.run();
            }
        } finally {
            if (now) {
                synchronized (waiting) {
                    unfinishedNow--;
                    waiting.notifyAll();
                }
            }
        }
    }

    /**
     * Waits until at most {@code writes} writes asked for with {@link #submitNow} are waiting or running: a first
     * start reads the next folders only once the writes of the ones before have taken their texts out of the heap,
     * so that a million articles' texts are never all in it at once. Delayed writes are not waited for.
     */
    public void awaitAtMost(int writes) throws InterruptedException {
        synchronized (waiting) {
            while (unfinishedNow > writes && !closed) {
                waiting.wait();
            }
        }
    }

    /**
     * Lets a write in progress finish (waiting at most {@value #CLOSE_WAIT_SECONDS} s), then does the waiting ones on
     * this thread, newest state of each file; later submits are ignored.
     */
    @Override
    public void close() {
        List<Runnable> now;
        synchronized (waiting) {
            closed = true;
            now = new ArrayList<>(waiting.values());
            waiting.clear();
            waiting.notifyAll();
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("an article cache write did not finish in {} s; the next start reads the files it misses",
                        CLOSE_WAIT_SECONDS);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        now.forEach(Runnable::run);
    }
}
