package org.pravah.config;

/**
 * @param itemsPerFeed items on a feed's first page (and each further page)
 * @param ttlMinutes   how long readers may keep a feed before polling again: RSS {@code ttl} and Cache-Control max-age
 */
public record FeedsConfig(int itemsPerFeed, int ttlMinutes) {
    public static final int DEFAULT_TTL_MINUTES = 15;

    public FeedsConfig(int itemsPerFeed) {
        this(itemsPerFeed, DEFAULT_TTL_MINUTES);
    }
}
