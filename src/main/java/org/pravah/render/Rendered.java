package org.pravah.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/**
 * A response body rendered once per snapshot (a feed or a page): the bytes, their gzip form, and validators.
 *
 * @param etag         a strong entity tag, quoted: checksums of the bytes only ({@link #etagOf}), never of time or
 *                     process, so the same content keeps its tag across reloads, restarts and processes
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

    /**
     * The bytes' length, CRC-32C and CRC-32. A tag only has to tell one version of a URL's body from another, never
     * resist forgery: the two checksums use different polynomials, so two bodies of one length share both only by a
     * one-in-2^64 chance. The JVM computes both with CPU instructions even before anything is compiled; SHA-256, used
     * before, was slow on a cold JVM, and the first request after a restart waited for it (BENCHMARKS.md, "Figures
     * behind design choices").
     */
    static String etagOf(byte[] bytes) {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(bytes);
        CRC32 ieee = new CRC32();
        ieee.update(bytes);
        byte[] sums = ByteBuffer.allocate(Long.BYTES).putLong(castagnoli.getValue() << 32 | ieee.getValue()).array();
        return "\"" + Integer.toString(bytes.length, 36) + "-"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(sums) + "\"";
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
