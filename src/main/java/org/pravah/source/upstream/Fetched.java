package org.pravah.source.upstream;

import java.net.URI;

/**
 * One successful fetch: a new body, or {@code 304 Not Modified} (then {@code body} is empty and the kept items are
 * still current).
 *
 * @param status      200 or 304
 * @param finalUrl    where the body came from after redirects: relative links in it resolve against this
 * @param contentType the {@code Content-Type} header, for charset detection; empty when absent
 * @param body        the decoded (gunzipped) body, at most {@code maxBytes}
 */
public record Fetched(int status, URI finalUrl, String contentType, byte[] body, CacheValidators validators) {
    public boolean notModified() {
        return status == 304;
    }
}
