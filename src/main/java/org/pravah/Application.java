package org.pravah;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.pravah.article.ArticleNormaliser;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.pravah.http.ArticleApi;
import org.pravah.http.RunningServer;
import org.pravah.http.Server;
import org.pravah.http.StatsEndpoint;
import org.pravah.metrics.PravahMetrics;
import org.pravah.publish.Publisher;
import org.pravah.http.StatusReport;
import org.pravah.reload.Reloader;
import org.pravah.render.FeedFormat;
import org.pravah.render.KeptFeeds;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;
import org.pravah.render.SiteRefresher;
import org.pravah.search.SearchIndex;
import org.pravah.source.cache.ArticleCacheWriter;
import org.pravah.source.cache.BuildIdentity;
import org.pravah.source.ArticleSource;
import org.pravah.source.DirectorySource;
import org.pravah.source.factory.SourceFactory;
import org.pravah.source.SourceLoad;
import org.pravah.source.StoreSource;
import org.pravah.store.ArticleStore;
import org.pravah.store.ClusterLock;
import org.pravah.store.StoreChanges;
import org.pravah.store.StoreException;
import org.pravah.source.upstream.UpstreamPoller;
import org.pravah.source.upstream.UpstreamSource;
import org.pravah.stats.FeedStats;
import org.pravah.websub.ChangedFeeds;
import org.pravah.websub.WebSubPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: starts, reloads and stops the stages that each package builds ({@link SourceFactory} the
 * sources, {@link SiteRefresher} the served site, {@link ChangedFeeds} what WebSub hubs hear, {@link Server} the HTTP
 * side), and what lives as long as the process (the store, its retries, statistics, the refresh thread). The
 * {@code check} and {@code export} commands use the same pieces without it. Tests start it on port 0.
 *
 * <p>Why one long class: start, reload and stop each touch every stage, in an order that matters (the store before
 * its sources, the first load beside the HTTP start-up and done before {@link #start} returns, the watches before the
 * load that catches up with the folders, stopping in reverse), and that order is easiest to keep right when it is read
 * in one place; each stage itself is built in its own package.
 */
public final class Application implements Reloader.Target, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    /** Everything that follows from one config; replaced whole when a valid config edit is loaded. */
    private record Wiring(PravahConfig config, SiteRefresher.Setup setup, WebSubPublisher websub,
                          Optional<Publisher> publisher, List<ArticleSource> sources, UpstreamPoller poller) {
    }

    private final UnaryOperator<PravahConfig> overrides;
    private final PravahMetrics metrics = new PravahMetrics();
    private final SiteRefresher site = new SiteRefresher(metrics::timed, metrics::reloaded);
    private volatile Wiring wiring;
    private RunningServer http;
    private Reloader reloader;
    /** Who reads us; made at start-up (a config reload does not move it), absent when stats.enabled is false. */
    private Optional<FeedStats> stats = Optional.empty();
    /**
     * Opened once at start-up when a source has type 'store'; a config reload does not move it. While it cannot be
     * opened, {@link #storeProblem} says why, its sources report that, every other source serves, and
     * {@link #storeRetry} tries again.
     */
    private volatile Optional<ArticleStore> store;
    private volatile Optional<String> storeProblem = Optional.empty();
    private final ScheduledExecutorService storeRetry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pravah-store-retry");
        t.setDaemon(true);
        return t;
    });
    /** How long a store that did not open waits before the next try. */
    static final Duration STORE_RETRY = Duration.ofSeconds(10);
    private StoreChanges storeChanges;
    /** Completes when the whole load after the start has served what changed while the server was down. */
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    /**
     * After a store write (ours or another process's): every source but the folders is read again. Folders have file
     * events of their own, and rescanning a million files per API write would cost what the archive weighs; store
     * sources and, in a cluster, upstream sources keep their articles in the store.
     */
    private final RefreshQueue refreshes = new RefreshQueue(
            () -> refresh(catalog -> catalog.refresh(source -> !(source instanceof DirectorySource))));
    /** Saves directory sources' article caches in the background; one for the process, so writes stay in order. */
    private final ArticleCacheWriter cacheWriter = new ArticleCacheWriter();
    /** What {@code ?q=} and {@code ?tag=} search; opened by {@link #start} (only a server writes one). */
    private Optional<SearchIndex> search = Optional.empty();
    /** The feeds the last stop kept, served until the first catalogue is built; written back if none is. */
    private KeptFeeds keptAtStart = KeptFeeds.NONE;

    public Application(PravahConfig config) {
        this(config, UnaryOperator.identity());
    }

    /** @param overrides applied to the config now and to every reloaded config (command-line options) */
    public Application(PravahConfig config, UnaryOperator<PravahConfig> overrides) {
        this.overrides = overrides;
        PravahConfig first = overrides.apply(config);
        // before this process writes any article cache: temporary files there now were left by a crash or a kill
        SourceFactory.removeCacheLeftovers(first);
        this.store = openStore(first);
        this.wiring = wire(first, store, storeProblem, this::refreshSoon, this::served, cacheWriter);
    }

    /** Empty when no store is needed, or when it cannot be opened: {@link #storeProblem} then says why. */
    private Optional<ArticleStore> openStore(PravahConfig config) {
        if (!config.needsStore()) {
            return Optional.empty();
        }
        try {
            Optional<ArticleStore> opened = Optional.of(ArticleStore.open(config.store()));
            storeProblem = Optional.empty();
            return opened;
        } catch (StoreException e) {
            LOG.error("{}; the other sources are served, and the store is tried again every {} s", e.getMessage(),
                    STORE_RETRY.toSeconds());
            storeProblem = Optional.of(e.getMessage());
            return Optional.empty();
        }
    }

    /** While the store cannot be opened, tries again now and then; once open, its sources and the API join in. */
    private void retryStoreLater() {
        if (storeProblem.isEmpty()) {
            return;
        }
        storeRetry.schedule(() -> {
            if (!openStoreNow()) {
                retryStoreLater();
            }
        }, STORE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tries to open the store that did not open before (the retry's work; tests call it instead of waiting).
     *
     * @return whether the store is open now
     */
    synchronized boolean openStoreNow() {
        if (store.isPresent()) {
            return true;
        }
        Optional<ArticleStore> opened = openStore(wiring.config());
        if (opened.isEmpty()) {
            return false;
        }
        LOG.info("store: {} opened after all; its sources are served", opened.get().config().displayUrl());
        store = opened;
        if (http != null) {
            storeChanges = opened.get().listen(this::refreshSoon);
        }
        rewire(wiring.config());
        return true;
    }

    private static Wiring wire(PravahConfig config, Optional<ArticleStore> store, Optional<String> storeProblem,
                               Supplier<CompletableFuture<Void>> published, Supplier<Optional<Snapshot>> served,
                               ArticleCacheWriter cacheWriter) {
        SiteLinks links = SiteLinks.of(config.site());
        ArticleNormaliser normaliser = SourceFactory.createNormaliser(config);
        CategoryTree tree = new CategoryTree(config.categories());
        List<ArticleSource> sources = new SourceFactory(cacheWriter, false).create(config, normaliser, store,
                storeProblem);
        // the publish API writes to the first store source
        Optional<Publisher> publisher = sources.stream()
                .filter(StoreSource.class::isInstance).map(StoreSource.class::cast).findFirst()
                .map(s -> new Publisher(s, store.get(), normaliser, tree, published, served));
        List<UpstreamSource> upstreams = sources.stream().filter(UpstreamSource.class::isInstance)
                .map(UpstreamSource.class::cast).toList();
        return new Wiring(config, SiteRefresher.Setup.of(config, links, new Catalog(tree, sources)),
                new WebSubPublisher(config.websub().hubs(), Duration.ofSeconds(1)),
                publisher, sources, new UpstreamPoller(upstreams, name -> store
                        .map(s -> s.clusterLock("upstream:" + name)).orElse(ClusterLock.SOLO)));
    }

    public PravahConfig config() {
        return wiring.config();
    }

    /** The snapshot the feeds serve now; none before the first load. */
    private Optional<Snapshot> served() {
        return Optional.ofNullable(site.current()).map(RenderedSite::snapshot);
    }

    /** Loads every source and swaps in the new snapshot with its (lazily) rendered feeds in one step. */
    public synchronized RenderedSite refresh() {
        return refresh(Catalog::refresh);
    }

    /** Like {@link #refresh()}, the catalogue loading as {@code load} says (only what changed, only some sources). */
    private synchronized RenderedSite refresh(Function<Catalog, Snapshot> load) {
        Wiring w = wiring;
        RenderedSite previous = site.current();
        RenderedSite next = site.refresh(w.setup(), load);
        if (previous != null && next != previous && w.websub().enabled()) {
            w.websub().publish(ChangedFeeds.between(previous, next, w.setup().selector().links()).topics());
        }
        return next;
    }

    public RenderedSite site() {
        return site.current();
    }

    /** What each source's latest load produced, problems included. */
    public List<SourceLoad> sourceLoads() {
        return wiring.setup().catalog().lastLoads();
    }

    public PravahMetrics metrics() {
        return metrics;
    }

    /**
     * Refreshes soon on the refresh thread (after a store write, or another process's). Requests made while a
     * refresh waits to start share it; one made after it started gets the next, so every write is seen.
     *
     * @return completes when a refresh that started after this call has finished
     */
    public CompletableFuture<Void> refreshSoon() {
        return refreshes.ask();
    }

    /**
     * The lock for work that must run once per cluster (polling an upstream feed): with a PostgreSQL store, one
     * process holds it at a time; otherwise this process is alone and always holds it. See {@link ClusterLock}.
     */
    public ClusterLock clusterLock(String name) {
        return store.map(s -> s.clusterLock(name)).orElse(ClusterLock.SOLO);
    }

    /** Every source's state, for {@code /status}. */
    public StatusReport status() {
        Wiring w = wiring;
        return new StatusReport(w.sources().stream().map(ArticleSource::status).toList(), w.config().site().timeZone());
    }

    @Override
    public boolean reloadArticles() {
        RenderedSite before = site();
        return refresh() != before;
    }

    @Override
    public boolean reloadArticles(Set<Path> paths) {
        RenderedSite before = site();
        return refresh(catalog -> catalog.refresh(paths)) != before;
    }

    @Override
    public void reloadConfig() {
        PravahConfig next;
        Path file = wiring.config().file();
        try {
            next = overrides.apply(ConfigLoader.load(file));
        } catch (ConfigException e) {
            LOG.error("config error, still serving the last good config: {}", e.getMessage());
            // article edits may have arrived in the same burst of events: they still count
            refresh();
            return;
        }
        if (!next.site().images().equals(wiring.config().site().images())) {
            LOG.warn("site.images changed in {}; /images/ serves the new folder after the next restart", file);
        }
        if (next.server().port() != wiring.config().server().port()) {
            LOG.warn("server.port changed in {}; the new port takes effect at the next restart", file);
        } else if (!next.server().equals(wiring.config().server())) {
            LOG.warn("server limits changed in {}; they take effect at the next restart", file);
        }
        if (store.isPresent() && !next.store().equals(store.get().config())) {
            LOG.warn("store changed in {}; the new store takes effect at the next restart", file);
        }
        rewire(next);
        if (reloader != null) {
            reloader.watch(SourceFactory.findArticleFolders(next));
        }
        LOG.info("config reloaded from {}", file);
    }

    /** Wires {@code next} in place of the current config and serves what it gives. */
    private synchronized void rewire(PravahConfig next) {
        Wiring old = wiring;
        old.poller().close();
        wiring = wire(next, store, storeProblem, this::refreshSoon, this::served, cacheWriter);
        refresh();
        old.websub().close();
        if (http != null) {
            wiring.poller().start(this::refreshAfterPoll);
        }
    }

    /**
     * Starts serving on {@code host}:{@code server.port} (0: any free port), loads the catalogue, starts reloading.
     * The port opens without waiting for the first load, so that liveness checks pass during a long one;
     * {@code /health/ready} and the feeds answer 503 until it is done.
     */
    public Application start(String host) {
        PravahConfig config = wiring.config();
        // a restart serves what the article caches hold; the whole load below, once the folders are watched, serves
        // what changed while the server was down
        wiring.sources().stream().filter(DirectorySource.class::isInstance).map(DirectorySource.class::cast)
                .forEach(DirectorySource::serveCacheFirst);
        // before the first load, which dates the feeds it renders: one rendered as it was kept keeps its Last-Modified
        keptAtStart = keptFeedsFile(config).flatMap(file -> keptFeedsFingerprint(config)
                .map(fingerprint -> KeptFeeds.take(file, fingerprint))).orElse(KeptFeeds.NONE);
        site.rememberServed(keptAtStart);
        search = Optional.of(config.dataDir().map(d -> SearchIndex.open(d.resolve("search")))
                .orElseGet(SearchIndex::inMemory));
        site.searchWith(search.get());
        // the embedded store's watch for other processes' commits (the import command) starts before the first
        // load, which is then the baseline; PostgreSQL's listener reports a change when it connects instead
        store.filter(s -> !s.shared()).ifPresent(s -> storeChanges = s.listen(this::refreshSoon));
        // the first load runs beside the HTTP server's start-up: on a cold JVM each takes about a second of mostly
        // one core, and the machine has more than one. With kept feeds to serve, after it (below)
        FutureTask<RenderedSite> firstLoad = new FutureTask<>(this::refresh);
        Thread loader = new Thread(() -> {
            firstLoad.run();
            renderAllFeed(firstLoad);
        }, "pravah-first-load");
        loader.setDaemon(true);
        if (keptAtStart.isEmpty()) {
            loader.start();
        }
        metrics.withJvmMetrics();
        ArticleApi api = new ArticleApi(() -> wiring.publisher(), () -> wiring.config(), () -> storeProblem);
        stats = openStats(config);
        stats.ifPresent(metrics::withStats);
        Server server = new Server(site::current, metrics::requestCompleted, metrics::scrape, Optional.of(api),
                this::status, Optional.of(new StatsEndpoint(stats, () -> wiring.config())));
        server.serveUntilReady(keptAtStart);
        config.site().images().ifPresent(folder -> {
            if (Files.isDirectory(folder)) {
                server.serveImages(folder);
            } else {
                LOG.warn("site.images: folder {} not found; /images/ serves nothing until it exists and the server"
                        + " restarts", folder);
            }
        });
        http = server.start(host, config.server());
        if (!keptAtStart.isEmpty()) {
            // with feeds to answer, the port opens first: the load would take the cores the start-up needs
            loader.start();
        }
        try {
            awaitFirstLoad(firstLoad);
        } catch (RuntimeException e) {
            http.stop();
            throw e;
        }
        store.filter(ArticleStore::shared).ifPresent(s -> storeChanges = s.listen(this::refreshSoon));
        retryStoreLater();
        wiring.poller().start(this::refreshAfterPoll);
        if (config.reload().watch() || config.reload().rescanSeconds() > 0) {
            // a watch service that cannot be had is reported by the reloader, which rescans instead
            reloader = new Reloader(this, SourceFactory.findArticleFolders(config), config.file(),
                    config.reload().watch(), config.reload().rescanSeconds());
        }
        // after the watches are in place, so that no change falls between this load and the first event
        refreshes.runOnce(() -> {
            try {
                refresh();
            } finally {
                caughtUp.complete(null);
            }
        });
        return this;
    }

    /**
     * Renders the all-feed (the one most readers poll) once the first load is done, usually while the HTTP server is
     * still starting: its bytes are then ready, and the first request for any other feed finds the rendering code
     * already loaded and partly compiled instead of paying for that itself.
     */
    private static void renderAllFeed(FutureTask<RenderedSite> firstLoad) {
        try {
            firstLoad.get().feed(SiteLinks.ALL, FeedFormat.RSS);
        } catch (ExecutionException | RuntimeException e) {
            // the load's failure is reported by start(); a render failure shows again at the first request
            LOG.debug("all-feed not rendered ahead: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where the counts go: the shared store of a PostgreSQL cluster (every process its own share), else the data
     * folder, else memory only.
     */
    private Optional<FeedStats> openStats(PravahConfig config) {
        if (!config.stats().enabled()) {
            return Optional.empty();
        }
        IntSupplier ttl = () -> wiring.config().feeds().ttlMinutes() * 60;
        ZoneId zone = config.site().timeZone();
        Optional<ArticleStore> shared = store.filter(ArticleStore::shared);
        FeedStats opened;
        if (shared.isPresent()) {
            opened = FeedStats.inStore(shared.get(), Clock.systemUTC(), zone, ttl);
        } else if (config.stats().dataDir().isPresent()) {
            if (config.store().postgres()) {
                LOG.warn("stats: the shared store is not open; this process keeps its counts in its data folder");
            }
            opened = FeedStats.inFolder(config.stats().dataDir().get().resolve("stats"), Clock.systemUTC(), zone, ttl);
        } else {
            opened = FeedStats.inMemory(Clock.systemUTC(), zone, ttl);
        }
        return Optional.of(opened.start());
    }

    /** The search index, once {@link #start} has opened it. */
    public Optional<SearchIndex> search() {
        return search;
    }

    /** Who reads each feed (what {@code /stats} shows), when counting is on. */
    public Optional<FeedStats> stats() {
        return stats;
    }

    private static void awaitFirstLoad(FutureTask<RenderedSite> firstLoad) {
        try {
            firstLoad.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the catalogue", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Polls now, besides the schedule, every upstream feed that this process polls for the cluster (for tests).
     *
     * @return how many it fetched
     */
    int pollUpstreamsNow() {
        return wiring.poller().pollNow();
    }

    /** Called on a poller thread when an upstream brought new items: never on a request. */
    private void refreshAfterPoll() {
        refresh(catalog -> catalog.refresh(source -> source instanceof UpstreamSource));
    }

    /**
     * Completes once the server serves what changed in its folders while it was down: the start serves what the
     * article caches hold, and a whole load of the folders follows as soon as they are watched.
     */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /**
     * Where a stop keeps the feeds it served for the next start ({@link KeptFeeds}): none without a data folder, or
     * when this build cannot be told from another (a new build may render other bytes).
     */
    private static Optional<Path> keptFeedsFile(PravahConfig config) {
        return config.dataDir().map(d -> d.resolve("kept-feeds"));
    }

    /** The build and everything the config says: the feeds kept under another of either are not served. */
    private static Optional<String> keptFeedsFingerprint(PravahConfig config) {
        return BuildIdentity.current().map(build -> build + "\n" + config);
    }

    /** At a stop, after the last request: the first pages served, so that the next start serves them at once. */
    private void keepServedFeeds() {
        PravahConfig config = wiring.config();
        Optional<Path> file = keptFeedsFile(config);
        Optional<String> fingerprint = keptFeedsFingerprint(config);
        RenderedSite current = site.current();
        KeptFeeds feeds = current != null ? KeptFeeds.of(current) : keptAtStart;
        if (file.isEmpty() || fingerprint.isEmpty() || feeds.isEmpty()) {
            return;
        }
        try {
            feeds.write(file.get(), fingerprint.get());
        } catch (IOException | RuntimeException e) {
            LOG.warn("kept feeds {} not written ({}); the next start answers 503 until its catalogue is built",
                    file.get(), e.toString());
        }
    }

    public int port() {
        return http.port();
    }

    /** Stops accepting, lets requests in flight finish (see {@code Server.STOP_TIMEOUT}), stops reloading. */
    @Override
    public void close() {
        if (http != null) {
            try {
                http.stop();
            } catch (RuntimeException e) {
                LOG.warn("the HTTP server did not stop cleanly: {}", e.getMessage());
            }
        }
        keepServedFeeds();
        if (reloader != null) {
            reloader.close();
        }
        // after the last request, before the store closes: the day's last counts are written
        stats.ifPresent(FeedStats::close);
        storeRetry.shutdownNow();
        try {
            // a retry that is opening the store finishes first, so the store it opens is closed below
            storeRetry.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (storeChanges != null) {
            storeChanges.close();
        }
        wiring.poller().close();
        refreshes.close();
        // after the last refresh: the index commits what it holds, and the next start reconciles only what changes
        search.ifPresent(SearchIndex::close);
        wiring.websub().close();
        store.ifPresent(ArticleStore::close);
        // after the reloads have stopped: lets the last article cache write finish instead of losing it
        cacheWriter.close();
    }
}
