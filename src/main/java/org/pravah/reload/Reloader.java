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
 * <p>A whole walk lists and stats every article file, which on an archive of a million files is seconds of a core,
 * so the safety rescan every base interval ({@code reload.rescanSeconds}) walks only what the events cannot vouch
 * for. On Linux inotify loses events only by a queue overflow (the watcher then asks for a whole reload at once) or
 * with a watch (a folder not watched, a network file system): the watcher names those folders, and the ones whose
 * own modification time moved without an event ({@link ChangeWatcher#foldersToWalk}), and only they are read. An
 * idle archive's safety rescan is then a stat per folder. A whole walk, the check of everything else (a file edited
 * in place on a file system that did not say so), comes every {@link #LONGEST_WALK} while the events prove right;
 * a safety rescan that finds a change no event reported brings whole walks back to the base interval, and each
 * whole walk that then finds nothing new doubles the wait again. Without events (watching off, no watch service,
 * the watcher stopped) every rescan is a whole walk at the base interval.
 */
public final class Reloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    /**
     * Long enough to coalesce one save's events (they come within a few milliseconds of each other), short enough
     * that most of the time from a save to the new feed is reading and rendering, not waiting. A write slower than
     * this gives one more event at its end, and so one more reload.
     */
    static final long QUIET_MILLIS = 50;
    /**
     * The longest wait between whole walks while events prove right. A walk of a million files costs a few seconds
     * of a core: once an hour that is ~0.1 % of a core, against the 2 % an idle server may spend. It catches only
     * what neither events nor a folder's modification time show (a file edited in place behind the watcher's back,
     * which a local file system always reports), so an hour bounds a case that should not occur; it also saves the
     * article cache of files saved since the last whole load, so a restart re-reads at most an hour's edits.
     */
    static final Duration LONGEST_WALK = Duration.ofHours(1);

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
    /** The wait between whole walks: the base interval at most while events are not trusted. */
    private Duration walkInterval;
    /** When the next whole walk is due, in {@link System#nanoTime} (the start's whole load is the first). */
    private long nextWalk;
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
        this.walkInterval = LONGEST_WALK.compareTo(baseRescan) > 0 ? LONGEST_WALK : baseRescan;
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
        this.nextWalk = System.nanoTime() + walkInterval.toNanos();
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
            nextRescan = executor.schedule(this::rescanThenWait, baseRescan.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void rescanThenWait() {
        rescan(false);
        if (!baseRescan.isZero()) {
            scheduleRescan();
        }
    }

    /** @param walkNow walk everything whether or not a whole walk is due */
    private void rescan(boolean walkNow) {
        long before;
        boolean eventPending;
        synchronized (this) {
            before = events;
            eventPending = events != eventsLoaded;
        }
        boolean trusted = watcher != null && watcher.running();
        boolean whole = walkNow || !trusted || System.nanoTime() - nextWalk >= 0;
        boolean changed = false;
        boolean suspect = false;
        if (trusted) {
            ChangeWatcher.Walk walk = watcher.foldersToWalk();
            if (!walk.folders().isEmpty() && run(false, Optional.of(walk.folders()))) {
                changed = true;
                // a change in a folder no event covers is what its rescan is for, not a sign that events go missing
                suspect = walk.unexplained();
            }
        }
        // after the folders above, so that what the whole walk finds is only what the events should have reported
        if (whole && run(false, Optional.empty())) {
            changed = true;
            suspect = true;
        }
        synchronized (this) {
            // a change an event reported (before or during this rescan) is not one the events missed
            boolean missed = changed && suspect && !eventPending && events == before;
            Duration cap = LONGEST_WALK.compareTo(baseRescan) > 0 ? LONGEST_WALK : baseRescan;
            if (!trusted) {
                walkInterval = baseRescan;
            } else if (missed) {
                if (!walkInterval.equals(baseRescan)) {
                    LOG.info("a rescan found a change no file event reported; walking every article file every {} s"
                            + " again", baseRescan.toSeconds());
                }
                walkInterval = baseRescan;
            } else if (whole) {
                Duration longer = walkInterval.multipliedBy(2);
                walkInterval = longer.compareTo(cap) > 0 ? cap : longer;
            }
            if (whole || missed) {
                nextWalk = System.nanoTime() + walkInterval.toNanos();
            }
        }
    }

    /** How long until the next whole walk of every article file, counted from the last one (or the start). */
    synchronized Duration walkInterval() {
        return walkInterval;
    }

    /** Whether events are trusted for every folder (no folder is read by every safety rescan); for tests. */
    boolean watchesEverything() {
        return watcher != null && watcher.watchesEverything();
    }

    /** Runs a periodic safety rescan now, on the reload thread (as its timer would); for tests. */
    Future<?> rescanNow() {
        return executor.submit(() -> rescan(false));
    }

    /** Runs the whole walk now that its timer would run later, on the reload thread; for tests. */
    Future<?> walkNow() {
        return executor.submit(() -> rescan(true));
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        executor.shutdownNow();
    }
}
