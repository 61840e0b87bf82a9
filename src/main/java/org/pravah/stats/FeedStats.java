package org.pravah.stats;

import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.pravah.stats.ClientRecognition.Recognised;
import org.pravah.store.ArticleStore;
import org.pravah.stats.FeedDay.Figure;
import org.pravah.stats.FeedDay.FigureKey;
import org.pravah.stats.PendingPolls.Poll;
import org.pravah.stats.StatsReport.ClientCount;
import org.pravah.stats.StatsReport.DayStats;
import org.pravah.stats.StatsReport.FeedReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the polls of every feed per day: subscribers stated by aggregators, distinct readers, 304s, bytes, and the
 * pollers that poll too slowly, too often or without validators, for the last {@value #DAYS} days.
 *
 * <p>A request only writes a small event into a slot of a fixed ring ({@link #polled}, {@link PendingPolls});
 * everything else (recognising the User-Agent, hashing the poller, the sketches) happens on this class's own thread,
 * which drains the ring every {@value #DRAIN_MILLIS} ms, writes the day's share every minute and when stopped, and
 * starts a new day at midnight in the site's zone. What is kept is bounded whatever clients send: feeds by the
 * catalogue (only polls of feeds that exist are recorded), waiting events, tracked pollers, figures and remembered
 * User-Agents by the constants below.
 *
 * <p>Why one long class: counting, the day's roll-over, keeping the shares and reporting work on one day's state under
 * one monitor on one thread; what a client is lives in ClientRecognition, a feed's day in FeedDay, the waiting
 * polls in PendingPolls, storage in StatsFolder and StatsInStore.
 */
public final class FeedStats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedStats.class);
    public static final int DAYS = 30;
    static final int DRAIN_MILLIS = 200;
    static final Duration SAVE_EVERY = Duration.ofMinutes(1);
    /**
     * Polls waiting for the stats thread; beyond this a poll is dropped (and counted) rather than held. A power of two
     * (see {@link PendingPolls}): 80 000 polls a second for a 200 ms round.
     */
    static final int MAX_PENDING = 1 << 14;
    /** Pollers followed one by one, per feed and in all, for the lists of slow and eager pollers. */
    static final int MAX_TRACKED_PER_FEED = 1024;
    static final int MAX_TRACKED = 50_000;
    /** User-Agents whose recognition is remembered, and connections whose last poller is. */
    static final int REMEMBERED = 1024;
    /** In a cluster, how long yesterday's merged counts are used before other processes' last words are read. */
    private static final Duration YESTERDAY_REFRESH = Duration.ofMinutes(10);

    private final ClientRecognition recognition;
    private final StatsStorage storage;
    private final Clock clock;
    private final ZoneId zone;
    private final IntSupplier ttlSeconds;
    private final boolean refreshYesterday;

    private final PendingPolls pending = new PendingPolls(MAX_PENDING);
    private final LongAdder dropped = new LongAdder();
    /** Since this process started, for Prometheus counters (each process counts its own; sums are then right). */
    private final Map<String, Totals> totals = new ConcurrentHashMap<>();

    // owned by whoever holds this object's monitor: the stats thread, or a reader of the report
    private boolean started;
    private LocalDate today;
    private long dayEndMillis;
    private DayShare live;
    private final Map<String, Map<Long, Tracker>> trackers = new HashMap<>();
    private int tracked;
    private StatsKeys keys;
    private final Map<String, Recognised> recognised = lru();
    private final Map<Object, Remembered> byConnection = lru();
    private final TreeMap<LocalDate, DayShare> past = new TreeMap<>();
    private long yesterdayReadAt;
    private long savedAt;

    private ScheduledExecutorService worker;

    /** What this process has answered for one feed since it started. */
    public record Totals(AtomicLong polls, AtomicLong notModified) {
    }

    /** Who a connection's last poll came from: its User-Agent, as read, and what that was found to be. */
    private record Remembered(String userAgent, boolean userAgentTooLong, Recognised recognised, String label,
                              long id) {
    }

    /** One poller of one feed today. */
    private static final class Tracker {
        final String client;
        long polls;
        long first;
        long last;
        long tooSoon;
        long withValidators;

        Tracker(String client) {
            this.client = client;
        }

        PollerRow row() {
            long mean = polls > 1 ? (last - first) / (polls - 1) / 1000 : 0;
            return new PollerRow(client, polls, tooSoon, withValidators, mean);
        }
    }

    /**
     * @param ttlSeconds the feeds' ttl now (a config reload may change it)
     * @param cluster    other processes write shares too: yesterday's merged counts are re-read now and then
     */
    FeedStats(ClientRecognition recognition, StatsStorage storage, Clock clock, ZoneId zone, IntSupplier ttlSeconds,
              boolean cluster) {
        this.recognition = recognition;
        this.storage = storage;
        this.clock = clock;
        this.zone = zone;
        this.ttlSeconds = ttlSeconds;
        this.refreshYesterday = cluster;
    }

    /** Counts in memory only, for as long as the process runs. */
    public static FeedStats inMemory(Clock clock, ZoneId zone, IntSupplier ttlSeconds) {
        return new FeedStats(ClientRecognition.shipped(), StatsStorage.inMemory(), clock, zone, ttlSeconds, false);
    }

    /** Counts kept in {@code folder} ({@code <dataDir>/stats}), one file per day. */
    public static FeedStats inFolder(Path folder, Clock clock, ZoneId zone, IntSupplier ttlSeconds) {
        return new FeedStats(ClientRecognition.shipped(), new StatsFolder(folder), clock, zone, ttlSeconds, false);
    }

    /** Counts kept in the cluster's shared store, one share per process and day, summed when read. */
    public static FeedStats inStore(ArticleStore store, Clock clock, ZoneId zone,
                                    IntSupplier ttlSeconds) {
        return new FeedStats(ClientRecognition.shipped(), new StatsInStore(store), clock, zone, ttlSeconds,
                store.shared());
    }

    /** Starts the stats thread; until then (and after {@link #close}) polls only wait in the ring. */
    public FeedStats start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pravah-stats");
            t.setDaemon(true);
            return t;
        });
        // the days kept are read here, not on the caller's thread: a start-up does not wait for them
        worker.execute(this::tick);
        worker.scheduleWithFixedDelay(this::tick, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * A feed document was answered. Called on the request thread: it only writes the event into the ring.
     *
     * @param feed         the feed's path without query ({@code /feeds/desh.rss}); only feeds that exist, so that
     *                     requests for made-up paths create nothing
     * @param status       200 or 304
     * @param sent         body bytes sent
     * @param fullSize     the body a 200 would have sent in the coding the client takes (the bytes a 304 saves)
     * @param identitySize the body without content coding (what gzip saved is its difference to {@code sent})
     * @param validators   the request carried If-None-Match or If-Modified-Since
     * @param client       the remote address ({@link java.net.InetSocketAddress} or text): hashed, never kept
     */
    public void polled(String feed, int status, long sent, long fullSize, long identitySize, boolean validators,
                       String userAgent, Object client) {
        boolean tooLong = userAgent != null && userAgent.length() > ClientRecognition.MAX_USER_AGENT;
        // a long header is not held while it waits: only its start, for the poller's id
        String ua = tooLong ? userAgent.substring(0, ClientRecognition.MAX_USER_AGENT) : userAgent;
        if (!pending.offer(feed, clock.millis(), status, sent, fullSize, identitySize, validators, ua, tooLong,
                client)) {
            dropped.increment();
        }
    }

    private void tick() {
        try {
            synchronized (this) {
                drain(false);
                if (clock.millis() - savedAt >= SAVE_EVERY.toMillis()) {
                    save();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("stats: counting failed; the next round tries again", e);
        }
    }

    /** Reads what is kept: today's earlier share and the days before. */
    private void startIfNeeded() {
        if (started) {
            return;
        }
        started = true;
        long now = clock.millis();
        today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        dayEndMillis = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        live = new DayShare(today);
        keys = new StatsKeys(storage.dayKey(today));
        storage.forget(today.minusDays(DAYS - 1), today);
        for (LocalDate d = today.minusDays(DAYS - 1); d.isBefore(today); d = d.plusDays(1)) {
            DayShare kept = storage.kept(d, true);
            if (!kept.feeds.isEmpty()) {
                kept.finish();
                past.put(d, kept);
            }
        }
        // read once now, so that the first save of today adds to what earlier runs kept
        storage.kept(today, false);
        savedAt = now;
        yesterdayReadAt = now;
    }

    /** @param all also the polls still being handed over (for a report: whatever was answered before it is in it) */
    private void drain(boolean all) {
        startIfNeeded();
        pending.drain(this::count, all);
        if (clock.millis() >= dayEndMillis) {
            newDay(LocalDate.ofInstant(clock.instant(), zone));
        }
    }

    private void count(Poll p) {
        if (p.at >= dayEndMillis) {
            newDay(LocalDate.ofInstant(Instant.ofEpochMilli(p.at), zone));
        }
        FeedDay d = live.feed(p.feed);
        if (d == null) {
            return;
        }
        Totals t = totals.computeIfAbsent(p.feed, k -> new Totals(new AtomicLong(), new AtomicLong()));
        t.polls().incrementAndGet();
        d.polls++;
        d.bytesSent += p.sent;
        if (p.status == 304) {
            d.notModified++;
            t.notModified().incrementAndGet();
            d.savedBy304 += p.fullSize;
        } else if (p.identitySize > p.fullSize) {
            d.savedByGzip += p.identitySize - p.fullSize;
        }
        if (p.validators) {
            d.withValidators++;
        }
        Remembered who = poller(p);
        Recognised r = who.recognised();
        d.countClient(who.label(), 1);
        if (r.subscribers() >= 0) {
            d.figure(new FigureKey(who.label(), r.feedId()), new Figure(r.subscribers(), p.at));
        }
        if (r.reader()) {
            d.readerSketch.add(who.id());
        }
        track(p, who.label(), who.id());
    }

    /**
     * Who sent a poll. A keep-alive connection polls again and again with the same User-Agent: its last poller is
     * remembered, so that a repeat costs one comparison of the header (Jetty hands a connection's repeated header as
     * the same String) instead of a lookup in the recognition's memory, the label and, for an aggregator, the hash of
     * its feed id. A header that differs from the connection's last is recognised and hashed as before.
     */
    private Remembered poller(Poll p) {
        Remembered known = p.client == null ? null : byConnection.get(p.client);
        // a header cut because it was too long is not the same as one of exactly the cut length
        if (known != null && known.userAgentTooLong() == p.userAgentTooLong
                && Objects.equals(known.userAgent(), p.userAgent)) {
            return known;
        }
        Recognised r = p.userAgentTooLong || p.userAgent == null ? Recognised.OTHER
                : recognised.computeIfAbsent(p.userAgent, recognition::recognise);
        String label = Clients.label(r);
        // a reader is its address and User-Agent under the day's key; an aggregator polls from many addresses, so it
        // is one poller per feed id, and its name is no secret
        long id = r.reader() ? keys.pollerId(p.client, p.userAgent)
                : Hashing.komihash5_0().hashCharsToLong(label + '\n' + r.feedId());
        Remembered who = new Remembered(p.userAgent, p.userAgentTooLong, r, label, id);
        if (p.client != null) {
            byConnection.put(p.client, who);
        }
        return who;
    }

    private void track(Poll p, String label, long id) {
        Map<Long, Tracker> feed = trackers.computeIfAbsent(p.feed, k -> new HashMap<>());
        Tracker t = feed.get(id);
        if (t == null) {
            if (feed.size() >= MAX_TRACKED_PER_FEED || tracked >= MAX_TRACKED) {
                return;
            }
            t = new Tracker(label);
            t.first = p.at;
            feed.put(id, t);
            tracked++;
        } else if (p.at - t.last < ttlSeconds.getAsInt() * 1000L) {
            t.tooSoon++;
        }
        t.polls++;
        t.last = Math.max(t.last, p.at);
        if (p.validators) {
            t.withValidators++;
        }
    }

    /** This process's share of today, with the poller lists made from its trackers. */
    private DayShare own() {
        DayShare share = live.copy();
        trackers.forEach((feed, byId) -> {
            FeedDay d = share.feeds.get(feed);
            if (d == null) {
                return;
            }
            List<PollerRow> rows = byId.values().stream().map(Tracker::row).toList();
            d.slowest = FeedDay.top(List.of(), rows.stream().filter(r -> r.polls() > 1).toList(), FeedDay.SLOWEST);
            d.tooOften = FeedDay.top(List.of(), rows.stream().filter(r -> r.tooSoon() > 0).toList(),
                    FeedDay.TOO_OFTEN);
            d.withoutValidators = FeedDay.top(List.of(),
                    rows.stream().filter(r -> r.polls() > 1 && r.withValidators() == 0).toList(),
                    FeedDay.WITHOUT_VALIDATORS);
        });
        return share;
    }

    private void save() {
        savedAt = clock.millis();
        if (!live.feeds.isEmpty()) {
            storage.save(own());
        }
    }

    /** Closes today (its last share written, kept as a finished day) and starts {@code next} with a new key. */
    private void newDay(LocalDate next) {
        save();
        // what was just written, with every other process's share
        DayShare closed = storage.kept(today, true);
        closed.finish();
        if (!closed.feeds.isEmpty()) {
            past.put(today, closed);
        }
        today = next;
        dayEndMillis = next.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        live = new DayShare(next);
        trackers.clear();
        tracked = 0;
        // a reader's id is under the day's key: the remembered ones are yesterday's
        byConnection.clear();
        keys = new StatsKeys(storage.dayKey(next));
        LocalDate oldest = next.minusDays(DAYS - 1);
        past.headMap(oldest).clear();
        storage.forget(oldest, next);
        storage.kept(next, false);
        yesterdayReadAt = clock.millis();
    }

    /** Everything counted so far, merged over this process's share and what is kept (other processes', earlier runs'). */
    public synchronized StatsReport report() {
        drain(true);
        LocalDate yesterday = today.minusDays(1);
        if (refreshYesterday && clock.millis() - yesterdayReadAt > YESTERDAY_REFRESH.toMillis()) {
            // the other processes write their last share of a day when their own clock passes midnight
            DayShare again = storage.kept(yesterday, true);
            again.finish();
            past.put(yesterday, again);
            yesterdayReadAt = clock.millis();
        }
        DayShare now = storage.kept(today, false);
        now.merge(own());
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = today.minusDays(DAYS - 1); !d.isAfter(today); d = d.plusDays(1)) {
            days.add(d);
        }
        Set<String> feeds = new TreeSet<>(now.feeds.keySet());
        past.values().forEach(s -> feeds.addAll(s.feeds.keySet()));
        List<FeedReport> reports = new ArrayList<>();
        for (String feed : feeds) {
            reports.add(feedReport(feed, days, now, yesterday));
        }
        reports.sort((a, b) -> a.subscribers() != b.subscribers() ? Long.compare(b.subscribers(), a.subscribers())
                : a.feed().compareTo(b.feed()));
        return new StatsReport(today, zone, ttlSeconds.getAsInt(), days, reports, dropped.sum());
    }

    private FeedReport feedReport(String feed, List<LocalDate> days, DayShare now, LocalDate yesterday) {
        List<DayStats> history = new ArrayList<>();
        for (LocalDate d : days) {
            FeedDay fd = d.equals(today) ? now.feeds.get(feed) : past.containsKey(d) ? past.get(d).feeds.get(feed) : null;
            history.add(fd == null ? new DayStats(d, 0, 0, 0, 0, 0, 0, 0, 0)
                    : new DayStats(d, fd.polls, fd.notModified, fd.withValidators, fd.bytesSent, fd.savedBy304,
                    fd.savedByGzip, fd.readers(), fd.aggregatorSubscribers()));
        }
        FeedDay todays = now.feeds.getOrDefault(feed, new FeedDay());
        FeedDay yesterdays = past.containsKey(yesterday) ? past.get(yesterday).feeds.get(feed) : null;
        // the latest figure of each feed id over two days: an aggregator that polls once a day is not lost at midnight
        Map<FigureKey, Figure> latest = new HashMap<>();
        if (yesterdays != null) {
            latest.putAll(yesterdays.figures);
        }
        todays.figures.forEach((k, f) -> latest.merge(k, f, (a, b) -> b.at() >= a.at() ? b : a));
        Map<String, Long> byClient = new TreeMap<>();
        latest.forEach((k, f) -> byClient.merge(k.client(), f.subscribers(), Long::sum));
        List<ClientCount> aggregators = counts(byClient);
        long readers = Math.max(todays.readers(), yesterdays == null ? 0 : yesterdays.readers());
        long subscribers = readers + byClient.values().stream().mapToLong(Long::longValue).sum();
        return new FeedReport(feed, subscribers, aggregators, readers, history, counts(todays.pollsByClient),
                todays.slowest, todays.tooOften, todays.withoutValidators);
    }

    private static List<ClientCount> counts(Map<String, Long> byClient) {
        List<ClientCount> out = new ArrayList<>();
        byClient.forEach((c, n) -> out.add(new ClientCount(c, n)));
        out.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.client().compareTo(b.client()));
        return List.copyOf(out);
    }

    /** Polls and 304s per feed since this process started. */
    public Map<String, Totals> totals() {
        return Collections.unmodifiableMap(totals);
    }

    /** Counts what is waiting and writes this process's share now (tests; {@link #close} does it too). */
    public synchronized void flush() {
        drain(true);
        save();
    }

    /** Sizes of what is held, for tests that a flood cannot grow it. */
    synchronized Map<String, Integer> sizes() {
        drain(true);
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("feeds", live.feeds.size());
        out.put("figures", live.feeds.values().stream().mapToInt(d -> d.figures.size()).sum());
        out.put("clients", live.feeds.values().stream().mapToInt(d -> d.pollsByClient.size()).sum());
        out.put("tracked", tracked);
        out.put("userAgents", recognised.size());
        out.put("connections", byConnection.size());
        out.put("pending", pending.size());
        return out;
    }

    /** Stops the stats thread and writes what it counted. */
    @Override
    public void close() {
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("stats: the last counts could not be written: {}", e.getMessage());
        }
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
