package org.pravah.article;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A text that may still be the UTF-16LE bytes it was stored as (in the article cache, mapped from its file), made a
 * String each time it is read and not kept: a restart of a large site decodes only what it needs to sort and file
 * the articles, and the summaries and bodies of a million articles stay in the operating system's page cache instead
 * of the heap. Decoding is a bulk copy, and a rendered document is cached, so a text is decoded about once per change
 * of what shows it. Equal texts are equal whichever way they were made.
 */
public final class DeferredText {
    private static final DeferredText EMPTY = new DeferredText("", null, 0, 0);

    /**
     * The stored bytes (shared with the other texts of the same cache file, and never changed), or null for a text
     * made as a String; read only with absolute indexes, so threads may share it.
     */
    private final ByteBuffer stored;
    private final int offset;
    private final int length;
    /** The text made as a String; null for a stored one. */
    private final String value;

    private DeferredText(String value, ByteBuffer stored, int offset, int length) {
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
        return utf16le(ByteBuffer.wrap(bytes), offset, length);
    }

    /** Like {@link #utf16le(byte[], int, int)}, in a buffer (a mapped file): its bytes must not change afterwards. */
    public static DeferredText utf16le(ByteBuffer bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.capacity());
        if (length % 2 != 0) {
            throw new IllegalArgumentException("a UTF-16 text of an odd number of bytes (" + length + ")");
        }
        return length == 0 ? EMPTY : new DeferredText(null, bytes, offset, length);
    }

    public String value() {
        if (value != null) {
            return value;
        }
        char[] chars = new char[length / 2];
        // a bulk copy, not a loop: fast even before the JIT has compiled anything
        stored.slice(offset, length).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().get(chars);
        return new String(chars);
    }

    public boolean isEmpty() {
        return stored == null ? value.isEmpty() : length == 0;
    }

    /** Writes the text as UTF-16LE: a stored text's bytes as they are, decoded or not. */
    public void writeUtf16le(OutputStream out) throws IOException {
        if (stored != null && stored.hasArray()) {
            out.write(stored.array(), stored.arrayOffset() + offset, length);
        } else if (stored != null) {
            byte[] bytes = new byte[length];
            stored.get(offset, bytes);
            out.write(bytes);
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
            return stored.slice(offset, length).equals(other.stored.slice(other.offset, other.length));
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
