package org.pravah.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.source.upstream.MutableClock;
import org.pravah.stats.StatsReport.ClientCount;
import org.pravah.stats.StatsReport.FeedReport;

class FeedStatsTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    /** 10:00 in Kolkata on 3 December 2026. */
    private static final Instant MORNING = Instant.parse("2026-12-03T04:30:00Z");
    private static final String FEED = "/feeds/desh.rss";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; %d subscribers; feed-id=%s)";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(MORNING);

    private FeedStats inMemory() {
        return FeedStats.inMemory(clock, KOLKATA, () -> 900);
    }

    private FeedStats inFolder() {
        return FeedStats.inFolder(dir.resolve("stats"), clock, KOLKATA, () -> 900);
    }

    private static InetSocketAddress address(String ip) {
        return new InetSocketAddress(ip, 40_000);
    }

    private static void get(FeedStats stats, String ua, String ip) {
        stats.polled(FEED, 200, 3_000, 3_000, 12_000, false, ua, address(ip));
    }

    private static FeedReport feed(FeedStats stats) {
        return stats.report().feeds().stream().filter(f -> f.feed().equals(FEED)).findFirst().orElseThrow();
    }

    @Test
    void an_aggregator_counts_with_its_latest_figure_not_the_sum_of_its_polls() {
        FeedStats stats = inMemory();
        for (int n : new int[] {100, 120, 110}) {
            get(stats, FEEDLY.formatted(n, "a1"), "198.51.100.1");
            clock.advance(Duration.ofMinutes(30));
        }
        FeedReport r = feed(stats);
        assertEquals(List.of(new ClientCount("Feedly", 110)), r.aggregators());
        assertEquals(110, r.subscribers());
        assertEquals(0, r.readers(), "an aggregator's own polls are not readers");
    }

    @Test
    void two_feed_ids_of_one_aggregator_add_up_and_readers_add_to_them() {
        FeedStats stats = inMemory();
        get(stats, FEEDLY.formatted(100, "http-url"), "198.51.100.1");
        get(stats, FEEDLY.formatted(20, "https-url"), "198.51.100.2");
        get(stats, "Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 7 subscribers; )", "198.51.100.3");
        for (int i = 1; i <= 40; i++) {
            get(stats, FIREFOX, "203.0.113." + i);
            get(stats, FIREFOX, "203.0.113." + i);
        }
        FeedReport r = feed(stats);
        assertEquals(List.of(new ClientCount("Feedly", 120), new ClientCount("Inoreader", 7)), r.aggregators());
        assertTrue(Math.abs(r.readers() - 40) <= 2, "40 distinct readers, estimated: " + r.readers());
        assertEquals(127 + r.readers(), r.subscribers());
        assertEquals(83, r.today().polls());
    }

    @Test
    void an_unknown_bot_stating_subscribers_is_counted_and_listed_as_unknown() {
        FeedStats stats = inMemory();
        get(stats, "Foo/1.0 (42 subscribers)", "198.51.100.9");
        FeedReport r = feed(stats);
        assertEquals(List.of(new ClientCount("?Foo", 42)), r.aggregators());
        assertTrue(Clients.unknown(r.aggregators().get(0).client()));
        assertEquals("Foo", Clients.name(r.aggregators().get(0).client()));
        assertEquals(42, r.subscribers());
    }

    @Test
    void absurd_figures_count_the_poll_but_no_subscribers() {
        FeedStats stats = inMemory();
        get(stats, "Feedly/1.0 (99999999999 subscribers; feed-id=x)", "198.51.100.1");
        get(stats, "Foo/1.0 (10000001 subscribers)", "198.51.100.2");
        FeedReport r = feed(stats);
        assertEquals(List.of(), r.aggregators());
        assertEquals(2, r.today().polls());
    }

    @Test
    void a_flood_of_invented_feed_ids_and_bots_cannot_grow_memory_or_the_figure_beyond_one_value_per_id() {
        FeedStats stats = inMemory();
        for (int i = 0; i < 20_000; i++) {
            get(stats, FEEDLY.formatted(1000, "id" + i), "198.51.100." + (i % 250));
            get(stats, "Bot" + i + "/1.0 (5000 subscribers)", "192.0.2." + (i % 250));
            get(stats, FIREFOX + " r" + i, "203.0." + (i / 250 % 250) + "." + (i % 250));
            if (i % 2000 == 0) {
                stats.flush();
            }
        }
        Map<String, Integer> sizes = stats.sizes();
        assertTrue(sizes.get("figures") <= FeedDay.MAX_FIGURES, sizes.toString());
        assertTrue(sizes.get("clients") <= FeedDay.MAX_CLIENTS, sizes.toString());
        assertTrue(sizes.get("tracked") <= FeedStats.MAX_TRACKED_PER_FEED, sizes.toString());
        assertTrue(sizes.get("userAgents") <= FeedStats.REMEMBERED, sizes.toString());
        assertTrue(sizes.get("connections") <= FeedStats.REMEMBERED, sizes.toString());
        FeedReport r = feed(stats);
        long feedly = r.aggregators().stream().filter(c -> c.client().equals("Feedly")).mapToLong(ClientCount::count)
                .sum();
        assertEquals(FeedDay.MAX_FEED_IDS_PER_CLIENT * 1000L, feedly, "one value per feed id, and few ids");
    }

    @Test
    void one_connection_that_changes_its_user_agent_is_counted_by_each_one_it_sent() {
        FeedStats stats = inMemory();
        // exactly as long as a User-Agent may be and still be read, stating a figure; then the same with more after it
        String head = "Foo/1.0 (";
        String tail = " 5 subscribers)";
        String longest = head + "x".repeat(ClientRecognition.MAX_USER_AGENT - head.length() - tail.length()) + tail;
        String tooLong = longest + " ".repeat(100);
        for (String ua : List.of(FIREFOX, FEEDLY.formatted(70, "c1"), FIREFOX, longest, tooLong, FEEDLY.formatted(90,
                "c1"))) {
            get(stats, ua, "203.0.113.9");
        }
        FeedReport r = feed(stats);
        assertEquals(List.of(new ClientCount("Feedly", 90), new ClientCount("?Foo", 5)), r.aggregators());
        assertEquals(List.of(new ClientCount("", 3), new ClientCount("Feedly", 2), new ClientCount("?Foo", 1)),
                r.clients(), "a header too long to read is no aggregator, even when its start was one");
        assertEquals(2, r.readers(), "Firefox twice is one reader; the unread header from the same address another");
    }

    @Test
    void a_flood_faster_than_the_stats_thread_is_dropped_not_held() {
        FeedStats stats = inMemory();
        for (int i = 0; i < FeedStats.MAX_PENDING + 500; i++) {
            get(stats, FIREFOX, "203.0.113.1");
        }
        StatsReport report = stats.report();
        assertEquals(500, report.dropped());
        assertEquals(FeedStats.MAX_PENDING, report.feeds().get(0).today().polls());
    }

    @Test
    void handing_a_poll_over_allocates_nothing_on_the_request_thread() {
        FeedStats stats = inMemory();
        InetSocketAddress client = address("203.0.113.1");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        int polls = FeedStats.MAX_PENDING / 2;
        // once, so that the classes are loaded before anything is measured
        stats.polled(FEED, 304, 0, 3_000, 12_000, true, FIREFOX, client);
        long before = threads.getThreadAllocatedBytes(me);
        for (int i = 0; i < polls; i++) {
            stats.polled(FEED, 304, 0, 3_000, 12_000, true, FIREFOX, client);
        }
        long bytes = threads.getThreadAllocatedBytes(me) - before;
        // what a saturated server's young collections copy is what the request threads leave waiting
        assertTrue(bytes < polls, bytes + " bytes for " + polls + " polls");
        assertEquals(polls + 1, feed(stats).today().polls());
    }

    @Test
    void polls_from_many_threads_at_once_are_each_counted_or_dropped_never_lost_or_counted_twice() throws Exception {
        FeedStats stats = inMemory().start();
        int threads = 8;
        int each = 25_000;
        List<Thread> pollers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            InetSocketAddress client = address("203.0.113." + (t + 1));
            Thread poller = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    stats.polled(FEED, 304, 0, 3_000, 12_000, true, FIREFOX, client);
                }
            });
            pollers.add(poller);
            poller.start();
        }
        // reports drain too, beside the stats thread's rounds: the ring wraps many times while it is being written
        while (pollers.stream().anyMatch(Thread::isAlive)) {
            stats.report();
        }
        for (Thread poller : pollers) {
            poller.join();
        }
        StatsReport report = stats.report();
        stats.close();
        assertEquals((long) threads * each, report.feeds().get(0).today().polls() + report.dropped());
    }

    @Test
    void not_modified_share_and_bytes_saved_by_304_and_gzip() {
        FeedStats stats = inMemory();
        // a gzip 200: 3 000 bytes sent of a 12 000-byte body
        stats.polled(FEED, 200, 3_000, 3_000, 12_000, false, FIREFOX, address("203.0.113.1"));
        // three 304s to a client that takes gzip: 3 000 bytes not sent each
        for (int i = 0; i < 3; i++) {
            stats.polled(FEED, 304, 0, 3_000, 12_000, true, FIREFOX, address("203.0.113.1"));
        }
        var today = feed(stats).today();
        assertEquals(4, today.polls());
        assertEquals(3, today.notModified());
        assertEquals(0.75, today.notModifiedShare());
        assertEquals(3_000, today.bytesSent());
        assertEquals(9_000, today.savedBy304());
        assertEquals(9_000, today.savedByGzip());
        assertEquals(3, today.withValidators());
    }

    @Test
    void pollers_that_poll_too_often_slowly_or_without_validators_are_listed_by_client_name() {
        FeedStats stats = inMemory();
        String miniflux = "Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)";
        for (int i = 0; i < 6; i++) {
            // every minute, with a ttl of 15: too often, and never a validator
            get(stats, miniflux, "203.0.113.5");
            // every minute with validators
            stats.polled(FEED, 304, 0, 3_000, 12_000, true, FIREFOX, address("203.0.113.6"));
            clock.advance(Duration.ofMinutes(1));
        }
        get(stats, FEEDLY.formatted(9, "z"), "198.51.100.1");
        clock.advance(Duration.ofHours(3));
        get(stats, FEEDLY.formatted(9, "z"), "198.51.100.1");
        FeedReport r = feed(stats);
        assertEquals(List.of(new PollerRow("", 6, 5, 6, 60), new PollerRow("Miniflux", 6, 5, 0, 60)), r.tooOften());
        assertEquals(List.of(new PollerRow("Miniflux", 6, 5, 0, 60), new PollerRow("Feedly", 2, 0, 0, 10_800)),
                r.withoutValidators());
        assertEquals("Feedly", r.slowest().get(0).client());
        assertEquals(List.of(new ClientCount("", 6), new ClientCount("Miniflux", 6), new ClientCount("Feedly", 2)),
                r.clients());
    }

    @Test
    void a_restart_keeps_the_days_counts_and_does_not_count_a_reader_twice() {
        FeedStats first = inFolder().start();
        get(first, FIREFOX, "203.0.113.1");
        get(first, FEEDLY.formatted(50, "a"), "198.51.100.1");
        first.close();

        FeedStats second = inFolder().start();
        get(second, FIREFOX, "203.0.113.1");
        FeedReport r = feed(second);
        second.close();
        assertEquals(3, r.today().polls());
        assertEquals(1, r.readers(), "the day's key was kept for the day, so the same reader is the same id");
        assertEquals(51, r.subscribers());
    }

    @Test
    void the_kept_files_hold_no_address_and_no_user_agent_of_a_person() throws IOException {
        FeedStats stats = inFolder().start();
        String ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0 Sharma-PC";
        stats.polled(FEED, 200, 3_000, 3_000, 12_000, false, ua, address("203.0.113.77"));
        stats.polled(FEED, 200, 3_000, 3_000, 12_000, false, ua, "2001:db8::77");
        stats.close();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir.resolve("stats"))) {
            files = list.toList();
        }
        assertEquals(2, files.size(), files.toString());
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String personal : List.of("203.0.113.77", "2001:db8", "Firefox", "Sharma", "Windows", "Mozilla")) {
                assertFalse(text.contains(personal), f.getFileName() + " holds " + personal);
            }
            byte[] raw = Files.readAllBytes(f);
            byte[] ip = {(byte) 203, 0, 113, 77};
            assertFalse(indexOf(raw, ip) >= 0, f.getFileName() + " holds the address's bytes");
        }
    }

    /** Where {@code needle} first starts in {@code haystack}, or -1: Latin-1 maps each byte to one char. */
    private static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void at_midnight_a_new_day_and_key_begin_and_days_older_than_thirty_are_dropped() throws IOException {
        FeedStats stats = inFolder().start();
        get(stats, FIREFOX, "203.0.113.1");
        stats.flush();
        String firstKey = Files.readString(dir.resolve("stats/day-key.json"));
        clock.advance(Duration.ofDays(1));
        get(stats, FIREFOX, "203.0.113.1");
        StatsReport report = stats.report();
        assertEquals(LocalDate.of(2026, 12, 4), report.today());
        FeedReport r = report.feeds().get(0);
        assertEquals(1, r.history().get(FeedStats.DAYS - 2).polls());
        assertEquals(1, r.history().get(FeedStats.DAYS - 2).readers());
        assertEquals(1, r.today().polls());
        String secondKey = Files.readString(dir.resolve("stats/day-key.json"));
        assertTrue(secondKey.contains("2026-12-04") && !secondKey.equals(firstKey), "yesterday's key is gone");

        clock.advance(Duration.ofDays(FeedStats.DAYS));
        get(stats, FIREFOX, "203.0.113.1");
        stats.flush();
        assertFalse(Files.exists(dir.resolve("stats/2026-12-03.json")), "a day past the thirty is deleted");
        assertEquals(1, stats.report().feeds().get(0).history().stream().mapToLong(d -> d.polls()).sum());
        stats.close();
    }

    @Test
    void an_unreadable_day_file_is_moved_aside_and_counting_goes_on() throws IOException {
        Files.createDirectories(dir.resolve("stats"));
        Files.writeString(dir.resolve("stats/2026-12-03.json"), "{\"day\": \"2026-12-03\", \"feeds\": ");
        FeedStats stats = inFolder().start();
        get(stats, FIREFOX, "203.0.113.1");
        assertEquals(1, feed(stats).today().polls());
        stats.close();
        assertTrue(Files.exists(dir.resolve("stats/2026-12-03.json.unreadable")));
    }
}
