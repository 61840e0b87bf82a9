package org.pravah.source.upstream;

import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.MediaGroup;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.SAXException;

/**
 * RSS 0.9x/1.0/2.0 and Atom 0.3/1.0, read with Rome. Rome is given a JDOM document that we parsed ourselves, so that
 * three things happen before Rome sees anything:
 * <ol>
 * <li>The bytes are decoded strictly in the encoding Rome's {@link XmlReader} detects from the HTTP
 *     {@code Content-Type}, the BOM and the XML declaration (RFC 3023): bytes that do not fit it are an error with
 *     their offset, not silently replaced.</li>
 * <li>The XML parser refuses any DOCTYPE and resolves no external entity: an upstream can neither make us read
 *     local files or internal URLs (XXE) nor expand entities without end (billion laughs). The cost is that RSS 0.91
 *     files that declare Netscape's DTD are refused too; they are very rare now.</li>
 * <li>Every date is read by {@link UpstreamDates} (IST is India, not Israel) and rewritten in RFC 3339 UTC, which
 *     Rome then reads unambiguously; a date we cannot read is reported and removed, so the item keeps the time we
 *     first saw it instead of a new "now" at every poll.</li>
 * </ol>
 *
 * <p>Why one long class: the three steps above and the mapping of Rome's entries to ours (links, GUIDs, content, Media
 * RSS and enclosure images, authors and dates in each dialect) all decide together what an item becomes; split, a
 * fallback in one would hide a rule of another.
 */
final class XmlFeedReader {
    private static final Set<String> DATE_ELEMENTS = Set.of("pubDate", "lastBuildDate", "date", "published",
            "updated", "issued", "modified", "created");
    /** Namespaces whose date elements we rewrite; a {@code date} element of some other vocabulary is left alone. */
    private static final Set<String> DATE_NAMESPACES = Set.of("", "http://purl.org/rss/1.0/",
            "http://my.netscape.com/rdf/simple/0.9/", "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#",
            "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/");
    private static final Set<String> ITEM_ELEMENTS = Set.of("item", "entry");
    private static final Map<String, String> FORMATS = Map.of("rss_0.9", "RSS 0.90", "rss_0.91N", "RSS 0.91",
            "rss_0.91U", "RSS 0.91", "rss_0.92", "RSS 0.92", "rss_0.93", "RSS 0.93", "rss_0.94", "RSS 0.94",
            "rss_1.0", "RSS 1.0", "rss_2.0", "RSS 2.0", "atom_0.3", "Atom 0.3", "atom_1.0", "Atom 1.0");

    private final ZoneId zone;

    /** @param zone where dates written without any zone are read (the site's zone) */
    XmlFeedReader(ZoneId zone) {
        this.zone = zone;
    }

