package org.pravah.article;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A text that may still be the UTF-16LE bytes it was stored as (in the article cache), made a String the first time
 * it is read. A restart of a large site then decodes only what it needs to sort and file the articles; an article's
 * summary and body wait until a feed or page shows it, and most are not shown before the next edit. Equal texts are
 * equal whichever way they were made.
 */
public final class DeferredText {
    private static final DeferredText EMPTY = new DeferredText("", null, 0, 0);

    /** The stored bytes (shared with the other texts of the same cache file), or null for a text made as a String. */
    private final byte[] stored;
    private final int offset;
    private final int length;
    /**
     * Null until first read. Two threads may both decode it and both write it: the same text, and a String is safe to
     * publish without a lock, since its fields are final.
     */
    private String value;

    private DeferredText(String value, byte[] stored, int offset, int length) {
        this.value = value;
        this.stored = stored;
        this.offset = offset;
        this.length = length;
    }

    public static DeferredText of(String value) {
        return value.isEmpty() ? EMPTY : new DeferredText(value, null, 0, 0);
    }

    /**
     * A text stored as UTF-16LE in {@code bytes[offset, offset + length)}; those bytes must not change afterwards.
     *
     * @throws IllegalArgumentException when the range holds half a character
     * @throws IndexOutOfBoundsException when the range is outside the array
     */
    public static DeferredText utf16le(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length % 2 != 0) {
            throw new IllegalArgumentException("a UTF-16 text of an odd number of bytes (" + length + ")");
        }
        return length == 0 ? EMPTY : new DeferredText(null, bytes, offset, length);
    }

    public String value() {
        String v = value;
        if (v == null) {
            char[] chars = new char[length / 2];
            // a bulk copy, not a loop: fast even before the JIT has compiled anything
            ByteBuffer.wrap(stored, offset, length).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().get(chars);
            v = new String(chars);
            value = v;
        }
        return v;
    }

    public boolean isEmpty() {
        return stored == null ? value.isEmpty() : length == 0;
    }

    /** Writes the text as UTF-16LE: a stored text's bytes as they are, decoded or not. */
    public void writeUtf16le(OutputStream out) throws IOException {
        if (stored != null) {
            out.write(stored, offset, length);
        } else {
            out.write(value.getBytes(StandardCharsets.UTF_16LE));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof DeferredText other)) {
            return false;
        }
        if (stored != null && other.stored != null) {
            // two stored texts: comparing the bytes spares decoding them
            return Arrays.equals(stored, offset, offset + length, other.stored, other.offset,
                    other.offset + other.length);
        }
        return value().equals(other.value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    @Override
    public String toString() {
        return value();
    }
}
