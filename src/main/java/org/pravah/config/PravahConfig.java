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
}
