package org.pravah.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.LogCapture;
import org.pravah.testing.TestSite;

/**
 * The periodic rescan costs a walk over every article file: while file events cover every folder it waits longer
 * and longer, and whenever events cannot be trusted it keeps the configured interval. Rescans are run by hand here
 * (on the reload thread, as the timer would), so no test waits for a timer.
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
    void startSite() {
        // the site's own reloader is off: each test makes the one it looks at
        site = new TestSite(dir).config(0, "reload: {watch: false, rescanSeconds: 0}\n")
                .article("2025/01/desh-1", "संसद में बजट पर बहस", "desh", "2025-01-27T09:30:00+05:30")
                .article("2025/02/khel-1", "कबड्डी लीग का फ़ाइनल", "khel", "2025-02-28T18:00:00+05:30")
                .article("2026/01/desh-2", "नई रेल लाइन को मंज़ूरी", "desh", "2026-01-05T08:00:00+05:30");
        site.start();
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

    @Test
    void a_rescan_that_finds_nothing_new_doubles_the_wait_before_the_next_while_every_folder_is_watched()
            throws Exception {
        reloader(true, ChangeWatcher.Kernel.DEFAULT);
        assertEquals(BASE, reloader.rescanInterval());
        rescan();
        assertEquals(Duration.ofSeconds(60), reloader.rescanInterval());
        rescan();
        assertEquals(Duration.ofSeconds(120), reloader.rescanInterval());
        for (int i = 0; i < 5; i++) {
            rescan();
        }
        assertEquals(Reloader.LONGEST_RESCAN, reloader.rescanInterval(), "never longer than the cap");
    }

    @Test
    void a_change_file_events_reported_does_not_bring_the_wait_back() throws Exception {
        reloader(true, ChangeWatcher.Kernel.DEFAULT);
        rescan();
        site.article("2026/01/khel-2", "महिला हॉकी टीम सेमीफ़ाइनल में", "khel", "2026-01-09T10:00:00+05:30");
        TestSite.waitUntil(WITHIN, "the event reload", () -> site.getText("/feeds/khel.rss").contains("महिला हॉकी टीम"));
        rescan();
        assertEquals(Duration.ofSeconds(120), reloader.rescanInterval());
    }

    @Test
    void a_change_only_the_rescan_finds_brings_the_wait_back_to_the_base_interval() throws Exception {
        // every watch lands on an empty folder: the watcher believes it watches the articles, but no event comes,
        // as on a network file system that never reports a remote edit
        Path silent = Files.createDirectories(dir.resolve("silent"));
        reloader(true, new ChangeWatcher.Kernel() {
            @Override
            public WatchKey register(WatchService service, Path folder) throws IOException {
                return ChangeWatcher.Kernel.super.register(service, silent);
            }
        });
        rescan();
        rescan();
        assertEquals(Duration.ofSeconds(120), reloader.rescanInterval());
        site.article("2026/01/khel-2", "महिला हॉकी टीम सेमीफ़ाइनल में", "khel", "2026-01-09T10:00:00+05:30");
        rescan();
        assertTrue(site.getText("/feeds/khel.rss").contains("महिला हॉकी टीम"));
        assertEquals(BASE, reloader.rescanInterval());
        assertEquals(List.of("INFO a rescan found a change no file event reported; rescanning every 30 s again"),
                lines(Level.INFO));
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
        rescan();
        assertEquals(BASE, reloader.rescanInterval(), "with folders unwatched the rescan keeps its interval");
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
        assertEquals(BASE, reloader.rescanInterval());
    }

    @Test
    void without_watching_every_rescan_waits_the_configured_interval() throws Exception {
        reloader(false, ChangeWatcher.Kernel.DEFAULT);
        rescan();
        rescan();
        assertEquals(BASE, reloader.rescanInterval());
    }

    private List<String> lines(Level level) {
        return log.messages(level).stream().map(m -> level + " " + m).toList();
    }
}
