package org.pravah.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.pravah.catalog.Snapshot;
import org.pravah.http.CompletedRequest;
import org.pravah.render.FeedFormat;
import org.pravah.render.FeedRenderer;
import org.pravah.render.FeedView;
import org.pravah.source.SourceLoad;
import org.pravah.stats.Clients;
import org.pravah.stats.FeedStats;
import org.pravah.stats.StatsReport;

/**
 * What the server counts, exposed at {@code /metrics} in Prometheus text format. Micrometer appears only here; the
 * rest of the code reports plain events (a completed request, a reload) and never sees a meter.
 *
 * <ul>
 *   <li>{@code pravah_http_requests_total{route,format,status}}: the 304 ratio is the {@code status="304"} share</li>
 *   <li>{@code pravah_http_response_bytes_total{route,format}}, {@code pravah_http_request_duration_seconds}</li>
 *   <li>{@code pravah_render_seconds{format}}: rendering a feed page (once per snapshot, then cached)</li>
 *   <li>{@code pravah_reload_seconds}: catalogue loads, count and time</li>
 *   <li>{@code pravah_source_articles{source}}, {@code pravah_source_problems{source}},
 *       {@code pravah_source_errors_total{source}} (loads that could not read the source at all)</li>
 * </ul>
 */
public final class PravahMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer reloads;
    private final AtomicLong catalogArticles = new AtomicLong();
    private final Map<String, SourceGauges> sources = new ConcurrentHashMap<>();
    // registering looks up (and for a new series builds) ids with sorted tags: too costly to repeat on every request
    private final Map<RequestKey, RequestMeters> requestMeters = new ConcurrentHashMap<>();
    private volatile boolean jvmMetricsWanted;
    private volatile FeedStats stats;
    private MultiGauge subscribers;
    private MultiGauge notModifiedRatio;
    /** Feeds whose poll counters are registered (bounded by the feeds stats count). */
    private final Map<String, Boolean> pollCounters = new ConcurrentHashMap<>();
    private final Object jvmMetricsLock = new Object();
    private boolean jvmMetricsBound;

    /** The gauges of one configured source; removed when a config reload drops the source. */
    private record SourceGauges(AtomicLong articles, AtomicLong problems, List<Meter> meters) {
    }

    public PravahMetrics() {
        reloads = Timer.builder("pravah.reload")
                .description("Catalogue loads: every source read and a new snapshot swapped in")
                .register(registry);
        Gauge.builder("pravah.catalog.articles", catalogArticles, AtomicLong::get)
                .description("Articles in the current snapshot")
                .register(registry);
    }

    /**
     * Adds the JVM's own meters (memory, threads, CPU, uptime): for the long-running server, not for one command.
     * They are bound at the first scrape, not now: binding loads JMX, a noticeable part of the start-up's main thread
     * (BENCHMARKS.md, "Figures behind design choices"), for meters nobody reads before a scrape.
     */
    public PravahMetrics withJvmMetrics() {
        jvmMetricsWanted = true;
        return this;
    }

    private void bindJvmMetrics() {
        synchronized (jvmMetricsLock) {
            if (jvmMetricsBound) {
                return;
            }
            new ClassLoaderMetrics().bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            jvmMetricsBound = true;
        }
    }

    /**
     * Adds who reads each feed, read from {@code stats} at every scrape: {@code pravah_feed_subscribers{feed,aggregator}}
     * (the aggregators' latest figures, and {@code aggregator="readers"} for the distinct other pollers; the same
     * figure on every process of a cluster), {@code pravah_feed_not_modified_ratio{feed}} (today's share of 304s,
     * cluster-wide), and {@code pravah_feed_polls_total{feed}}, {@code pravah_feed_polls_not_modified_total{feed}}
     * (this process's own, so that sums over processes are right).
     */
    public PravahMetrics withStats(FeedStats stats) {
        this.stats = stats;
        subscribers = MultiGauge.builder("pravah.feed.subscribers")
                .description("Subscribers per feed: each aggregator's latest stated figure, and distinct readers")
                .register(registry);
        notModifiedRatio = MultiGauge.builder("pravah.feed.not.modified.ratio")
                .description("Today's share of the feed's polls answered 304")
                .register(registry);
        return this;
    }

    private synchronized void updateStats() {
        StatsReport report = stats.report();
        List<MultiGauge.Row<?>> subscriberRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ratioRows = new ArrayList<>();
        for (StatsReport.FeedReport f : report.feeds()) {
            subscriberRows.add(MultiGauge.Row.of(Tags.of("feed", f.feed(), "aggregator", "readers"), f.readers()));
            for (StatsReport.ClientCount c : f.aggregators()) {
                String name = Clients.unknown(c.client()) ? "unknown:" + Clients.name(c.client()) : c.client();
                subscriberRows.add(MultiGauge.Row.of(Tags.of("feed", f.feed(), "aggregator", name), c.count()));
            }
            ratioRows.add(MultiGauge.Row.of(Tags.of("feed", f.feed()), f.today().notModifiedShare()));
        }
        subscribers.register(subscriberRows, true);
        notModifiedRatio.register(ratioRows, true);
        stats.totals().forEach((feed, totals) -> pollCounters.computeIfAbsent(feed, f -> {
            FunctionCounter.builder("pravah.feed.polls", totals, t -> t.polls().get())
                    .description("Polls of the feed answered by this process (200 and 304)")
                    .tag("feed", f).register(registry);
            FunctionCounter.builder("pravah.feed.polls.not.modified", totals, t -> t.notModified().get())
                    .description("Polls of the feed this process answered 304")
                    .tag("feed", f).register(registry);
            return Boolean.TRUE;
        }));
    }

    /** Everything, in Prometheus text exposition format 0.0.4. */
    public String scrape() {
        if (jvmMetricsWanted) {
            bindJvmMetrics();
        }
        if (stats != null) {
            updateStats();
        }
        return registry.scrape();
    }

    public void requestCompleted(CompletedRequest r) {
        RequestKey key = new RequestKey(r.route(), r.format(), r.status());
        // get first: computeIfAbsent may lock the bin even when the meters are there, and they almost always are
        RequestMeters meters = requestMeters.get(key);
        if (meters == null) {
            meters = requestMeters.computeIfAbsent(key, this::registerRequestMeters);
        }
        meters.requests().increment();
        meters.bytes().increment(r.bytes());
        meters.duration().record(r.duration());
    }

    /** The labels of one request series; few (routes × formats × statuses), so the meters are looked up once each. */
    private record RequestKey(String route, String format, int status) {
    }

    private record RequestMeters(Counter requests, Counter bytes, Timer duration) {
    }

    private RequestMeters registerRequestMeters(RequestKey key) {
        return new RequestMeters(
                Counter.builder("pravah.http.requests")
                        .description("Answered HTTP requests")
                        .tags("route", key.route(), "format", key.format(), "status", Integer.toString(key.status()))
                        .register(registry),
                Counter.builder("pravah.http.response")
                        .baseUnit("bytes")
                        .description("Response body bytes sent")
                        .tags("route", key.route(), "format", key.format())
                        .register(registry),
                Timer.builder("pravah.http.request.duration")
                        .description("Time to answer a request, writing the body included")
                        .tags("route", key.route())
                        .register(registry));
    }

    /** The renderers, each timed: rendering is the one costly step of a request, and happens once per snapshot. */
    public List<FeedRenderer> timed(List<FeedRenderer> renderers) {
        return renderers.stream().<FeedRenderer>map(r -> new TimedRenderer(r, Timer.builder("pravah.render")
                .description("Rendering one feed document")
                .tags("format", r.format().extension())
                .register(registry))).toList();
    }

    /** A catalogue load finished: its time, and per source what is now served and what went wrong. */
    public void reloaded(Duration took, Snapshot snapshot, List<SourceLoad> loads) {
        reloads.record(took);
        catalogArticles.set(snapshot.entries().size());
        for (SourceLoad load : loads) {
            SourceGauges gauges = sources.computeIfAbsent(load.sourceName(), this::register);
            gauges.articles().set(snapshot.servedFrom(load.sourceName()));
            gauges.problems().set(load.problems().size());
            if (!load.complete()) {
                errors(load.sourceName()).increment();
            }
        }
        List<String> current = loads.stream().map(SourceLoad::sourceName).toList();
        sources.keySet().removeIf(name -> {
            if (current.contains(name)) {
                return false;
            }
            sources.get(name).meters().forEach(registry::remove);
            return true;
        });
    }

    private Counter errors(String source) {
        return Counter.builder("pravah.source.errors")
                .description("Loads in which the source could not be read at all (its last good articles are served)")
                .tag("source", source)
                .register(registry);
    }

    private SourceGauges register(String source) {
        AtomicLong articles = new AtomicLong();
        AtomicLong problems = new AtomicLong();
        Meter a = Gauge.builder("pravah.source.articles", articles, AtomicLong::get)
                .description("Articles served from the source")
                .tag("source", source)
                .register(registry);
        Meter p = Gauge.builder("pravah.source.problems", problems, AtomicLong::get)
                .description("Problems (unreadable files, bad articles) in the source's latest load")
                .tag("source", source)
                .register(registry);
        return new SourceGauges(articles, problems, List.of(a, p));
    }

    /** A renderer whose every call is timed. */
    private record TimedRenderer(FeedRenderer inner, Timer timer) implements FeedRenderer {
        @Override
        public FeedFormat format() {
            return inner.format();
        }

        @Override
        public byte[] render(FeedView view) {
            return timer.record(() -> inner.render(view));
        }
    }
}
