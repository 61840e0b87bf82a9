package org.pravah.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pravah.article.LanguageTag;

/**
 * An upstream RSS, Atom or JSON Feed whose items are re-published in our feeds ({@code type: feed}).
 *
 * @param url            the upstream feed, an absolute http(s) URL
 * @param refreshMinutes how often it is fetched when all is well (errors back off from this)
 * @param category       the category of items that {@code categoryMap} does not place; empty: none (all-feed only)
 * @param categoryMap    upstream category name (compared case-insensitively) → one of our categories
 * @param language       the language of items when the upstream does not say; empty: the site language
 * @param maxBytes       the largest body accepted, before and after gzip decompression
 * @param timeoutSeconds how long one fetch may take from connecting to the last byte, redirects included
 * @param dataDir        where fetched items are kept across restarts ({@code dataDir}, default {@code data/}
 *                       next to the config)
 * @param allowInternal  whether the upstream may redirect us to loopback, link-local, private and other internal
 *                       addresses even though {@code url} itself is not one
 */
public record FeedSourceConfig(String name, URI url, int refreshMinutes, String category,
                               Map<String, String> categoryMap, Optional<LanguageTag> language, long maxBytes,
                               int timeoutSeconds, Path dataDir, boolean allowInternal) implements SourceConfig {
    public static final int DEFAULT_REFRESH_MINUTES = 10;
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
    public static final int DEFAULT_TIMEOUT_SECONDS = 20;

    public FeedSourceConfig {
        categoryMap = Map.copyOf(categoryMap);
    }
}
