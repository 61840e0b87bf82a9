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
import org.pravah.config.FeedSourceConfig;
import org.pravah.config.PravahConfig;
import org.pravah.config.SourceConfig;
import org.pravah.http.Server;
import org.pravah.http.StatusReport;
import org.pravah.reload.Reloader;
import org.pravah.render.AtomRenderer;
import org.pravah.render.FeedFormat;
import org.pravah.render.FeedViews;
import org.pravah.render.HtmlPages;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.render.RssRenderer;
import org.pravah.render.SiteLinks;
import org.pravah.source.ArticleSource;
import org.pravah.source.DirectorySource;
import org.pravah.source.upstream.FeedFetcher;
import org.pravah.source.upstream.UpstreamPoller;
import org.pravah.source.upstream.UpstreamSource;
import org.pravah.websub.WebSubPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts wired together: config → sources → catalogue → rendered site → HTTP, plus reloading, upstream polling
 * and WebSub.
 * Requests read the current {@link RenderedSite} from one atomic reference, so a reload is one swap: no request ever
 * sees half of it. Tests start it on port 0.
 */
public final class Application implements Reloader.Target, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    /** Everything that follows from one config; replaced whole when a valid config edit is loaded. */
    private record Wiring(PravahConfig config, Catalog catalog, FeedViews views, HtmlPages pages,
                          WebSubPublisher websub, List<ArticleSource> sources, UpstreamPoller poller) {
    }

    private final UnaryOperator<PravahConfig> overrides;
    private final AtomicReference<RenderedSite> site = new AtomicReference<>();
    private volatile Wiring wiring;
    private Javalin http;
    private Reloader reloader;

    public Application(PravahConfig config) {
        this(config, UnaryOperator.identity());
    }

    /** @param overrides applied to the config now and to every reloaded config (command-line options) */
    public Application(PravahConfig config, UnaryOperator<PravahConfig> overrides) {
        this.overrides = overrides;
        this.wiring = wire(overrides.apply(config));
    }

    private static Wiring wire(PravahConfig config) {
        SiteLinks links = new SiteLinks(config.site().baseUrl());
        SiteDefaults defaults = new SiteDefaults(
                config.site().language(), config.site().timeZone(), config.site().baseUrl());
        ArticleNormaliser normaliser = new ArticleNormaliser(defaults);
        List<ArticleSource> sources = new ArrayList<>();
        for (SourceConfig source : config.sources()) {
            if (source instanceof DirectorySourceConfig dir) {
                sources.add(new DirectorySource(dir.name(), dir.path(), dir.written(), normaliser));
            } else if (source instanceof FeedSourceConfig feed) {
                // reads the items kept in the data folder now; fetching starts with the poller, in the background
                sources.add(new UpstreamSource(feed, defaults, normaliser, FeedFetcher.sharedClient(),
                        Clock.systemUTC()));
            }
        }
        List<UpstreamSource> upstreams = sources.stream().filter(UpstreamSource.class::isInstance)
                .map(UpstreamSource.class::cast).toList();
        return new Wiring(config,
                new Catalog(new CategoryTree(config.categories()), sources),
                new FeedViews(config.site(), links, config.feeds().itemsPerFeed(), config.feeds().ttlMinutes(),
                        config.websub().hubs()),
                new HtmlPages(config.site(), links),
                new WebSubPublisher(config.websub().hubs(), Duration.ofSeconds(1)),
                List.copyOf(sources), new UpstreamPoller(upstreams));
    }

    public PravahConfig config() {
        return wiring.config();
    }

    /** Loads every source and swaps in the new snapshot with its (lazily) rendered feeds in one step. */
    public synchronized RenderedSite refresh() {
        Wiring w = wiring;
        Snapshot snapshot = w.catalog().refresh();
        RenderedSite next = new RenderedSite(snapshot, w.views(), w.pages(), w.config().site().language(),
                List.of(new RssRenderer(), new AtomRenderer()));
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

    /** Every source's state, for {@code /status}. */
    public StatusReport status() {
        Wiring w = wiring;
        return new StatusReport(w.sources().stream().map(ArticleSource::status).toList(), w.config().site().timeZone());
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
            return;
        }
        if (next.server().port() != wiring.config().server().port()) {
            LOG.warn("server.port changed in {}; the new port takes effect at the next restart", file);
        }
        synchronized (this) {
            Wiring old = wiring;
            old.poller().close();
            wiring = wire(next);
            refresh();
            old.websub().close();
            if (http != null) {
                wiring.poller().start(this::refreshAfterPoll);
            }
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

    /** Loads the catalogue, starts serving on {@code host}:{@code server.port} (0: any free port), starts reloading. */
    public Application start(String host) {
        refresh();
        PravahConfig config = wiring.config();
        http = new Server(site::get, this::status).create(host, config.server().port()).start();
        wiring.poller().start(this::refreshAfterPoll);
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

    /** Called on a poller thread when an upstream brought new items: never on a request. */
    private void refreshAfterPoll() {
        refresh();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.close();
        }
        wiring.poller().close();
        if (http != null) {
            http.stop();
        }
        wiring.websub().close();
    }
}
