package org.pravah.article;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An article's title, summary, body (HTML) and origin, as one object: four Strings were more than half the heap an
 * article of a million-article archive took (a Hindi title alone about 130 bytes). The texts may still be the
 * UTF-16LE bytes they were stored as, one after the other (in the article cache, mapped from its file), made a String
 * each time one is read and not kept: a restart decodes none of them, and the texts of a million articles stay in
 * the operating system's page cache instead of the heap. Decoding is a bulk copy, and a rendered document is cached,
 * so a text is decoded about once per change of what shows it. Texts made as Strings (an article just read) move out
 * of the heap the same way once the cache holds their bytes ({@link #moveTo}). Equal texts are equal whichever way
 * they were made.
 */
public final class ArticleTexts {
    private static final int TITLE = 0;
    private static final int SUMMARY = 1;
    private static final int BODY = 2;
    private static final int ORIGIN = 3;

    /**
     * The stored bytes (shared with the other articles of the same cache file, and never changed), or null for texts
     * made as Strings; read only with absolute indexes, so threads may share it. Set before {@link #held} is cleared,
     * so a thread that reads a null {@code held} sees them ({@link #moveTo}).
     */
    private ByteBuffer stored;
    private int offset;
    /** The byte lengths of the stored title, summary, body and origin, which follow each other from offset. */
    private int titleBytes;
    private int summaryBytes;
    private int bodyBytes;
    private int originBytes;
    /** The texts made as Strings, in the order above; null for stored ones, and once they have moved there. */
    private volatile String[] held;

    private ArticleTexts(String[] held) {
        this.held = held;
    }

    public static ArticleTexts of(String title, String summary, String contentHtml, String origin) {
        return new ArticleTexts(new String[] {title, summary, contentHtml, origin});
    }

    /**
     * Texts stored as UTF-16LE one after the other from {@code offset} in {@code bytes} (a mapped file): title,
     * summary, body, origin, of the given byte lengths. Those bytes must not change afterwards.
     *
     * @throws IllegalArgumentException when a length is negative or holds half a character
     * @throws IndexOutOfBoundsException when the texts run outside the buffer
     */
    public static ArticleTexts utf16le(ByteBuffer bytes, int offset, int titleBytes, int summaryBytes, int bodyBytes,
                                       int originBytes) {
        int[] lengths = {titleBytes, summaryBytes, bodyBytes, originBytes};
        long total = 0;
        for (int length : lengths) {
            if (length < 0 || length % 2 != 0) {
                throw new IllegalArgumentException("a UTF-16 text of " + length + " bytes (not a whole number "
                        + "of characters)");
            }
            total += length;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException("texts of " + total + " bytes");
        }
        Objects.checkFromIndexSize(offset, (int) total, bytes.capacity());
        ArticleTexts texts = new ArticleTexts(null);
        texts.store(bytes, offset, lengths);
        return texts;
    }

    /** @see #utf16le(ByteBuffer, int, int, int, int, int) */
    public static ArticleTexts utf16le(byte[] bytes, int offset, int titleBytes, int summaryBytes, int bodyBytes,
                                       int originBytes) {
        return utf16le(ByteBuffer.wrap(bytes), offset, titleBytes, summaryBytes, bodyBytes, originBytes);
    }

    private void store(ByteBuffer bytes, int offset, int[] lengths) {
        this.stored = bytes;
        this.offset = offset;
        this.titleBytes = lengths[TITLE];
        this.summaryBytes = lengths[SUMMARY];
        this.bodyBytes = lengths[BODY];
        this.originBytes = lengths[ORIGIN];
    }

    public String title() {
        return text(TITLE);
    }

    /** The summary, plain text. */
    public String summary() {
        return text(SUMMARY);
    }

    public String contentHtml() {
        return text(BODY);
    }

    /** Where the article came from, for messages (a file path). */
    public String origin() {
        return text(ORIGIN);
    }

    /** How many bytes the four texts take as UTF-16LE, one after the other ({@link #writeUtf16le}). */
    public int utf16leBytes() {
        String[] h = held;
        if (h != null) {
            return 2 * (h[TITLE].length() + h[SUMMARY].length() + h[BODY].length() + h[ORIGIN].length());
        }
        return titleBytes + summaryBytes + bodyBytes + originBytes;
    }

    /** The byte length of each text as UTF-16LE: title, summary, body, origin. */
    public int[] utf16leLengths() {
        String[] h = held;
        if (h != null) {
            return new int[] {2 * h[TITLE].length(), 2 * h[SUMMARY].length(), 2 * h[BODY].length(),
                    2 * h[ORIGIN].length()};
        }
        return new int[] {titleBytes, summaryBytes, bodyBytes, originBytes};
    }

    /**
     * Lets go of the Strings once the same texts are stored as UTF-16LE from {@code offset} in {@code bytes} (the
     * article cache has just been written and mapped): from then on they are read from there. Those bytes must not
     * change afterwards. Texts already stored are left as they are.
     */
    public void moveTo(ByteBuffer bytes, int offset) {
        String[] now = held;
        if (now == null) {
            return;
        }
        int[] lengths = utf16leLengths();
        Objects.checkFromIndexSize(offset, lengths[0] + lengths[1] + lengths[2] + lengths[3], bytes.capacity());
        synchronized (this) {
            if (held == null) {
                return;
            }
            store(bytes, offset, lengths);
            // the volatile write publishes the fields above to every thread that then reads a null held
            held = null;
        }
    }

    /** Whether the texts are held in the heap as Strings (made so and not yet {@linkplain #moveTo moved}). */
    public boolean isOnHeap() {
        return held != null;
    }

    private String text(int which) {
        String[] h = held;
        if (h != null) {
            return h[which];
        }
        int from = offset + startOf(which);
        int length = lengthOf(which);
        if (length == 0) {
            return "";
        }
        char[] chars = new char[length / 2];
        // a bulk copy, not a loop: fast even before the JIT has compiled anything
        stored.slice(from, length).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().get(chars);
        return new String(chars);
    }

    private int startOf(int which) {
        return switch (which) {
            case TITLE -> 0;
            case SUMMARY -> titleBytes;
            case BODY -> titleBytes + summaryBytes;
            default -> titleBytes + summaryBytes + bodyBytes;
        };
    }

    private int lengthOf(int which) {
        return switch (which) {
            case TITLE -> titleBytes;
            case SUMMARY -> summaryBytes;
            case BODY -> bodyBytes;
            default -> originBytes;
        };
    }

    /**
     * {@code text} as UTF-16LE bytes, as {@code getBytes(UTF_16LE)} gives them: by a bulk copy of its chars, where the
     * charset's encoder goes char by char (12 % of a first start's CPU, in the article cache's writer). Text with a
     * surrogate takes the encoder, which replaces a lone one as it always did.
     */
    public static byte[] encodeUtf16le(String text) {
        char[] chars = text.toCharArray();
        for (char c : chars) {
            if (Character.isSurrogate(c)) {
                return text.getBytes(StandardCharsets.UTF_16LE);
            }
        }
        byte[] bytes = new byte[chars.length * 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().put(chars);
        return bytes;
    }

    /** Writes the four texts as UTF-16LE one after the other: stored ones as the bytes they are, undecoded. */
    public void writeUtf16le(OutputStream out) throws IOException {
        String[] h = held;
        if (h != null) {
            for (String s : h) {
                out.write(encodeUtf16le(s));
            }
        } else {
            write(out, 0, utf16leBytes());
        }
    }

    /** Writes the summary as UTF-16LE: a stored one as the bytes it is, undecoded. */
    public void writeSummaryUtf16le(OutputStream out) throws IOException {
        String[] h = held;
        if (h != null) {
            out.write(encodeUtf16le(h[SUMMARY]));
        } else {
            write(out, startOf(SUMMARY), summaryBytes);
        }
    }

    private void write(OutputStream out, int from, int length) throws IOException {
        if (stored.hasArray()) {
            out.write(stored.array(), stored.arrayOffset() + offset + from, length);
        } else {
            byte[] bytes = new byte[length];
            stored.get(offset + from, bytes);
            out.write(bytes);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ArticleTexts other)) {
            return false;
        }
        if (held == null && other.held == null) {
            // two stored texts: comparing the bytes spares decoding them
            return titleBytes == other.titleBytes && summaryBytes == other.summaryBytes
                    && bodyBytes == other.bodyBytes && originBytes == other.originBytes
                    && stored.slice(offset, utf16leBytes())
                    .equals(other.stored.slice(other.offset, other.utf16leBytes()));
        }
        for (int i = TITLE; i <= ORIGIN; i++) {
            if (!text(i).equals(other.text(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(title(), summary(), contentHtml(), origin());
    }

    @Override
    public String toString() {
        return title();
    }
}
