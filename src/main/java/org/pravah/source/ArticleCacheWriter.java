package org.pravah.source;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes article caches on one background thread, off the request and reload paths. Writes of one file run in the
 * order they were asked for, and a write still waiting is replaced by a newer one for the same file, so an older
 * state never lands after a newer one and a burst of reloads costs one write. {@link #close()} lets the queued writes
 * finish, so that stopping the server does not lose them (a write cut short by a kill leaves only a temporary file;
 * the cache itself is replaced by an atomic rename).
 */
public final class ArticleCacheWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleCacheWriter.class);
    private static final long CLOSE_WAIT_SECONDS = 15;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pravah-cache-writer");
        t.setDaemon(true);
        return t;
    });
    /** The newest write asked for per file that has not started yet. */
    private final Map<Path, Runnable> waiting = new HashMap<>();

    void submit(Path file, Runnable write) {
        synchronized (waiting) {
            if (thread.isShutdown()) {
                return;
            }
            // a write already waiting for this file has its task in the queue: it will run the newest one
            if (waiting.put(file, write) == null) {
                thread.execute(() -> runNewest(file));
            }
        }
    }

    private void runNewest(Path file) {
        Runnable write;
        synchronized (waiting) {
            write = waiting.remove(file);
        }
        if (write != null) {
            write.run();
        }
    }

    /** Finishes the queued writes (waiting at most {@value #CLOSE_WAIT_SECONDS} s), then stops the thread. */
    @Override
    public void close() {
        synchronized (waiting) {
            thread.shutdown();
        }
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("article cache writes did not finish in {} s; the next start reads the files it misses",
                        CLOSE_WAIT_SECONDS);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
