package org.pravah.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.LogCapture;
import org.pravah.testing.TestSite;

/**
 * A walk over every article file costs seconds at a million files: while file events cover a folder, the periodic
 * safety rescan reads it only when its modification time moved, and whole walks wait an hour; folders whose events
 * cannot be trusted are read by every rescan. Rescans and walks are run by hand here (on the reload thread, as the
 * timer would), so no test waits for a timer.
 */
class RescanIntervalTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final Duration BASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private TestSite site;
    private Reloader reloader;
    private LogCapture log;

    @BeforeEach
    void startSite() throws Exception {
        // the site's own reloader is off: each test makes the one it looks at
        site = new TestSite(dir).config(0, "reload: {watch: false, rescanSeconds: 0}\n")
                .article("2025/01/desh-1", "संसद में बजट पर बहस", "desh", "2025-01-27T09:30:00+05:30")
                .article("2025/02/khel-1", "कबड्डी लीग का फ़ाइनल", "khel", "2025-02-28T18:00:00+05:30")
                .article("2026/01/desh-2", "नई रेल लाइन को मंज़ूरी", "desh", "2026-01-05T08:00:00+05:30");
        site.start();
        // the start's own whole load follows the first one: an edit made before it ends would be read by it
        site.app().caughtUp().get(30, TimeUnit.SECONDS);
        log = LogCapture.of(ChangeWatcher.class, Reloader.class);
    }

    @AfterEach
    void stop() {
        log.close();
        if (reloader != null) {
            reloader.close();
        }
        site.close();
    }

    private Reloader reloader(boolean watch, ChangeWatcher.Kernel kernel) {
        reloader = new Reloader(site.app(), Set.of(site.root().resolve("articles")), site.config(), watch, 30, kernel);
        return reloader;
    }

    private void rescan() throws Exception {
        reloader.rescanNow().get();
    }

    private void walk() throws Exception {
        reloader.walkNow().get();
    }

    /** Rewrites an article's file in place, leaving its folder's modification time as it was. */
    private void editInPlace(String name, String title) throws IOException {
        Path folder = site.root().resolve("articles/" + name).getParent();
        FileTime folderTime = Files.getLastModifiedTime(folder);
        site.article(name, title, "khel", "2026-01-09T10:00:00+05:30");
        Files.setLastModifiedTime(folder, folderTime);
    }

    private boolean served(String title) {
        return site.getText("/feeds/khel.rss").contains(title);
    }

    @Test
    void a_safety_rescan_while_events_cover_every_folder_reads_no_folder_whose_modification_time_did_not_move()
            throws Exception {
        reloader(true, new Quiet());
        editInPlace("2026/01/desh-2", "महिला हॉकी टीम सेमीफ़ाइनल में");
        rescan();
        assertFalse(served("महिला हॉकी टीम"), "an edit in place no event reported waits for the whole walk");
        walk();
        assertTrue(served("महिला हॉकी टीम"), "the whole walk serves it");
        assertEquals(BASE, reloader.walkInterval(), "events missed a change: whole walks every base interval again");
        assertEquals(List.of("INFO a rescan found a change no file event reported; walking every article file every"
                + " 30 s again"), lines(Level.INFO));
        walk();
        assertEquals(Duration.ofSeconds(60), reloader.walkInterval(), "a walk that finds nothing doubles the wait");
        walk();
        assertEquals(Duration.ofSeconds(120), reloader.walkInterval());
    }

    @Test
    void a_file_created_without_an_event_is_served_by_the_next_safety_rescan_through_its_folders_modification_time()
            throws Exception {
        reloader(true, new Quiet());
        site.article("2026/01/khel-2", "महिला हॉकी टीम सेमीफ़ाइनल में", "khel", "2026-01-09T10:00:00+05:30");
        rescan();
        assertTrue(served("महिला हॉकी टीम"));
        assertEquals(BASE, reloader.walkInterval(), "events missed a change: whole walks every base interval again");
    }

    @Test
    void whole_walks_wait_an_hour_while_file_events_report_every_change() throws Exception {
        reloader(true, ChangeWatcher.Kernel.DEFAULT);
        assertEquals(Reloader.LONGEST_WALK, reloader.walkInterval());
        site.article("2026/01/khel-2", "महिला हॉकी टीम सेमीफ़ाइनल में", "khel", "2026-01-09T10:00:00+05:30");
        TestSite.waitUntil(WITHIN, "the event reload", () -> served("महिला हॉकी टीम"));
        rescan();
        walk();
        assertEquals(Reloader.LONGEST_WALK, reloader.walkInterval());
        assertEquals(List.of(), lines(Level.INFO));
    }

    @Test
    void an_overflow_of_the_event_queue_reads_every_file() throws Exception {
        Quiet quiet = new Quiet();
        reloader(true, quiet);
        editInPlace("2026/01/desh-2", "महिला हॉकी टीम सेमीफ़ाइनल में");
        quiet.service.overflow(site.root().resolve("articles/2025/01"));
        TestSite.waitUntil(WITHIN, "the whole reload after the overflow", () -> served("महिला हॉकी टीम"));
    }

    @Test
    void a_folder_whose_watch_the_kernel_dropped_and_that_cannot_be_watched_again_is_read_by_every_safety_rescan()
            throws Exception {
        Path lost = site.root().resolve("articles/2026/01");
        Quiet quiet = new Quiet() {
            @Override
            public WatchKey register(WatchService service, Path folder) throws IOException {
                if (service().dropped.contains(folder)) {
                    throw new IOException("User limit of inotify watches reached");
                }
                return super.register(service, folder);
            }
        };
        reloader(true, quiet);
        quiet.service.drop(lost);
        TestSite.waitUntil(WITHIN, "the watcher to hear of the lost watch", () -> !reloader.watchesEverything());
        editInPlace("2026/01/desh-2", "महिला हॉकी टीम सेमीफ़ाइनल में");
        editInPlace("2025/02/khel-1", "कबड्डी में नया रिकॉर्ड");
        rescan();
        assertTrue(served("महिला हॉकी टीम"), "the folder without a watch is read");
        assertFalse(served("कबड्डी में नया रिकॉर्ड"), "a watched folder whose time did not move is not");
        assertEquals(Reloader.LONGEST_WALK, reloader.walkInterval(), "a change there is no sign of missed events");
        editInPlace("2026/01/desh-2", "महिला हॉकी टीम फ़ाइनल में");
        rescan();
        assertTrue(served("महिला हॉकी टीम फ़ाइनल"), "and read again at every rescan");
    }

    @Test
    void a_folder_on_a_network_file_system_is_read_by_every_safety_rescan() throws Exception {
        reloader(true, new ChangeWatcher.Kernel() {
            @Override
            public String fileSystemType(Path dir) {
                return "nfs4";
            }
        });
        editInPlace("2026/01/desh-2", "महिला हॉकी टीम सेमीफ़ाइनल में");
        rescan();
        assertTrue(served("महिला हॉकी टीम"));
        assertTrue(lines(Level.INFO).get(0).contains("is on a network file system (nfs4)"), lines(Level.INFO).toString());
    }

    @Test
    void reaching_the_inotify_watch_limit_logs_one_warning_and_rescans_keep_serving_changes_every_base_interval()
            throws Exception {
        AtomicInteger registered = new AtomicInteger();
        reloader(true, new ChangeWatcher.Kernel() {
            @Override
            public WatchKey register(WatchService service, Path folder) throws IOException {
                if (registered.incrementAndGet() > 3) {
                    // what the JDK's Linux watch service throws when inotify_add_watch fails with ENOSPC
                    throw new IOException("User limit of inotify watches reached");
                }
                return ChangeWatcher.Kernel.super.register(service, folder);
            }
        });
        List<String> warnings = lines(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        // the config's folder, then articles, 2025, 2025/01, 2025/02, 2026, 2026/01: the first two are watched
        assertTrue(warning.startsWith("WARN cannot watch 4 of 6 folders below "), warning);
        assertTrue(warning.contains("fs.inotify.max_user_watches = "), warning);
        assertTrue(warning.contains("'sudo sysctl fs.inotify.max_user_watches="), warning);
        assertTrue(warning.contains("the rescan every 30 s (reload.rescanSeconds) picks up changes"), warning);

        // a folder made later (here: named by a config reload) fails the same way, and says nothing more
        Files.createDirectories(site.root().resolve("articles/2026/02"));
        reloader.watch(Set.of(site.root().resolve("articles/2026")));
        site.article("2026/02/khel-2", "महिला हॉकी टीम सेमीफ़ाइनल में", "khel", "2026-02-09T10:00:00+05:30");
        rescan();
        assertTrue(site.getText("/feeds/khel.rss").contains("महिला हॉकी टीम"), "the rescan serves the change");
        editInPlace("2025/02/khel-1", "कबड्डी में नया रिकॉर्ड");
        rescan();
        assertTrue(served("कबड्डी में नया रिकॉर्ड"), "an unwatched folder is read whole by every rescan");
        editInPlace("2025/02/khel-1", "कबड्डी में दूसरा रिकॉर्ड");
        walk();
        assertTrue(served("कबड्डी में दूसरा रिकॉर्ड"));
        assertEquals(Reloader.LONGEST_WALK, reloader.walkInterval(),
                "a change in an unwatched folder, even found when a whole walk is due, is no event missed");
        assertEquals(1, lines(Level.WARN).size(), lines(Level.WARN).toString());
    }

    @Test
    void reaching_the_inotify_instance_limit_logs_one_warning_and_rescans_every_base_interval() throws Exception {
        reloader(true, new ChangeWatcher.Kernel() {
            @Override
            public WatchService newWatchService() throws IOException {
                throw new IOException("User limit of inotify instances reached or too many open files");
            }
        });
        List<String> warnings = lines(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("fs.inotify.max_user_instances"), warnings.get(0));
        site.article("2026/01/khel-2", "महिला हॉकी टीम सेमीफ़ाइनल में", "khel", "2026-01-09T10:00:00+05:30");
        rescan();
        assertTrue(site.getText("/feeds/khel.rss").contains("महिला हॉकी टीम"));
        assertEquals(BASE, reloader.walkInterval());
    }

    @Test
    void without_watching_every_rescan_walks_every_file() throws Exception {
        reloader(false, ChangeWatcher.Kernel.DEFAULT);
        editInPlace("2026/01/desh-2", "महिला हॉकी टीम सेमीफ़ाइनल में");
        rescan();
        assertTrue(served("महिला हॉकी टीम"));
        rescan();
        assertEquals(BASE, reloader.walkInterval());
    }

    /**
     * Watches that report nothing unless the test says so, as a file system that misses events would: what the safety
     * rescan finds was found by it alone.
     */
    static class Quiet implements ChangeWatcher.Kernel {
        final QuietService service = new QuietService();

        QuietService service() {
            return service;
        }

        @Override
        public WatchService newWatchService() {
            return service;
        }

        @Override
        public WatchKey register(WatchService service, Path folder) throws IOException {
            return this.service.keys.computeIfAbsent(folder, QuietKey::new);
        }
    }

    static final class QuietService implements WatchService {
        final Map<Path, QuietKey> keys = new ConcurrentHashMap<>();
        final Set<Path> dropped = ConcurrentHashMap.newKeySet();
        private final BlockingQueue<QuietKey> signalled = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        /** The kernel's event queue overflowed: it says so on a watched folder's key. */
        void overflow(Path folder) {
            QuietKey key = keys.get(folder);
            key.events.add(new WatchEvent<Object>() {
                @Override
                public Kind<Object> kind() {
                    return StandardWatchEventKinds.OVERFLOW;
                }

                @Override
                public int count() {
                    return 1;
                }

                @Override
                public Object context() {
                    return null;
                }
            });
            signalled.add(key);
        }

        /** The kernel dropped the folder's watch (as when its file system is unmounted). */
        void drop(Path folder) {
            QuietKey key = keys.remove(folder);
            dropped.add(folder);
            key.valid = false;
            signalled.add(key);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public WatchKey poll() {
            return signalled.poll();
        }

        @Override
        public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
            return signalled.poll(timeout, unit);
        }

        @Override
        public WatchKey take() throws InterruptedException {
            if (closed) {
                throw new ClosedWatchServiceException();
            }
            return signalled.take();
        }
    }

    static final class QuietKey implements WatchKey {
        private final Path folder;
        final List<WatchEvent<?>> events = new CopyOnWriteArrayList<>();
        volatile boolean valid = true;

        QuietKey(Path folder) {
            this.folder = folder;
        }

        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public List<WatchEvent<?>> pollEvents() {
            List<WatchEvent<?>> taken = List.copyOf(events);
            events.clear();
            return taken;
        }

        @Override
        public boolean reset() {
            return valid;
        }

        @Override
        public void cancel() {
            valid = false;
        }

        @Override
        public Watchable watchable() {
            return folder;
        }
    }

    private List<String> lines(Level level) {
        return log.messages(level).stream().map(m -> level + " " + m).toList();
    }
}
