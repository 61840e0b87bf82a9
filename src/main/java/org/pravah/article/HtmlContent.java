package org.pravah.article;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Tag;
import org.jsoup.safety.Safelist;

/**
 * Makes article HTML safe to embed in feeds and pages: an allow-list of tags and attributes, no scripts, no event
 * handlers, only http(s)/mailto links, and every relative URL made absolute so that it still works inside a reader.
 */
public final class HtmlContent {
    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeTags("colgroup", "col")
            .addAttributes("a", "hreflang", "lang")
            .addAttributes(":all", "lang", "dir")
            .removeProtocols("a", "href", "ftp")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https");

    private HtmlContent() {
    }

    /** Sanitises {@code html}; relative links resolve against {@code baseUri}. */
    public static String sanitise(String html, String baseUri) {
        Document.OutputSettings settings = new Document.OutputSettings()
                .charset("UTF-8")
                .escapeMode(Entities.EscapeMode.xhtml)
                .prettyPrint(false);
        String clean = Jsoup.clean(html, baseUri, SAFELIST, settings);
        // not Text.clean: trimming each line would flatten <pre> blocks (code, verse)
        return Text.trim(Text.nfc(Text.stripIllegal(clean)));
    }

    /**
     * {@code reference} made absolute against {@code baseUri} exactly as {@link #sanitise} makes a link in a body
     * absolute (jsoup's resolution), so that a URL outside the body cannot mean something else; empty when it cannot
     * be resolved. Absolute URLs come back as written.
     */
    public static String resolve(String reference, String baseUri) {
        Element holder = new Element(Tag.valueOf("img"), baseUri);
        return holder.attr("src", reference).absUrl("src");
    }

    /** Plain text with blank-line paragraphs as HTML: each paragraph a {@code <p>}, single line breaks kept. */
    public static String fromPlainText(String text) {
        // every plain-text body of a cold start comes through here: the paragraphs are found by a scan rather than
        // a regex split and copied straight from the text into one builder, and text that needs no escaping (nearly
        // all of it) skips jsoup's escaper
        int length = text.length();
        StringBuilder out = new StringBuilder(length + length / 16 + 64);
        int from = 0;
        int newline = text.indexOf('\n');
        while (newline >= 0) {
            // what "\n\\s*\n" matches from here: white space up to the last line break of the run
            int end = newline + 1;
            int lastNewline = -1;
            while (end < length && isRegexSpace(text.charAt(end))) {
                if (text.charAt(end) == '\n') {
                    lastNewline = end;
                }
                end++;
            }
            if (lastNewline >= 0) {
                appendParagraph(out, text, from, newline);
                from = lastNewline + 1;
                newline = text.indexOf('\n', from);
            } else {
                newline = text.indexOf('\n', end);
            }
        }
        appendParagraph(out, text, from, length);
        return out.toString();
    }

    /** Appends {@code text} from {@code from} to {@code to}, trimmed as {@link Text#trim} trims, as a paragraph. */
    private static void appendParagraph(StringBuilder out, String text, int from, int to) {
        while (from < to && Text.isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && Text.isSpace(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return;
        }
        out.append("<p>");
        if (needsEscaping(text, from, to)) {
            out.append(Entities.escape(text.substring(from, to)).replace("\n", "<br>"));
        } else {
            for (int newline = text.indexOf('\n', from); newline >= 0 && newline < to;
                    newline = text.indexOf('\n', from)) {
                out.append(text, from, newline).append("<br>");
                from = newline + 1;
            }
            out.append(text, from, to);
        }
        out.append("</p>");
    }

    /** {@code \\s} of a regex: ASCII white space only. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * The ASCII characters {@link Entities#escape(String)} rewrites, as bits: C0 controls other than tab and line
     * breaks, and the five markup characters.
     */
    private static final long ESCAPED_BELOW_64 = 0xFFFFFFFFL & ~(1L << '\t' | 1L << '\n' | 1L << '\r')
            | 1L << '"' | 1L << '&' | 1L << '\'' | 1L << '<' | 1L << '>';

    /**
     * False when {@link Entities#escape(String)} would return this part of {@code text} as it is: it rewrites only C0
     * controls other than tab and line breaks, the five markup characters, the no-break space and some characters
     * outside the BMP, so any surrogate is left to it.
     */
    static boolean needsEscaping(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((char) (c - 0xA1) < Character.MIN_SURROGATE - 0xA1) {
                // U+00A1 to U+D7FF, the range Hindi text is in: one comparison
                continue;
            }
            if (c < 64 ? (ESCAPED_BELOW_64 >>> c & 1) != 0 : c == 0xA0 || Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Plain text as HTML that shows exactly that text, for places that are HTML by convention (RSS
     * {@code <description>}). Outside attributes only {@code &}, {@code <} and {@code >} need references; quotes stay
     * as they are, so text without those three comes back unchanged.
     */
    public static String escapeText(String text) {
        if (text.indexOf('&') < 0 && text.indexOf('<') < 0 && text.indexOf('>') < 0) {
            return text;
        }
        // a document that does not pretty-print: pretty printing would fold and trim the text's spaces
        Document holder = new Document("");
        holder.outputSettings().prettyPrint(false);
        return holder.appendChild(new TextNode(text)).html();
    }

    /** The visible text of an HTML fragment, for summaries made from content. */
    public static String toText(String html) {
        return Text.cleanLine(Jsoup.parse(html).text());
    }
}
