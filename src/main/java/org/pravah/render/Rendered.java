package org.pravah.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * A response body rendered once per snapshot (a feed or a page): the bytes, their gzip form, and validators.
 *
 * @param etag         a strong entity tag, quoted: a hash of the bytes only, never of time or process, so the same
 *                     content keeps its tag across reloads and restarts
 * @param gzip         the gzip form, absent for bodies too small to gain from it
 * @param lastModified the newest article's date in it
 * @param link         the HTTP Link header value ({@code ""} for none): WebSub discovery for feeds
 * @param archived     an RFC 5005 archive document, which changes only when old articles are edited: cached longer
 */
public record Rendered(String contentType, byte[] bytes, Optional<byte[]> gzip, String etag, Instant lastModified,
                       String link, boolean archived) {
    /** Below this size gzip saves less than its own header costs a client to handle. */
    static final int GZIP_THRESHOLD = 860;

    public static Rendered of(String contentType, byte[] bytes, Instant lastModified) {
        return of(contentType, bytes, lastModified, "");
    }

    public static Rendered of(String contentType, byte[] bytes, Instant lastModified, String link) {
        return of(contentType, bytes, lastModified, link, false);
    }

    public static Rendered of(String contentType, byte[] bytes, Instant lastModified, String link, boolean archived) {
        Optional<byte[]> gzip = bytes.length < GZIP_THRESHOLD ? Optional.empty() : Optional.of(gzip(bytes));
        return new Rendered(contentType, bytes, gzip, etagOf(bytes), lastModified, link, archived);
    }

    static String etagOf(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
