package org.pravah.cli;

import java.util.List;
import java.util.Optional;
import org.pravah.article.ArticleNormaliser;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.CategoryTree;
import org.pravah.config.PravahConfig;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;
import org.pravah.render.SiteRefresher;
import org.pravah.source.cache.ArticleCacheWriter;
import org.pravah.source.factory.SourceFactory;
import org.pravah.source.SourceLoad;
import org.pravah.store.ArticleStore;
import org.pravah.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site as the server renders it, made from the server's own pieces ({@link SourceFactory}, {@link Catalog},
 * {@link SiteRefresher}) but only reading: {@code check} and {@code export} run beside a server on the same config,
 * so the store is opened with {@link ArticleStore#openToRead} and the server goes on undisturbed.
 */
final class ReadOnlySite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlySite.class);

    private final Optional<ArticleStore> store;
    /** Directory sources still save their article caches, as the server would: the next start is faster. */
    private final ArticleCacheWriter cacheWriter = new ArticleCacheWriter();
    private final SiteRefresher.Setup setup;
    private final SiteRefresher refresher = new SiteRefresher();

    /** @param links as served ({@code check}), or as a static host needs them ({@code export}) */
    ReadOnlySite(PravahConfig config, SiteLinks links) {
        // before this process writes any article cache: temporary files there now were left by a crash or a kill
        SourceFactory.removeCacheLeftovers(config);
        Optional<ArticleStore> opened = Optional.empty();
        Optional<String> storeProblem = Optional.empty();
        if (config.needsStore()) {
            try {
                opened = ArticleStore.openToRead(config.store());
            } catch (StoreException e) {
                // reported with the sources' problems too; a store that cannot be read is one source's problem
                LOG.warn(e.getMessage());
                storeProblem = Optional.of(e.getMessage());
            }
        }
        this.store = opened;
        ArticleNormaliser normaliser = SourceFactory.createNormaliser(config);
        Catalog catalog = new Catalog(new CategoryTree(config.categories()),
                new SourceFactory(cacheWriter, true).create(config, normaliser, store, storeProblem));
        this.setup = SiteRefresher.Setup.of(config, links, catalog);
    }

    /** Reads every source and renders the site from what they hold now. */
    RenderedSite load() {
        return refresher.refresh(setup);
    }

    /** What each source's latest load produced, problems included. */
    List<SourceLoad> sourceLoads() {
        return setup.catalog().lastLoads();
    }

    @Override
    public void close() {
        store.ifPresent(ArticleStore::close);
        // lets the last article cache write finish instead of losing it
        cacheWriter.close();
    }
}
