package org.pravah.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.pravah.article.ArticleException;

/** Strict UTF-8 decoding: a file that is not UTF-8 is refused with the byte offset of the first bad byte. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code bytes} into {@code out} (at least as long) as {@link #decode} would, byte order mark included;
     * -1 if they are not UTF-8, which only {@link #decode} can say in its words. Into a buffer the caller may use again,
     * for a parser that reads chars: no String to size, trim and copy out again.
     *
     * @return how many chars were written
     */
    static int decodeInto(byte[] bytes, char[] out) {
        int n = bytes.length;
        int i = 0;
        int o = 0;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                out[o++] = (char) b;
                i++;
            } else if ((b & 0xF0) == 0xE0) {
                // three bytes: all of Devanagari
                if (i + 2 >= n) {
                    return -1;
                }
                int second = bytes[i + 1];
                int third = bytes[i + 2];
                if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) {
                    return -1;
                }
                char c = (char) ((b & 0x0F) << 12 | (second & 0x3F) << 6 | (third & 0x3F));
                if (c < 0x800 || Character.isSurrogate(c)) {
                    // overlong, or an encoded surrogate
                    return -1;
                }
                out[o++] = c;
                i += 3;
            } else if ((b & 0xE0) == 0xC0) {
                if (i + 1 >= n || (bytes[i + 1] & 0xC0) != 0x80 || (b & 0xFF) < 0xC2) {
                    // cut off, or overlong
                    return -1;
                }
                out[o++] = (char) ((b & 0x1F) << 6 | (bytes[i + 1] & 0x3F));
                i += 2;
            } else if ((b & 0xF8) == 0xF0) {
                if (i + 3 >= n || (bytes[i + 1] & 0xC0) != 0x80 || (bytes[i + 2] & 0xC0) != 0x80
                        || (bytes[i + 3] & 0xC0) != 0x80) {
                    return -1;
                }
                int cp = (b & 0x07) << 18 | (bytes[i + 1] & 0x3F) << 12 | (bytes[i + 2] & 0x3F) << 6
                        | (bytes[i + 3] & 0x3F);
                if (cp < 0x10000 || cp > Character.MAX_CODE_POINT) {
                    // overlong, or beyond Unicode
                    return -1;
                }
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                // a continuation byte without a lead, or a byte UTF-8 never uses
                return -1;
            }
        }
        return o;
    }

    /** Decodes {@code bytes}, dropping a leading byte order mark. */
    static String decode(byte[] bytes, String where) throws ArticleException {
        return decode(bytes, where, "save the file as UTF-8");
    }

    /** @param hint what the sender should do about a bad byte, for the message */
    static String decode(byte[] bytes, String where, String hint) throws ArticleException {
        // the String constructor's decoder is much faster than a CharsetDecoder (BENCHMARKS.md, "Figures behind
        // design choices"), but it replaces bad bytes with U+FFFD instead of failing; so only text that then holds a
        // U+FFFD (a bad byte, or a real U+FFFD) takes the strict decoder below, which finds the offset or confirms it
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast.startsWith("\uFEFF") ? fast.substring(1) : fast;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new ArticleException(where + ": not valid UTF-8 at byte offset " + in.position() + " (" + hint + ")");
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new ArticleException(where + ": not valid UTF-8 at byte offset " + in.position());
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
