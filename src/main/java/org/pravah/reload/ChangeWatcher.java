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
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * {@linkplain #watchesEverything() not watching everything}, and logs the limit once, however many folders fail.
 *
 * <p>It also tells the periodic safety rescan which folders it must read ({@link #foldersToWalk}): on Linux, inotify
 * loses events only by a queue overflow (reported here as a change without paths: the reader reads everything) or
 * with a watch (a folder not watched, a watch the kernel dropped, a network file system whose other clients' edits
 * make no event). Folders whose events are trusted are only checked by their own modification time, one stat each,
 * which moves with every file created, deleted or renamed in them: that catches a lost event of that kind at the
 * price of a stat per folder, not per file. The untrusted folders are read whole every time.
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

        /**
         * The type of the file system holding {@code dir} ("ext4", "nfs4"), or "" when it cannot be told: a network
         * file system's events report this machine's edits only.
         */
        default String fileSystemType(Path dir) {
            try {
                return Files.getFileStore(dir).type();
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
    }

    /**
     * File system types (as Linux names them in /proc/mounts) whose files other machines change without an inotify
     * event here. A type missing from this list is trusted like a local disk; the hourly whole walk still covers it.
     */
    private static final Set<String> NETWORK_FILE_SYSTEMS = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smb3",
            "smbfs", "9p", "afs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs", "ocfs2", "gfs2",
            "fuse.sshfs", "sshfs", "fuse.s3fs", "fuse.rclone", "davfs", "fuse.davfs2", "fuse.cephfs", "beegfs");

    private final Kernel kernel;
    /** What the log says catches changes in folders that are not watched. */
    private final String fallback;
    private final WatchService service;
    /**
     * Article folders whose events are trusted, each with its modification time as last seen (at registration, and
     * after each of its events): a safety rescan reads only those whose time moved since.
     */
    private final Map<Path, FileTime> watched = new ConcurrentHashMap<>();
    /**
     * Article folders whose events cannot be trusted: not watched (the kernel's limit, a watch that could not be
     * made again), or on a network file system. Every safety rescan reads them whole. A folder, not a file, each: the
     * limit that leaves them here is one of folders.
     */
    private final Set<Path> untrusted = ConcurrentHashMap.newKeySet();
    /** Folders to read once at the next safety rescan: their watch was lost and made again, events between are not. */
    private final Set<Path> walkOnce = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean limitReported = new AtomicBoolean();
    private final AtomicBoolean networkReported = new AtomicBoolean();
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
        return running && untrusted.isEmpty();
    }

    /** True while events are being read (the watcher did not stop). */
    boolean running() {
        return running;
    }

    /**
     * The article folders a safety rescan must read, none below another: the untrusted ones, those whose watch was
     * lost since the last call, and the watched ones whose modification time moved without an event (a file created,
     * deleted or renamed in it, unreported), or that are gone. A new folder found this way is watched from now on.
     * Costs one stat per watched folder.
     */
    Walk foldersToWalk() {
        Set<Path> out = new java.util.HashSet<>(untrusted);
        boolean unexplained = false;
        // a folder gone is read once more (its files leave) and then forgotten
        untrusted.removeIf(dir -> !Files.isDirectory(dir));
        for (Path dir : walkOnce) {
            walkOnce.remove(dir);
            out.add(dir);
        }
        for (Map.Entry<Path, FileTime> e : watched.entrySet()) {
            FileTime now = modified(e.getKey());
            if (now == null || !now.equals(e.getValue())) {
                if (now == null) {
                    watched.remove(e.getKey());
                } else {
                    e.setValue(now);
                }
                out.add(e.getKey());
                unexplained = true;
            }
        }
        // a changed folder may hold a new folder no event announced: watched from now on (and read below)
        for (Path dir : out) {
            if (watched.containsKey(dir)) {
                registerTree(dir);
            }
        }
        // reading a folder reads what is below it: a folder inside another one listed is read once, not twice
        Set<Path> topmost = new LinkedHashSet<>();
        for (Path dir : out) {
            Path above = dir.getParent();
            while (above != null && !out.contains(above)) {
                above = above.getParent();
            }
            if (above == null) {
                topmost.add(dir);
            }
        }
        return new Walk(topmost, unexplained);
    }

    /**
     * What a safety rescan reads.
     *
     * @param folders     none below another
     * @param unexplained a watched folder's modification time moved without an event: a change found there is one
     *                    the events missed (one found in an untrusted folder is expected)
     */
    record Walk(Set<Path> folders, boolean unexplained) {
    }

    /** The folder's modification time, or null when it is no longer a folder. */
    private static FileTime modified(Path dir) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
            return attributes.isDirectory() ? attributes.lastModifiedTime() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Watches {@code root} and every folder below it; one that cannot be watched is counted and reported. */
    private void registerTree(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        int[] walked = {0};
        int[] unwatched = {0};
        IOException[] failure = {null};
        Path[] failed = {null};
        String type = kernel.fileSystemType(root);
        boolean network = NETWORK_FILE_SYSTEMS.contains(type);
        if (network && networkReported.compareAndSet(false, true)) {
            LOG.info("{} is on a network file system ({}): file events miss other machines' edits, so {} reads its"
                    + " folders", root, type, fallback);
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    walked[0]++;
                    articleFolders.add(dir);
                    IOException e = tryRegister(dir);
                    if (e != null) {
                        unwatched[0]++;
                        untrusted.add(dir);
                        if (failure[0] == null) {
                            failure[0] = e;
                            failed[0] = dir;
                        }
                    } else if (network) {
                        // watched all the same: this machine's edits are served without waiting for a rescan
                        untrusted.add(dir);
                    } else {
                        watched.put(dir, attrs.lastModifiedTime());
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
            report(root, walked[0], unwatched[0], failed[0], failure[0]);
        }
    }

    /** Registers {@code dir}; returns what went wrong, or null. */
    private IOException tryRegister(Path dir) {
        try {
            folders.put(kernel.register(service, dir), dir);
            untrusted.remove(dir);
            return null;
        } catch (IOException e) {
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
                if (dir != null && watched.containsKey(dir)) {
                    // the events just taken report what moved this time: the safety rescan need not read the folder
                    FileTime now = modified(dir);
                    if (now != null) {
                        watched.put(dir, now);
                    }
                }
                if (!key.reset()) {
                    folders.remove(key);
                    if (dir != null && articleFolders.contains(dir)) {
                        lost(dir);
                    }
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

    /**
     * The kernel dropped the watch of {@code dir} (the folder deleted, its file system unmounted). A folder still there
     * is watched again and read once by the next safety rescan (events in between are lost); one that cannot be
     * watched again is read by every safety rescan. A folder gone is forgotten: its parent's event reported it.
     */
    private void lost(Path dir) {
        watched.remove(dir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        IOException e = tryRegister(dir);
        if (e == null) {
            FileTime now = modified(dir);
            if (now != null) {
                watched.put(dir, now);
            }
            walkOnce.add(dir);
        } else {
            untrusted.add(dir);
            report(dir, 1, 1, dir, e);
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
