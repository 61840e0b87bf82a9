package org.pravah.http;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger named {@code access}, as {@code key=value} pairs so that {@code grep status=5}
 * or {@code grep 'path="/feeds/'} finds them; quoted values are escaped, so a client cannot forge a line.
 * {@code PRAVAH_ACCESS_LOG_LEVEL=off} silences it.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("access");

    private AccessLog() {
    }

    static void log(String method, String path, String query, int status, long bytes, double millis,
                    String userAgent) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(method, path, query, status, bytes, millis, userAgent));
        }
    }

    static String line(String method, String path, String query, int status, long bytes, double millis,
                       String userAgent) {
        StringBuilder line = new StringBuilder(160).append("method=").append(method)
                .append(" path=").append(quote(path));
        if (query != null && !query.isEmpty()) {
            line.append(" query=").append(quote(query));
        }
        return line.append(" status=").append(status)
                .append(" bytes=").append(bytes)
                .append(" ms=").append(tenths(millis))
                .append(" ua=").append(quote(userAgent == null ? "" : userAgent))
                .toString();
    }

    /** {@code 12.3}: milliseconds to one decimal, without {@code String.format}, which costs more than the request. */
    static String tenths(double millis) {
        long tenths = Math.round(Math.max(0, millis) * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** Double-quoted, with backslash, quote and control characters escaped: one request is always one line. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
