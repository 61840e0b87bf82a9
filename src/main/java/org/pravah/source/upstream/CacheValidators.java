package org.pravah.source.upstream;

/**
 * The upstream's cache validators from its last 200 answer, sent back as {@code If-None-Match} /
 * {@code If-Modified-Since} so that an unchanged feed costs a 304 and no body. Kept exactly as received: servers
 * compare them as opaque strings. Empty strings mean absent.
 */
public record CacheValidators(String etag, String lastModified) {
    public static final CacheValidators NONE = new CacheValidators("", "");

    public CacheValidators {
        etag = etag == null ? "" : etag.strip();
        lastModified = lastModified == null ? "" : lastModified.strip();
    }
}
