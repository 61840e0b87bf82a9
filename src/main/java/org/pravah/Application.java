package org.pravah;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.SiteDefaults;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.DirectorySourceConfig;
import org.pravah.config.PravahConfig;
import org.pravah.config.SourceConfig;
import org.pravah.http.Server;
import org.pravah.metrics.PravahMetrics;
import org.pravah.reload.Reloader;
import org.pravah.render.AtomRenderer;
import org.pravah.render.ChangeLog;
import org.pravah.render.FeedFormat;
import org.pravah.render.FeedViews;
import org.pravah.render.HtmlPages;
import org.pravah.render.JsonFeedRenderer;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.render.RssRenderer;
import org.pravah.render.SiteLinks;
import org.pravah.source.ArticleSource;
import org.pravah.source.DirectorySource;
import org.pravah.source.SourceLoad;
import org.pravah.websub.WebSubPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts wired together: config → sources → catalogue → rendered site → HTTP, plus reloading and WebSub.
 * Requests read the current {@link RenderedSite} from one atomic reference, so a reload is one swap: no request ever
 * sees half of it. Tests start it on port 0.
 */
public final class Application implements Reloader.Target, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    /** Everything that follows from one config; replaced whole when a valid config edit is loaded. */
    private record Wiring(PravahConfig config, Catalog catalog, FeedViews views, HtmlPages pages,
                          WebSubPublisher websub) {
    }

    private final UnaryOperator<PravahConfig> overrides;
    private final boolean staticHost;
    private final PravahMetrics metrics = new PravahMetrics();
    private final AtomicReference<RenderedSite> site = new AtomicReference<>();
    private final ChangeLog changes = new ChangeLog(Clock.systemUTC());
    private volatile Wiring wiring;
    private Javalin http;
    private Reloader reloader;

    public Application(PravahConfig config) {
        this(config, UnaryOperator.identity());
    }

    /** @param overrides applied to the config now and to every reloaded config (command-line options) */
    public Application(PravahConfig config, UnaryOperator<PravahConfig> overrides) {
        this(config, overrides, false);
    }

    private Application(PravahConfig config, UnaryOperator<PravahConfig> overrides, boolean staticHost) {
        this.overrides = overrides;
        this.staticHost = staticHost;
        this.wiring = wire(overrides.apply(config), staticHost);
    }

    /**
     * The site as a static copy must render it ({@code pravah export}): the same bytes as served, except that pages
     * after a feed's first are linked by path, since a static host cannot answer {@code ?page=2}. Not to be started.
     */
    public static Application forStaticHost(PravahConfig config) {
        return new Application(config, UnaryOperator.identity(), true);
    }

    private static Wiring wire(PravahConfig config, boolean staticHost) {
        SiteLinks links = staticHost ? SiteLinks.forStaticHost(config.site()) : SiteLinks.of(config.site());
        ArticleNormaliser normaliser = new ArticleNormaliser(new SiteDefaults(
                config.site().language(), config.site().timeZone(), config.site().baseUrl()));
        List<ArticleSource> sources = new ArrayList<>();
        for (SourceConfig source : config.sources()) {
            if (source instanceof DirectorySourceConfig dir) {
                sources.add(new DirectorySource(dir.name(), dir.path(), dir.written(), normaliser));
            }
        }
        return new Wiring(config,
                new Catalog(new CategoryTree(config.categories()), sources),
                new FeedViews(config.site(), links, config.feeds().itemsPerFeed(), config.feeds().ttlMinutes(),
                        config.websub().hubs()),
                new HtmlPages(config.site(), links),
                new WebSubPublisher(config.websub().hubs(), Duration.ofSeconds(1)));
    }

    public PravahConfig config() {
        return wiring.config();
    }

    /** Loads every source and swaps in the new snapshot with its (lazily) rendered feeds in one step. */
    public synchronized RenderedSite refresh() {
        long started = System.nanoTime();
        Wiring w = wiring;
        Snapshot snapshot = w.catalog().refresh();
        RenderedSite next = new RenderedSite(snapshot, w.views(), w.pages(), w.config().site().language(),
                metrics.timed(List.of(new RssRenderer(), new AtomRenderer(), new JsonFeedRenderer())), changes);
        metrics.reloaded(Duration.ofNanos(System.nanoTime() - started), snapshot, w.catalog().lastLoads());
        RenderedSite previous = site.getAndSet(next);
        if (previous != null && w.websub().enabled()) {
            w.websub().publish(changedFeeds(previous, next, w.views().links()));
        }
        return next;
    }

    /** Feeds whose first page has other bytes than before: the topics WebSub hubs must hear about. */
    private static Set<String> changedFeeds(RenderedSite before, RenderedSite after, SiteLinks links) {
        Set<String> changed = new LinkedHashSet<>();
        List<Optional<Category>> feeds = new ArrayList<>();
        feeds.add(Optional.empty());
        after.snapshot().tree().all().forEach(c -> feeds.add(Optional.of(c)));
        for (Optional<Category> category : feeds) {
            String path = category.map(Category::path).orElse(SiteLinks.ALL);
            for (FeedFormat format : FeedFormat.values()) {
                Optional<String> old = before.feed(path, format).map(Rendered::etag);
                Optional<String> now = after.feed(path, format).map(Rendered::etag);
                if (!old.equals(now)) {
                    changed.add(links.feed(category, format));
                }
            }
        }
        return changed;
    }

    public RenderedSite site() {
        return site.get();
    }

    /** What each source's latest load produced, problems included. */
    public List<SourceLoad> sourceLoads() {
        return wiring.catalog().lastLoads();
    }

    public PravahMetrics metrics() {
        return metrics;
    }

    @Override
    public void reloadArticles() {
        refresh();
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
        if (next.server().port() != wiring.config().server().port()) {
            LOG.warn("server.port changed in {}; the new port takes effect at the next restart", file);
        }
        synchronized (this) {
            Wiring old = wiring;
            wiring = wire(next, staticHost);
            refresh();
            old.websub().close();
        }
        if (reloader != null) {
            reloader.watch(articleFolders(next));
        }
        LOG.info("config reloaded from {}", file);
    }

    private static Set<Path> articleFolders(PravahConfig config) {
        Set<Path> folders = new LinkedHashSet<>();
        for (SourceConfig s : config.sources()) {
            if (s instanceof DirectorySourceConfig dir) {
                folders.add(dir.path());
            }
        }
        return folders;
    }

    /**
     * Starts serving on {@code host}:{@code server.port} (0: any free port), loads the catalogue, starts reloading.
     * The port opens first so that liveness checks pass during a long first load; {@code /health/ready} and the feeds
     * answer 503 until it is done.
     */
    public Application start(String host) {
        PravahConfig config = wiring.config();
        metrics.withJvmMetrics();
        http = new Server(site::get, metrics::requestCompleted, metrics::scrape)
                .create(host, config.server().port()).start();
        try {
            refresh();
        } catch (RuntimeException e) {
            http.stop();
            throw e;
        }
        if (config.reload().watch() || config.reload().rescanSeconds() > 0) {
            try {
                reloader = new Reloader(this, articleFolders(config), config.file(), config.reload().watch(),
                        config.reload().rescanSeconds());
            } catch (IOException e) {
                LOG.warn("cannot watch files ({}); changes are picked up only by restarting", e.getMessage());
            }
        }
        return this;
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
        if (reloader != null) {
            reloader.close();
        }
        wiring.websub().close();
    }
}
