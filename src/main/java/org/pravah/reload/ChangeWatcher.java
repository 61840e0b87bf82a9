package org.pravah.reload;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which watched thing changed: article folders (recursively, including folders created later) and single
 * files such as the config, with the paths the events named, so the reader of the change reads those only. When the
 * kernel dropped events (an overflow) the change names no paths and the reader reads everything; a lost event costs
 * nothing but latency (the periodic rescan covers it).
 *
 * <p>A folder that cannot be watched (on Linux, usually the kernel's limit of inotify watches per user, which a
 * large archive of month folders reaches) is still read by the rescan; the watcher then says it is
 * {@linkplain #watchesEverything() not watching everything}, so the rescan keeps its base interval, and logs the
 * limit once, however many folders fail.
 */
final class ChangeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    /** What a suggested raise of the watch limit is at least: room for a million-article archive's folders. */
    private static final long SUGGESTED_WATCHES = 524_288;

    enum Kind { ARTICLES, CONFIG }

    /** Hears of changes: which kind, and the paths (files or folders) the events named. */
    @FunctionalInterface
    interface Listener {
        /** @param paths what changed; empty when the events could not say (the kernel dropped some) */
        void changed(Kind kind, Optional<Set<Path>> paths);
    }

    /** Where watches come from: the default file system; a test puts a limit in front of it. */
    interface Kernel {
        Kernel DEFAULT = new Kernel() {
        };

        default WatchService newWatchService() throws IOException {
            return FileSystems.getDefault().newWatchService();
        }

        default WatchKey register(WatchService service, Path dir) throws IOException {
            return dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        }
    }

    private final Kernel kernel;
    /** What the log says catches changes in folders that are not watched. */
    private final String fallback;
    private final WatchService service;
    /** Folders that could not be watched (the rescan reads them): counted, not kept. */
    private final AtomicInteger unwatched = new AtomicInteger();
    private final AtomicBoolean limitReported = new AtomicBoolean();
    private volatile boolean running = true;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Set<Path> articleFolders = ConcurrentHashMap.newKeySet();
    private final Set<Path> configFiles;
    private final Listener onChange;
    private final Thread thread;

    /**
     * @param fallback what picks up changes in folders that cannot be watched, for the log ("the rescan every 30 s")
     * @throws IOException no watch service at all (on Linux: the limit of inotify instances per user)
     */
    ChangeWatcher(Set<Path> articleFolders, Set<Path> configFiles, Listener onChange, Kernel kernel,
                  String fallback) throws IOException {
        this.kernel = kernel;
        this.fallback = fallback;
        this.service = kernel.newWatchService();
        this.configFiles = Set.copyOf(configFiles);
        this.onChange = onChange;
        // the config's folder first: one watch, and nothing but an event reloads the config
        for (Path file : configFiles) {
            IOException e = tryRegister(file.getParent());
            if (e != null) {
                report(file.getParent(), 1, 1, file.getParent(), e);
            }
        }
        for (Path folder : articleFolders) {
            registerTree(folder);
        }
        this.thread = new Thread(this::run, "pravah-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Adds folders (a config reload may name new ones); registering a watched folder again changes nothing. */
    void watch(Set<Path> roots) {
        for (Path root : roots) {
            registerTree(root);
        }
    }

    /**
     * True while every folder asked for is watched and events are being read: then file events report every change
     * and the rescan is only a safety net.
     */
    boolean watchesEverything() {
        return running && unwatched.get() == 0;
    }

    /** Watches {@code root} and every folder below it; one that cannot be watched is counted and reported. */
    private void registerTree(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        int[] walked = {0};
        IOException[] failure = {null};
        Path[] failed = {null};
        int before = unwatched.get();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    walked[0]++;
                    articleFolders.add(dir);
                    IOException e = tryRegister(dir);
                    if (e != null && failure[0] == null) {
                        failure[0] = e;
                        failed[0] = dir;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // walkFileTree only rethrows what the visitor throws, and this one throws nothing
            LOG.warn("cannot list {} to watch it: {}; {} reads it", root, e.getMessage(), fallback);
        }
        if (failure[0] != null) {
            report(root, walked[0], unwatched.get() - before, failed[0], failure[0]);
        }
    }

    /** Registers {@code dir}; returns what went wrong (the folder is then counted as unwatched), or null. */
    private IOException tryRegister(Path dir) {
        try {
            folders.put(kernel.register(service, dir), dir);
            return null;
        } catch (IOException e) {
            unwatched.incrementAndGet();
            return e;
        }
    }

    /**
     * One WARN line for the kernel's watch limit, ever (a million-file archive would otherwise log a line per
     * folder, and every folder created later would add one); other failures once per tree.
     */
    private void report(Path root, int walked, int failed, Path first, IOException e) {
        if (isWatchLimit(e)) {
            if (limitReported.compareAndSet(false, true)) {
                String limit = readLimit("max_user_watches");
                long suggested = Math.max(SUGGESTED_WATCHES, 2 * parse(limit));
                LOG.warn("cannot watch {} of {} folders below {}: the kernel's limit of inotify watches"
                        + " (fs.inotify.max_user_watches = {}) is reached; raise it with"
                        + " 'sudo sysctl fs.inotify.max_user_watches={}' (and a line in /etc/sysctl.d/ to keep it);"
                        + " until then {} picks up changes in the folders not watched",
                        failed, walked, root, limit, suggested, fallback);
            } else {
                LOG.debug("cannot watch {} more folders below {} (inotify watch limit)", failed, root);
            }
        } else {
            LOG.warn("cannot watch {} of {} folders below {} (first {}: {}); {} picks up changes in them",
                    failed, walked, root, first, e.toString(), fallback);
        }
    }

    private static boolean isWatchLimit(IOException e) {
        // the JDK's Linux watch service turns ENOSPC from inotify_add_watch into exactly this message
        String message = String.valueOf(e.getMessage());
        return message.contains("inotify watches") || message.contains("No space left on device");
    }

    /** The current value of /proc/sys/fs/inotify/{@code name}, or "?" where there is none (not Linux). */
    static String readLimit(String name) {
        try {
            return Files.readString(Path.of("/proc/sys/fs/inotify", name)).trim();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static long parse(String limit) {
        try {
            return Long.parseLong(limit);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path dir = folders.get(key);
                boolean articles = false;
                boolean config = false;
                boolean lost = false;
                Set<Path> paths = new LinkedHashSet<>();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW || dir == null) {
                        articles = true;
                        config = true;
                        lost = true;
                        continue;
                    }
                    Path changed = dir.resolve((Path) event.context());
                    if (configFiles.contains(changed)) {
                        config = true;
                    }
                    if (articleFolders.contains(dir)) {
                        articles = true;
                        paths.add(changed);
                        if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed)) {
                            registerTree(changed);
                        }
                    }
                }
                if (!key.reset()) {
                    folders.remove(key);
                }
                if (config) {
                    onChange.changed(Kind.CONFIG, Optional.empty());
                }
                if (articles) {
                    onChange.changed(Kind.ARTICLES, lost ? Optional.empty() : Optional.of(paths));
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing: nothing more to watch
        } catch (RuntimeException e) {
            running = false;
            LOG.error("file watcher stopped; {} picks up changes", fallback, e);
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing watch service", e);
        }
        thread.interrupt();
    }
}
