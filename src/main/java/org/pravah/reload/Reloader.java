package org.pravah.reload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the served site in step with the files: a change in an article folder or the config triggers a reload
 * after a short quiet period (editors write several events per save; one reload answers them all), and a periodic
 * rescan catches what events miss. Reloads run one at a time on one thread, never on a request thread.
 */
public final class Reloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    /** Long enough to coalesce one save's events, short enough that a change is served well within a second. */
    static final long QUIET_MILLIS = 100;

    /** What a reload does; implemented by the application. */
    public interface Target {
        /** Re-reads the article sources. */
        void reloadArticles();

        /** Re-reads the config; an invalid config is reported and the last good one keeps serving. */
        void reloadConfig();
    }

    private final Target target;
    private final ScheduledExecutorService executor;
    private final ChangeWatcher watcher;
    private ScheduledFuture<?> pending;
    private boolean configPending;

    /**
     * @param rescanSeconds 0: no periodic rescan
     * @param watch         false: no file-system events, only the rescan
     */
    public Reloader(Target target, Set<Path> articleFolders, Path configFile, boolean watch, int rescanSeconds)
            throws IOException {
        this.target = target;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pravah-reload");
            t.setDaemon(true);
            return t;
        });
        this.watcher = watch
                ? new ChangeWatcher(articleFolders, Set.of(configFile.toAbsolutePath().normalize()), this::changed)
                : null;
        if (rescanSeconds > 0) {
            executor.scheduleWithFixedDelay(() -> run(false), rescanSeconds, rescanSeconds, TimeUnit.SECONDS);
        }
    }

    /** Watches these folders too (after a config reload names new ones); already watched ones are left as they are. */
    public void watch(Set<Path> articleFolders) {
        if (watcher != null) {
            watcher.watch(articleFolders);
        }
    }

    private synchronized void changed(ChangeWatcher.Kind kind) {
        configPending |= kind == ChangeWatcher.Kind.CONFIG;
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(() -> run(takeConfigPending()), QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized boolean takeConfigPending() {
        boolean config = configPending;
        configPending = false;
        return config;
    }

    private void run(boolean config) {
        try {
            if (config) {
                target.reloadConfig();
            } else {
                target.reloadArticles();
            }
        } catch (RuntimeException e) {
            // a reload must never stop the reloader: the site keeps serving its last good snapshot
            LOG.error("reload failed; still serving the previous catalogue", e);
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        executor.shutdownNow();
    }
}
