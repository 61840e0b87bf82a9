package org.pravah.http;

import java.time.Duration;

/**
 * One answered request, as metrics count it. Route and format are bounded labels ({@code feed}/{@code rss}), never
 * the raw path: a client choosing paths must not be able to grow the metric series without end.
 *
 * @param bytes body bytes sent (0 for HEAD and 304)
 */
public record CompletedRequest(String method, String route, String format, int status, long bytes,
                               Duration duration) {
}
