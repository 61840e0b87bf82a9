package org.pravah.reload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the served site in step with the files: a change in an article folder or the config triggers a reload
 * after a short quiet period (editors write several events per save; one reload answers them all), and a periodic
 * rescan catches what events miss. Reloads run one at a time on one thread, never on a request thread.
 *
 * <p>A rescan lists and stats every article file, which on an archive of a million files is seconds of a core. While
 * file events cover every folder, the rescan is only a safety net: each one that finds nothing the events had not
 * already reported doubles the wait before the next, up to {@link #LONGEST_RESCAN}; one that finds a change no event
 * reported goes back to the base interval ({@code reload.rescanSeconds}). Without events for every folder (watching
 * off, no watch service, a folder the kernel's watch limit left unwatched, the watcher stopped) every rescan waits
 * the base interval.
 */
public final class Reloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    /**
     * Long enough to coalesce one save's events (they come within a few milliseconds of each other), short enough
     * that most of the time from a save to the new feed is reading and rendering, not waiting. A write slower than
     * this gives one more event at its end, and so one more reload.
     */
    static final long QUIET_MILLIS = 50;
    /** The longest wait between safety rescans while events cover everything: a missed event is served by then. */
    static final Duration LONGEST_RESCAN = Duration.ofMinutes(10);

    /** What a reload does; implemented by the application. */
    public interface Target {
        /**
         * Re-reads the article sources.
         *
         * @return true if what is served changed
         */
        boolean reloadArticles();

        /**
         * Re-reads what the file system reported changed at {@code paths} (files or folders); by default, everything.
         *
         * @return true if what is served changed
         */
        default boolean reloadArticles(Set<Path> paths) {
            return reloadArticles();
        }

        /** Re-reads the config; an invalid config is reported and the last good one keeps serving. */
        void reloadConfig();
    }

    private final Target target;
    private final ScheduledExecutorService executor;
    private final ChangeWatcher watcher;
    private final Duration baseRescan;
    private ScheduledFuture<?> pending;
    private boolean configPending;
    /** The paths named by the events since the last event reload; null when some event named none (read all). */
    private Set<Path> pendingPaths = new LinkedHashSet<>();
    /** File events received, and how many of them the last event reload had seen when it started. */
    private long events;
    private long eventsLoaded;
    private Duration rescanInterval;
    private ScheduledFuture<?> nextRescan;

    /**
     * @param rescanSeconds the base interval of the periodic rescan; 0: no periodic rescan
     * @param watch         false: no file-system events, only the rescan
     */
    public Reloader(Target target, Set<Path> articleFolders, Path configFile, boolean watch, int rescanSeconds) {
        this(target, articleFolders, configFile, watch, rescanSeconds, ChangeWatcher.Kernel.DEFAULT);
    }

    Reloader(Target target, Set<Path> articleFolders, Path configFile, boolean watch, int rescanSeconds,
             ChangeWatcher.Kernel kernel) {
        this.target = target;
        this.baseRescan = Duration.ofSeconds(rescanSeconds);
        this.rescanInterval = baseRescan;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pravah-reload");
            t.setDaemon(true);
            return t;
        });
        String fallback = rescanSeconds > 0
                ? "the rescan every " + rescanSeconds + " s (reload.rescanSeconds)"
                : "nothing but a restart (reload.rescanSeconds is 0)";
        ChangeWatcher made = null;
        if (watch) {
            try {
                made = new ChangeWatcher(articleFolders, Set.of(configFile.toAbsolutePath().normalize()),
                        this::changed, kernel, fallback);
            } catch (IOException e) {
                // on Linux: inotify_init failed, almost always the per-user limit of inotify instances
                LOG.warn("cannot watch files ({}): the kernel's limit of inotify instances"
                        + " (fs.inotify.max_user_instances = {}) may be reached; raise it with"
                        + " 'sudo sysctl fs.inotify.max_user_instances=1024'; until then {} picks up changes",
                        e.getMessage(), ChangeWatcher.readLimit("max_user_instances"), fallback);
            }
        }
        this.watcher = made;
        if (rescanSeconds > 0) {
            scheduleRescan();
        }
    }

    /** Watches these folders too (after a config reload names new ones); already watched ones are left as they are. */
    public void watch(Set<Path> articleFolders) {
        if (watcher != null) {
            watcher.watch(articleFolders);
        }
    }

    private synchronized void changed(ChangeWatcher.Kind kind, Optional<Set<Path>> paths) {
        configPending |= kind == ChangeWatcher.Kind.CONFIG;
        if (kind == ChangeWatcher.Kind.ARTICLES) {
            if (paths.isEmpty()) {
                pendingPaths = null;
            } else if (pendingPaths != null) {
                pendingPaths.addAll(paths.get());
            }
        }
        events++;
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(this::runEvents, QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void runEvents() {
        boolean config;
        Set<Path> paths;
        synchronized (this) {
            config = configPending;
            configPending = false;
            paths = pendingPaths;
            pendingPaths = new LinkedHashSet<>();
            // everything changed before this moment is read by this reload
            eventsLoaded = events;
        }
        run(config, Optional.ofNullable(paths));
    }

    private boolean run(boolean config, Optional<Set<Path>> paths) {
        try {
            if (config) {
                target.reloadConfig();
                return true;
            }
            // the events' paths only: a save in an archive of a million files reads that file, not the archive
            return paths.isPresent() ? target.reloadArticles(paths.get()) : target.reloadArticles();
        } catch (RuntimeException e) {
            // a reload must never stop the reloader: the site keeps serving its last good snapshot
            LOG.error("reload failed; still serving the previous catalogue", e);
            return false;
        }
    }

    private synchronized void scheduleRescan() {
        if (nextRescan != null) {
            nextRescan.cancel(false);
        }
        if (!executor.isShutdown()) {
            nextRescan = executor.schedule(this::rescan, rescanInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void rescan() {
        long before;
        boolean eventPending;
        synchronized (this) {
            before = events;
            eventPending = events != eventsLoaded;
        }
        boolean changed = run(false, Optional.empty());
        synchronized (this) {
            // a change an event reported (before or during this rescan) is not one the events missed
            boolean missed = changed && !eventPending && events == before;
            if (watcher == null || !watcher.watchesEverything() || baseRescan.isZero()) {
                rescanInterval = baseRescan;
            } else if (missed) {
                if (!rescanInterval.equals(baseRescan)) {
                    LOG.info("a rescan found a change no file event reported; rescanning every {} s again",
                            baseRescan.toSeconds());
                }
                rescanInterval = baseRescan;
            } else {
                Duration longer = rescanInterval.multipliedBy(2);
                Duration cap = LONGEST_RESCAN.compareTo(baseRescan) > 0 ? LONGEST_RESCAN : baseRescan;
                rescanInterval = longer.compareTo(cap) > 0 ? cap : longer;
            }
        }
        if (!baseRescan.isZero()) {
            scheduleRescan();
        }
    }

    /** How long the next periodic rescan waits (after the one now running, if any). */
    synchronized Duration rescanInterval() {
        return rescanInterval;
    }

    /** Runs a periodic rescan now, on the reload thread (as its timer would); for tests. */
    Future<?> rescanNow() {
        return executor.submit(this::rescan);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        executor.shutdownNow();
    }
}
