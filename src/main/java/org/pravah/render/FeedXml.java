package org.pravah.render;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.EscapeStrategy;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * What RSS and Atom rendering share around Rome: turning Rome's model into a JDOM document we can finish (Rome writes
 * neither {@code xml:lang} nor our date style), the Media RSS image elements, and writing UTF-8 bytes.
 */
final class FeedXml {
    static final Namespace MEDIA = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");
    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    static final Namespace CONTENT = Namespace.getNamespace("content", "http://purl.org/rss/1.0/modules/content/");
    static final Namespace DC = Namespace.getNamespace("dc", "http://purl.org/dc/elements/1.1/");
    /** RFC 5005 feed history. */
    static final Namespace FH = Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");

    private FeedXml() {
    }

    static Document toDocument(WireFeed feed) {
        try {
            return new WireFeedOutput().outputJDom(feed);
        } catch (FeedException e) {
            // our model is built from validated articles; a failure here is a bug, not bad input
            throw new IllegalStateException("Rome could not generate " + feed.getFeedType() + ": " + e.getMessage(), e);
        }
    }

    /**
     * JDOM's strategy for UTF-8 still escapes every character outside the BMP ({@code 🏏} as {@code &#x1f3cf;}, a
     * flag as two references), and readers that do not resolve references (rss-to-json) show them as they are. UTF-8
     * can encode every character XML allows, so nothing needs a reference beyond the markup escapes ({@code &lt;},
     * {@code &amp;}, {@code &quot;}, line ends and tabs in attributes), which JDOM writes whatever the strategy says.
     */
    private static final EscapeStrategy MARKUP_ONLY = ch -> false;

    /**
     * UTF-8 bytes with an explicit declaration. Every character is written as itself (Devanagari, ZWJ/ZWNJ, emoji),
     * and the writer is UTF-8 whatever the platform default is.
     */
    static byte[] toBytes(Document document) {
        Format format = Format.getPrettyFormat()
                .setEncoding("UTF-8")
                // after setEncoding, which replaces the strategy with JDOM's own for the encoding
                .setEscapeStrategy(MARKUP_ONLY)
                .setLineSeparator("\n")
                .setIndent("  ")
                .setTextMode(Format.TextMode.TRIM_FULL_WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new XMLOutputter(format).output(document, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Element text(String name, Namespace ns, String value) {
        return new Element(name, ns).setText(value);
    }

    /** Media RSS {@code media:content} for an article image, with its caption and credit. */
    static Element mediaContent(LeadImage image) {
        Element content = new Element("content", MEDIA)
                .setAttribute("url", image.url().toString())
                .setAttribute("medium", "image");
        image.mediaType().ifPresent(type -> content.setAttribute("type", type));
        if (!image.caption().isEmpty()) {
            content.addContent(text("title", MEDIA, image.caption()).setAttribute("type", "plain"));
        }
        if (!image.credit().isEmpty()) {
            content.addContent(text("credit", MEDIA, image.credit()));
        }
        return content;
    }

    /**
     * Media RSS {@code media:thumbnail} beside {@code media:content}: the element readers such as Feedly and Inoreader
     * take a list picture from. The article has one image, so the thumbnail is the same URL.
     */
    static Element mediaThumbnail(LeadImage image) {
        return new Element("thumbnail", MEDIA).setAttribute("url", image.url().toString());
    }
}