    ParsedFeed read(byte[] body, String contentType, URI feedUrl, String where) throws UpstreamException {
        String text = decode(body, contentType);
        Document document = parse(text);
        List<String> warnings = new ArrayList<>();
        rewriteDates(document, where, warnings);
        SyndFeed feed;
        try {
            feed = new SyndFeedInput(false, Locale.US).build(document);
        } catch (IllegalArgumentException e) {
            // the root element's name is the document's text, which /status must not show: only what it is
            boolean html = document.getRootElement().getName().equalsIgnoreCase("html");
            throw new UpstreamException("not an RSS or Atom feed (" + (html ? "an HTML page"
                    : "the root element is not rss, rdf:RDF or feed") + ")");
        } catch (FeedException e) {
            throw new UpstreamException("the feed cannot be read as RSS or Atom (" + e.getClass().getSimpleName()
                    + ")");
        }
        String format = FORMATS.getOrDefault(feed.getFeedType(), feed.getFeedType());
        String declared = feed.getLanguage();
        if (declared == null || declared.isBlank()) {
            // Atom says its language with xml:lang, which Rome does not carry over
            declared = document.getRootElement().getAttributeValue("lang", Namespace.XML_NAMESPACE);
        }
        String feedLanguage = UpstreamEntries.language(declared, where + ": the feed", warnings);
        List<UpstreamEntry> entries = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            UpstreamEntries.make(raw(e), feedUrl, feedLanguage, where, warnings).ifPresent(entries::add);
        }
        return new ParsedFeed(format, entries, warnings);
    }

    private static String decode(byte[] body, String contentType) throws UpstreamException {
        String encoding;
        try (XmlReader reader = contentType.isBlank()
                ? new XmlReader(new ByteArrayInputStream(body), true)
                : new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            encoding = reader.getEncoding();
        } catch (UnsupportedEncodingException e) {
            throw unknownEncoding(e.getMessage(), contentType);
        } catch (IOException e) {
            // Rome's message quotes the XML declaration, which is the body's text
            throw new UpstreamException("cannot tell the feed's character encoding: the Content-Type ('" + contentType
                    + "'), the byte order mark and the XML declaration disagree");
        }
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw unknownEncoding(encoding, contentType);
        }
        refuseUtf8LabelledSingleByte(body, charset, contentType);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) Math.ceil(body.length * (double) decoder.maxCharsPerByte()) + 16));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new UpstreamException("the feed's bytes are not valid " + charset.name()
                    + ", the encoding it declares (first bad byte at offset " + in.position()
                    + "); the upstream must fix its charset");
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * UTF-8 labelled ISO-8859-1 or windows-1252 (an old CMS default) decodes without any error, into mojibake
     * ({@code à¤¹à¤¿…} for {@code हि}), which would replace the good titles we keep. Bytes of a single-byte charset
     * are almost never valid UTF-8 by chance once they hold non-ASCII text, so valid multi-byte UTF-8 under such a
     * label is taken for a wrong label. (US-ASCII needs no check: its strict decoding refuses every non-ASCII byte.)
     */
    private static void refuseUtf8LabelledSingleByte(byte[] body, Charset charset, String contentType)
            throws UpstreamException {
        if (charset.equals(StandardCharsets.US_ASCII) || !charset.canEncode()
                || charset.newEncoder().maxBytesPerChar() > 1) {
            return;
        }
        int firstNonAscii = -1;
        for (int i = 0; i < body.length && firstNonAscii < 0; i++) {
            if (body[i] < 0) {
                firstNonAscii = i;
            }
        }
        if (firstNonAscii < 0) {
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return;
        }
        String header = charsetParameter(contentType);
        boolean fromHeader;
        try {
            fromHeader = !header.isEmpty() && Charset.isSupported(header) && Charset.forName(header).equals(charset);
        } catch (IllegalArgumentException e) {
            fromHeader = false;
        }
        throw new UpstreamException((fromHeader ? "its Content-Type" : "its XML declaration") + " says "
                + charset.name() + ", but the feed's bytes are UTF-8 (the first non-ASCII character at offset "
                + firstNonAscii + " is a multi-byte UTF-8 one); read as " + charset.name() + " its text would be "
                + "garbled (mojibake), so it is refused and the kept items stay; the upstream must fix its charset");
    }

    /** The name is quoted only when the Content-Type gave it: one from the XML declaration is the body's text. */
    private static UpstreamException unknownEncoding(String encoding, String contentType) {
        String header = charsetParameter(contentType);
        return new UpstreamException(!header.isEmpty() && header.equalsIgnoreCase(encoding)
                ? "the Content-Type declares the unknown character encoding '" + header + "'"
                : "the feed's XML declaration names a character encoding we do not know");
    }

    /** The {@code charset} parameter of a Content-Type, unquoted; empty when there is none. */
    static String charsetParameter(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).strip().replace("\"", "").replace("'", "");
            }
        }
        return "";
    }

    static final String MAX_DEPTH_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    /** Far deeper than any real feed (HTML content included), far shallower than a thread's stack allows. */
    static final int MAX_DEPTH = 500;

    private static Document parse(String text) throws UpstreamException {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setExpandEntities(false);
        // markup nested thousands deep would make every later tree walk (JDOM, Rome) recurse that deep: stop at the
        // parser, which counts depth without recursing (JDK XML limit jdk.xml.maxElementDepth)
        builder.setProperty(MAX_DEPTH_PROPERTY, Integer.toString(MAX_DEPTH));
        // should a parser ignore the features above, it still gets nothing from outside
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity '" + systemId + "' refused");
        });
        try {
            return builder.build(new StringReader(text));
        } catch (JDOMParseException e) {
            String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            if (message != null && message.contains("maxElementDepth")) {
                throw new UpstreamException("the feed is nested too deeply to read");
            }
            if (message != null && message.contains("DOCTYPE")) {
                throw new UpstreamException("the feed contains a DOCTYPE declaration, which is refused: it could make "
                        + "us read local files (XXE) or expand entities without end (billion laughs)");
            }
            // the parser's own words quote names and text of the document, which /status must not show
            throw new UpstreamException("the XML is malformed at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber());
        } catch (JDOMException | IOException e) {
            throw new UpstreamException("the XML cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void rewriteDates(Document document, String where, List<String> warnings) {
        List<Element> dates = new ArrayList<>();
        for (Element e : document.getDescendants(Filters.element())) {
            if (DATE_ELEMENTS.contains(e.getName()) && DATE_NAMESPACES.contains(e.getNamespaceURI())
                    && e.getChildren().isEmpty()) {
                dates.add(e);
            }
        }
        for (Element e : dates) {
            String raw = e.getTextNormalize();
            if (raw.isEmpty()) {
                continue;
            }
            Optional<Instant> instant = UpstreamDates.parse(raw, zone);
            if (instant.isPresent()) {
                e.setText(instant.get().toString());
            } else {
                e.setText("");
                itemOf(e).ifPresent(item -> warnings.add(where + ": item '" + label(item) + "': " + e.getName()
                        + " '" + raw + "' is not a date we can read; the item keeps the time it was first seen"));
            }
        }
    }

    private static Optional<Element> itemOf(Element e) {
        for (Element p = e.getParentElement(); p != null; p = p.getParentElement()) {
            if (ITEM_ELEMENTS.contains(p.getName())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String label(Element item) {
        for (String name : new String[] {"title", "guid", "id", "link"}) {
            for (Element child : item.getChildren()) {
                if (child.getName().equals(name) && !child.getTextNormalize().isEmpty()) {
                    return UpstreamEntries.abbreviate(child.getTextNormalize(), 60);
                }
            }
        }
        return "(untitled)";
    }

    private static RawEntry raw(SyndEntry e) {
        SyndContent titleEx = e.getTitleEx();
        String title = titleEx != null && titleEx.getValue() != null ? titleEx.getValue() : orEmpty(e.getTitle());
        SyndContent description = e.getDescription();
        SyndContent content = e.getContents().stream()
                .filter(c -> c.getValue() != null && !c.getValue().isBlank())
                .findFirst().orElse(null);
        String author = orEmpty(e.getAuthor());
        if (author.isBlank()) {
            author = e.getAuthors().stream().map(SyndPerson::getName).filter(n -> n != null && !n.isBlank())
                    .findFirst().orElse("");
        }
        List<String> categories = new ArrayList<>();
        for (SyndCategory c : e.getCategories()) {
            if (c.getName() != null) {
                categories.add(c.getName());
            }
        }
        String[] image = image(e);
        String guid = orEmpty(e.getUri());
        return new RawEntry(title.isBlank() ? guid : title, guid, link(e), title, isHtml(titleEx, false),
                description == null ? "" : orEmpty(description.getValue()), isHtml(description, true),
                content == null ? "" : content.getValue(), isHtml(content, true), author,
                instant(e.getPublishedDate()), instant(e.getUpdatedDate()), categories, image[0], image[1], image[2],
                "");
    }

    private static String link(SyndEntry e) {
        if (e.getLink() != null && !e.getLink().isBlank()) {
            return e.getLink();
        }
        for (SyndLink l : e.getLinks()) {
            if ((l.getRel() == null || l.getRel().equals("alternate")) && l.getHref() != null) {
                return l.getHref();
            }
        }
        return "";
    }

    /**
     * Rome marks RSS descriptions with no type and Atom text with {@code text}; RSS puts escaped HTML in its
     * descriptions by convention, so an untyped value counts as HTML where {@code untypedIsHtml}.
     */
    private static boolean isHtml(SyndContent c, boolean untypedIsHtml) {
        if (c == null || c.getType() == null) {
            return untypedIsHtml;
        }
        String type = c.getType().toLowerCase(Locale.ROOT);
        return !(type.equals("text") || type.equals("text/plain"));
    }

    /** url, caption, credit: Media RSS first (content, group, thumbnail), then an image enclosure. */
    private static String[] image(SyndEntry e) {
        for (Module module : e.getModules()) {
            if (module instanceof MediaEntryModule media) {
                List<MediaContent> contents = new ArrayList<>(List.of(media.getMediaContents()));
                for (MediaGroup group : media.getMediaGroups()) {
                    contents.addAll(List.of(group.getContents()));
                }
                for (MediaContent c : contents) {
                    if (isImage(c) && c.getReference() instanceof UrlReference url) {
                        Metadata m = c.getMetadata() != null && hasText(c.getMetadata()) ? c.getMetadata()
                                : media.getMetadata();
                        return new String[] {url.getUrl().toString(), caption(m), credit(m, media.getMetadata())};
                    }
                }
                Metadata m = media.getMetadata();
                if (m != null && m.getThumbnail().length > 0 && m.getThumbnail()[0].getUrl() != null) {
                    Thumbnail t = m.getThumbnail()[0];
                    return new String[] {t.getUrl().toString(), caption(m), credit(m, m)};
                }
            }
        }
        for (SyndEnclosure enclosure : e.getEnclosures()) {
            String type = orEmpty(enclosure.getType()).toLowerCase(Locale.ROOT);
            if (type.startsWith("image/") && enclosure.getUrl() != null) {
                return new String[] {enclosure.getUrl(), "", ""};
            }
        }
        return new String[] {"", "", ""};
    }

    private static boolean isImage(MediaContent c) {
        String medium = orEmpty(c.getMedium()).toLowerCase(Locale.ROOT);
        String type = orEmpty(c.getType()).toLowerCase(Locale.ROOT);
        if (!medium.isEmpty() || !type.isEmpty()) {
            return medium.equals("image") || type.startsWith("image/");
        }
        String url = c.getReference() == null ? "" : c.getReference().toString().toLowerCase(Locale.ROOT);
        return url.matches(".*\\.(jpe?g|png|gif|webp|avif)(\\?.*)?");
    }

    private static boolean hasText(Metadata m) {
        return !orEmpty(m.getTitle()).isBlank() || !orEmpty(m.getDescription()).isBlank() || m.getCredits().length > 0;
    }

    private static String caption(Metadata m) {
        if (m == null) {
            return "";
        }
        String description = orEmpty(m.getDescription());
        return description.isBlank() ? orEmpty(m.getTitle()) : description;
    }

    private static String credit(Metadata m, Metadata fallback) {
        for (Metadata x : new Metadata[] {m, fallback}) {
            if (x != null && x.getCredits().length > 0 && x.getCredits()[0].getName() != null) {
                return x.getCredits()[0].getName();
            }
        }
        return "";
    }

    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
