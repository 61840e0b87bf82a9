package org.pravah.config;

import java.nio.file.Path;
import java.util.List;

/** The whole of feeds-config.yaml, validated. */
public record PravahConfig(Path file, SiteConfig site, ServerConfig server, FeedsConfig feeds,
                           List<CategoryConfig> categories, List<SourceConfig> sources) {
    public PravahConfig {
        categories = List.copyOf(categories);
        sources = List.copyOf(sources);
    }

    public PravahConfig withPort(int port) {
        return new PravahConfig(file, site, new ServerConfig(port), feeds, categories, sources);
    }

    /** The same config published at another public URL (the {@code --base-url} option). */
    public PravahConfig withBaseUrl(String baseUrl) {
        SiteConfig s = new SiteConfig(site.title(), site.description(), baseUrl, site.language(), site.timeZone());
        return new PravahConfig(file, s, server, feeds, categories, sources);
    }
}
