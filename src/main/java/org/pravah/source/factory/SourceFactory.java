package org.pravah.source.factory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.SiteDefaults;
import org.pravah.config.DirectorySourceConfig;
import org.pravah.config.FeedSourceConfig;
import org.pravah.config.PravahConfig;
import org.pravah.config.SourceConfig;
import org.pravah.config.StoreSourceConfig;
import org.pravah.source.cache.ArticleCache;
import org.pravah.source.cache.ArticleCacheWriter;
import org.pravah.source.cache.TextsFile;
import org.pravah.source.ArticleSource;
import org.pravah.source.DirectorySource;
import org.pravah.source.FirstSeen;
import org.pravah.source.StandInSource;
import org.pravah.source.StoreSource;
import org.pravah.source.upstream.FeedFetcher;
import org.pravah.source.upstream.UpstreamSource;
import org.pravah.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the {@link ArticleSource}s a config names, in its order: one place that knows every source type, so the
 * server and the {@code check} and {@code export} commands read the same articles the same way. It makes
 * {@code source.upstream}'s {@link UpstreamSource} too, which is part of the same stage.
 */
public final class SourceFactory {
    private static final Logger LOG = LoggerFactory.getLogger(SourceFactory.class);

    /** Saves directory sources' article caches; one for the process, so that writes stay in order. */
    private final ArticleCacheWriter cacheWriter;
    /**
     * For {@code check} and {@code export}, which run beside a server on the same config: a store not created yet
     * is an empty source instead of one that waits for a restart.
     */
    private final boolean readOnly;

    public SourceFactory(ArticleCacheWriter cacheWriter, boolean readOnly) {
        this.cacheWriter = cacheWriter;
        this.readOnly = readOnly;
    }

    /**
     * Removes temporary files that a crash or a kill left in the data folders of {@code config}'s directory sources;
     * only before this process writes any article cache there.
     */
    public static void removeCacheLeftovers(PravahConfig config) {
        config.sources().stream().filter(DirectorySourceConfig.class::isInstance).map(DirectorySourceConfig.class::cast)
                .flatMap(d -> d.dataDir().stream()).distinct().forEach(ArticleCache::removeLeftovers);
    }

    /** The normaliser every source of {@code config} uses, with the site's language, time zone and address. */
    public static ArticleNormaliser createNormaliser(PravahConfig config) {
        return new ArticleNormaliser(new SiteDefaults(
                config.site().language(), config.site().timeZone(), config.site().baseUrl()));
    }

    /** The folders the directory sources read: what a reloader watches for edits. */
    public static Set<Path> findArticleFolders(PravahConfig config) {
        Set<Path> folders = new LinkedHashSet<>();
        for (SourceConfig s : config.sources()) {
            if (s instanceof DirectorySourceConfig dir) {
                folders.add(dir.path());
            }
        }
        return folders;
    }

    /**
     * @param store        the store opened at start-up, if any
     * @param storeProblem why the store did not open, when it did not: its sources report that and every other
     *                     source serves
     */
    public List<ArticleSource> create(PravahConfig config, ArticleNormaliser normaliser, Optional<ArticleStore> store,
                                      Optional<String> storeProblem) {
        List<ArticleSource> sources = new ArrayList<>();
        for (SourceConfig source : config.sources()) {
            if (source instanceof DirectorySourceConfig dir) {
                Optional<ArticleCache> cache = dir.dataDir().flatMap(data -> ArticleCache.forSource(
                        data, dir.name(), dir.path(), dir.written(), DirectorySource.MAX_FILE_BYTES, normaliser,
                        cacheWriter));
                FirstSeen firstSeen = dir.dataDir().map(data -> FirstSeen.keptIn(data, dir.name()))
                        .orElseGet(FirstSeen::inMemory);
                sources.add(new DirectorySource(dir.name(), dir.path(), dir.written(), normaliser, cache, firstSeen,
                        config.site().images()));
            } else if (source instanceof StoreSourceConfig stored) {
                if (store.isEmpty() && storeProblem.isPresent()) {
                    sources.add(StandInSource.failing(stored.name(), "store", storeProblem.get()));
                } else if (store.isEmpty() && readOnly) {
                    sources.add(StandInSource.empty(stored.name(), "store"));
                } else if (store.isEmpty()) {
                    LOG.warn("source '{}': the store opens at start-up; restart to serve this source", stored.name());
                } else {
                    sources.add(new StoreSource(stored.name(), store.get(), normaliser,
                            config.dataDir().map(data -> TextsFile.in(data, stored.name()))));
                }
            } else if (source instanceof FeedSourceConfig feed) {
                if (config.store().postgres() && store.filter(ArticleStore::shared).isEmpty()) {
                    LOG.warn("source '{}': every process polls it until a restart opens the shared store",
                            feed.name());
                }
                // reads the items kept in the data folder (or the shared store) now; fetching starts with the poller,
                // in the background
                sources.add(new UpstreamSource(feed, normaliser.site(), normaliser, FeedFetcher.sharedClient(),
                        Clock.systemUTC(), store.filter(ArticleStore::shared)));
            }
        }
        return List.copyOf(sources);
    }
}
