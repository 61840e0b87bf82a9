package org.pravah;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.SiteDefaults;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.DirectorySourceConfig;
import org.pravah.config.PravahConfig;
import org.pravah.config.SourceConfig;
import org.pravah.http.Server;
import org.pravah.render.AtomRenderer;
import org.pravah.render.FeedViews;
import org.pravah.render.HtmlPages;
import org.pravah.render.RenderedSite;
import org.pravah.render.RssRenderer;
import org.pravah.render.SiteLinks;
import org.pravah.source.ArticleSource;
import org.pravah.source.DirectorySource;

/** The parts wired together for one config: sources → catalogue → rendered site → HTTP. Tests start it too. */
public final class Application implements AutoCloseable {
    /** Default polling interval readers are told to respect, in seconds. */
    static final int MAX_AGE_SECONDS = 15 * 60;

    private final PravahConfig config;
    private final Catalog catalog;
    private final FeedViews views;
    private final HtmlPages pages;
    private final AtomicReference<RenderedSite> site = new AtomicReference<>();
    private Javalin http;

    public Application(PravahConfig config) {
        this.config = config;
        SiteLinks links = new SiteLinks(config.site().baseUrl());
        ArticleNormaliser normaliser = new ArticleNormaliser(new SiteDefaults(
                config.site().language(), config.site().timeZone(), config.site().baseUrl()));
        this.catalog = new Catalog(new CategoryTree(config.categories()), sources(config, normaliser));
        this.views = new FeedViews(config.site(), links, config.feeds().itemsPerFeed());
        this.pages = new HtmlPages(config.site(), links);
    }

    private static List<ArticleSource> sources(PravahConfig config, ArticleNormaliser normaliser) {
        List<ArticleSource> sources = new ArrayList<>();
        for (SourceConfig source : config.sources()) {
            if (source instanceof DirectorySourceConfig dir) {
                sources.add(new DirectorySource(dir.name(), dir.path(), dir.written(), normaliser));
            }
        }
        return sources;
    }

    /** Loads every source and swaps in the new snapshot with its (lazily) rendered feeds in one step. */
    public RenderedSite refresh() {
        Snapshot snapshot = catalog.refresh();
        RenderedSite rendered = new RenderedSite(snapshot, views, pages, List.of(new RssRenderer(), new AtomRenderer()));
        site.set(rendered);
        return rendered;
    }

    public RenderedSite site() {
        return site.get();
    }

    /** Loads the catalogue, then starts serving on {@code host}:{@code server.port} (0: any free port). */
    public Application start(String host) {
        refresh();
        http = new Server(site::get, config.site().language(), MAX_AGE_SECONDS)
                .create(host, config.server().port())
                .start();
        return this;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop();
        }
    }
}
