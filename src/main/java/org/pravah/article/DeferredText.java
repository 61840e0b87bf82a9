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
 * of what shows it. A text made as a String (an article just read) moves out of the heap the same way once the cache
 * holds its bytes ({@link #moveTo}), so what a first start read stays in the heap only until its folder is cached.
 * Equal texts are equal whichever way they were made.
 */
public final class DeferredText {
    private static final DeferredText EMPTY = new DeferredText("", null, 0, 0);

    /**
     * The stored bytes (shared with the other texts of the same cache file, and never changed), or null for a text
     * made as a String; read only with absolute indexes, so threads may share it. Set before {@link #value} is
     * cleared, so a thread that reads a null value sees them ({@link #moveTo}).
     */
    private ByteBuffer stored;
    private int offset;
    private int length;
    /** The text made as a String; null for a stored one, and once the text has moved to stored bytes. */
    private volatile String value;

    private DeferredText(String value, ByteBuffer stored, int offset, int length) {
        this.stored = stored;
        this.offset = offset;
        this.length = length;
        this.value = value;
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

    /**
     * Lets go of the String once the same text is stored as UTF-16LE in {@code bytes[offset, offset + length)}
     * (the article cache has just been written and mapped): from then on it is read from there. Those bytes must not
     * change afterwards. A text already stored, or whose length differs, is left as it is.
     */
    public void moveTo(ByteBuffer bytes, int offset, int length) {
        String now = value;
        if (now == null || now.length() * 2 != length || length == 0) {
            return;
        }
        Objects.checkFromIndexSize(offset, length, bytes.capacity());
        synchronized (this) {
            if (value == null) {
                return;
            }
            this.stored = bytes;
            this.offset = offset;
            this.length = length;
            // the volatile write publishes the three fields above to every thread that then reads a null value
            value = null;
        }
    }

    /** Whether the text is held in the heap as a String (made so and not yet {@linkplain #moveTo moved}). */
    public boolean isOnHeap() {
        return value != null;
    }

    public String value() {
        String v = value;
        if (v != null) {
            return v;
        }
        char[] chars = new char[length / 2];
        // a bulk copy, not a loop: fast even before the JIT has compiled anything
        stored.slice(offset, length).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().get(chars);
        return new String(chars);
    }

    public boolean isEmpty() {
        String v = value;
        return v != null ? v.isEmpty() : length == 0;
    }

    /** Writes the text as UTF-16LE: a stored text's bytes as they are, decoded or not. */
    public void writeUtf16le(OutputStream out) throws IOException {
        String v = value;
        if (v != null) {
            out.write(v.getBytes(StandardCharsets.UTF_16LE));
        } else if (stored.hasArray()) {
            out.write(stored.array(), stored.arrayOffset() + offset, length);
        } else {
            byte[] bytes = new byte[length];
            stored.get(offset, bytes);
            out.write(bytes);
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
        if (value == null && other.value == null) {
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
