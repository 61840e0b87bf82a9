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
        // a regex split, and text that needs no escaping (nearly all of it) skips jsoup's escaper
        StringBuilder out = new StringBuilder(text.length() + 64);
        int length = text.length();
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
                appendParagraph(out, text.substring(from, newline));
                from = lastNewline + 1;
                newline = text.indexOf('\n', from);
            } else {
                newline = text.indexOf('\n', end);
            }
        }
        appendParagraph(out, text.substring(from));
        return out.toString();
    }

    private static void appendParagraph(StringBuilder out, String paragraph) {
        String p = Text.trim(paragraph);
        if (!p.isEmpty()) {
            String escaped = needsEscaping(p) ? Entities.escape(p) : p;
            out.append("<p>").append(escaped.replace("\n", "<br>")).append("</p>");
        }
    }

    /** {@code \\s} of a regex: ASCII white space only. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * False when {@link Entities#escape(String)} would return {@code text} as it is: it rewrites only C0 controls
     * other than tab and line breaks, the five markup characters, the no-break space and some characters outside
     * the BMP, so any surrogate is left to it.
     */
    static boolean needsEscaping(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r'
                    : c == '"' || c == '&' || c == '\'' || c == '<' || c == '>' || c == '\u00A0'
                            || Character.isSurrogate(c)) {
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
