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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which watched thing changed: article folders (recursively, including folders created later) and single
 * files such as the config. Events only say "something changed"; the reader of the change rescans, so a lost or
 * coalesced event costs nothing but latency (and the periodic rescan covers even that).
 */
final class ChangeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);

    enum Kind { ARTICLES, CONFIG }

    private final WatchService service;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final Set<Path> articleFolders = ConcurrentHashMap.newKeySet();
    private final Set<Path> configFiles;
    private final Consumer<Kind> onChange;
    private final Thread thread;

    ChangeWatcher(Set<Path> articleFolders, Set<Path> configFiles, Consumer<Kind> onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.configFiles = Set.copyOf(configFiles);
        this.onChange = onChange;
        for (Path folder : articleFolders) {
            registerTree(folder);
        }
        for (Path file : configFiles) {
            register(file.getParent());
        }
        this.thread = new Thread(this::run, "pravah-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Adds folders (a config reload may name new ones); registering a watched folder again changes nothing. */
    void watch(Set<Path> roots) {
        for (Path root : roots) {
            try {
                registerTree(root);
            } catch (IOException e) {
                LOG.warn("cannot watch {}: {}; the periodic rescan still reads it", root, e.getMessage());
            }
        }
    }

    private void registerTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                register(dir);
                articleFolders.add(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void register(Path dir) throws IOException {
        WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        folders.put(key, dir);
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path dir = folders.get(key);
                boolean articles = false;
                boolean config = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW || dir == null) {
                        articles = true;
                        config = true;
                        continue;
                    }
                    Path changed = dir.resolve((Path) event.context());
                    if (configFiles.contains(changed)) {
                        config = true;
                    }
                    if (articleFolders.contains(dir)) {
                        articles = true;
                        if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed)) {
                            registerTree(changed);
                        }
                    }
                }
                if (!key.reset()) {
                    folders.remove(key);
                }
                if (config) {
                    onChange.accept(Kind.CONFIG);
                }
                if (articles) {
                    onChange.accept(Kind.ARTICLES);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing: nothing more to watch
        } catch (IOException | RuntimeException e) {
            LOG.error("file watcher stopped; the periodic rescan still picks up changes", e);
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
