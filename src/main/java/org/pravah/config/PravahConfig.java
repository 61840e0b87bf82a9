package org.pravah.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole of feeds-config.yaml, validated. */
public record PravahConfig(Path file, SiteConfig site, ServerConfig server, FeedsConfig feeds,
                           List<CategoryConfig> categories, List<SourceConfig> sources, WebSubConfig websub,
                           ReloadConfig reload, StoreConfig store, ApiConfig api, StatsConfig stats) {
    public PravahConfig {
        categories = List.copyOf(categories);
        sources = List.copyOf(sources);
    }

    /** Without a {@code stats} section read from a file: counted in memory only. */
    public PravahConfig(Path file, SiteConfig site, ServerConfig server, FeedsConfig feeds,
                        List<CategoryConfig> categories, List<SourceConfig> sources, WebSubConfig websub,
                        ReloadConfig reload, StoreConfig store, ApiConfig api) {
        this(file, site, server, feeds, categories, sources, websub, reload, store, api, StatsConfig.IN_MEMORY);
    }

    public PravahConfig(Path file, SiteConfig site, ServerConfig server, FeedsConfig feeds,
                        List<CategoryConfig> categories, List<SourceConfig> sources) {
        this(file, site, server, feeds, categories, sources, WebSubConfig.OFF, ReloadConfig.DEFAULT);
    }

    /** Without a {@code store} or {@code api} section: the embedded store under {@code data/}, the API off. */
    public PravahConfig(Path file, SiteConfig site, ServerConfig server, FeedsConfig feeds,
                        List<CategoryConfig> categories, List<SourceConfig> sources, WebSubConfig websub,
                        ReloadConfig reload) {
        this(file, site, server, feeds, categories, sources, websub, reload,
                StoreConfig.embeddedIn(file.toAbsolutePath().normalize().resolveSibling("data")), ApiConfig.OFF);
    }

    /**
     * Whether this config needs the article store: for a {@code store} source, and with PostgreSQL also for what
     * processes sharing it share through it (upstream feeds' items, polled once for all; feed statistics, each
     * process writing its own share).
     */
    public boolean needsStore() {
        boolean storeSource = sources.stream().anyMatch(s -> s instanceof StoreSourceConfig);
        boolean sharedFeeds = store.postgres() && sources.stream().anyMatch(s -> s instanceof FeedSourceConfig);
        boolean sharedStats = store.postgres() && stats.enabled();
        return storeSource || sharedFeeds || sharedStats;
    }

    /**
     * The config's {@code dataDir}, where this process keeps what it keeps on disk (the search index, statistics);
     * empty for a config made in code without one.
     */
    public Optional<Path> dataDir() {
        return stats.dataDir();
    }

    public PravahConfig withPort(int port) {
        return new PravahConfig(file, site, server.withPort(port), feeds, categories, sources, websub, reload, store, api,
                stats);
    }

    /** The same config published at another public URL (the {@code --base-url} option). */
    public PravahConfig withBaseUrl(String baseUrl) {
        return new PravahConfig(file, site.withBaseUrl(baseUrl), server, feeds, categories, sources, websub, reload,
                store, api, stats);
    }
}
