package org.pravah.article;

import java.util.regex.Pattern;
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
    /** Compiled once: String.split would compile it again for every article body. */
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n\\s*\n");

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
        StringBuilder out = new StringBuilder();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            String p = Text.trim(paragraph);
            if (!p.isEmpty()) {
                out.append("<p>").append(Entities.escape(p).replace("\n", "<br>")).append("</p>");
            }
        }
        return out.toString();
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
