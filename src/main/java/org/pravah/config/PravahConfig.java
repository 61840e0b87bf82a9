package org.pravah.config;

import java.nio.file.Path;
import java.util.List;

/** The whole of feeds-config.yaml, validated. */
public record PravahConfig(Path file, SiteConfig site, ServerConfig server, FeedsConfig feeds,
                           List<CategoryConfig> categories, List<SourceConfig> sources, WebSubConfig websub,
                           ReloadConfig reload) {
    public PravahConfig {
        categories = List.copyOf(categories);
        sources = List.copyOf(sources);
    }

    public PravahConfig(Path file, SiteConfig site, ServerConfig server, FeedsConfig feeds,
                        List<CategoryConfig> categories, List<SourceConfig> sources) {
        this(file, site, server, feeds, categories, sources, WebSubConfig.OFF, ReloadConfig.DEFAULT);
    }

    public PravahConfig withPort(int port) {
        return new PravahConfig(file, site, new ServerConfig(port), feeds, categories, sources, websub, reload);
    }

    /** The same config published at another public URL (the {@code --base-url} option). */
    public PravahConfig withBaseUrl(String baseUrl) {
        return new PravahConfig(file, site.withBaseUrl(baseUrl), server, feeds, categories, sources, websub, reload);
    }
}
