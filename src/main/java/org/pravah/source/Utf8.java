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
