package org.pravah.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.pravah.article.LanguageTag;
import org.pravah.render.FeedFormat;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks one rendered feed document the way a strict reader or aggregator would: well-formed, the elements each
 * format requires, a language, dates in the format's syntax, ids unique, and not larger than a size limit. It reads
 * only the bytes, so it checks what is served, not what the renderer meant.
 */
final class FeedValidator {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** RFC 3339 §5.6 date-time; {@link OffsetDateTime#parse} alone would also take a missing seconds field. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;

    /** What a check found: the number of items (entries) and every problem, each one sentence. */
    record Result(int items, List<String> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    FeedValidator(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Result validate(FeedFormat format, byte[] bytes) {
        return validate(format.mediaType(), bytes);
    }

    /** By media type, so that a format added to {@link FeedFormat} is checked as soon as its type is known here. */
    Result validate(String mediaType, byte[] bytes) {
        List<String> problems = new ArrayList<>();
        if (bytes.length > maxBytes) {
            problems.add(bytes.length + " bytes, over the limit of " + maxBytes);
        }
        int items;
        if (mediaType.equals("application/rss+xml")) {
            items = parseXml(bytes, problems).map(doc -> rss(doc, problems)).orElse(0);
        } else if (mediaType.equals("application/atom+xml")) {
            items = parseXml(bytes, problems).map(doc -> atom(doc, problems)).orElse(0);
        } else if (mediaType.endsWith("json")) {
            items = jsonFeed(bytes, problems);
        } else {
            // a format this check does not know yet: at least its size is checked
            items = 0;
        }
        return new Result(items, problems);
    }

    // ---- XML ----

    private static Optional<Document> parseXml(byte[] bytes, List<String> problems) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            // a feed has no business declaring a DOCTYPE; refusing it also rules out entity expansion tricks
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return Optional.of(builder.parse(new ByteArrayInputStream(bytes)));
        } catch (SAXParseException e) {
            problems.add("not well-formed XML: " + e.getMessage() + " (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ")");
        } catch (SAXException | IOException e) {
            problems.add("not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
        return Optional.empty();
    }

    private static int rss(Document doc, List<String> problems) {
        Element rss = doc.getDocumentElement();
        if (rss.getNamespaceURI() != null || !rss.getLocalName().equals("rss")) {
            problems.add("the root element is <" + rss.getTagName() + ">, not <rss>");
            return 0;
        }
        if (!rss.getAttribute("version").equals("2.0")) {
            problems.add("<rss version=\"" + rss.getAttribute("version") + "\">, not 2.0");
        }
        List<Element> channels = children(rss, null, "channel");
        if (channels.size() != 1) {
            problems.add("<rss> has " + channels.size() + " <channel> elements, not 1");
            return 0;
        }
        Element channel = channels.get(0);
        for (String name : List.of("title", "link", "description")) {
            if (text(channel, null, name).isEmpty()) {
                problems.add("<channel> has no <" + name + ">");
            }
        }
        language(text(channel, null, "language"), "<channel> has no <language>", problems);
        for (String name : List.of("pubDate", "lastBuildDate")) {
            text(channel, null, name).ifPresent(d -> rfc822(d, "<channel> <" + name + ">", problems));
        }
        boolean self = children(channel, ATOM, "link").stream().anyMatch(l -> l.getAttribute("rel").equals("self"));
        if (!self) {
            problems.add("<channel> has no <atom:link rel=\"self\">");
        }
        List<Element> items = children(channel, null, "item");
        Map<String, Integer> guids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Element item = items.get(i);
            String at = "item " + (i + 1);
            if (text(item, null, "title").isEmpty() && text(item, null, "description").isEmpty()) {
                problems.add(at + " has neither <title> nor <description>");
            }
            text(item, null, "pubDate").ifPresent(d -> rfc822(d, at + " <pubDate>", problems));
            int position = i + 1;
            text(item, null, "guid").ifPresent(guid -> unique(guids, guid, position, "item", "<guid>", problems));
        }
        return items.size();
    }

    private static int atom(Document doc, List<String> problems) {
        Element feed = doc.getDocumentElement();
        if (!ATOM.equals(feed.getNamespaceURI()) || !feed.getLocalName().equals("feed")) {
            problems.add("the root element is <" + feed.getTagName() + ">, not an Atom <feed>");
            return 0;
        }
        String lang = feed.getAttributeNS(XMLConstants.XML_NS_URI, "lang");
        language(lang.isBlank() ? Optional.empty() : Optional.of(lang.strip()), "<feed> has no xml:lang", problems);
        required(feed, "<feed>", problems);
        boolean feedAuthor = !children(feed, ATOM, "author").isEmpty();
        List<Element> entries = children(feed, ATOM, "entry");
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Element entry = entries.get(i);
            String at = "entry " + (i + 1);
            required(entry, at, problems);
            text(entry, ATOM, "published").ifPresent(d -> rfc3339(d, at + " <published>", problems));
            int position = i + 1;
            text(entry, ATOM, "id").ifPresent(id -> unique(ids, id, position, "entry", "<id>", problems));
            if (!feedAuthor && children(entry, ATOM, "author").isEmpty()) {
                problems.add(at + " has no <author>, and neither has the feed");
            }
        }
        return entries.size();
    }

    /** RFC 4287 §4.1.1 and §4.1.2: id, title and updated, on the feed and on every entry. */
    private static void required(Element element, String at, List<String> problems) {
        for (String name : List.of("id", "title", "updated")) {
            Optional<String> value = text(element, ATOM, name);
            if (value.isEmpty()) {
                problems.add(at + " has no <" + name + ">");
            } else if (name.equals("updated")) {
                rfc3339(value.get(), at + " <updated>", problems);
            }
        }
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())
                    && (namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The stripped text of the first such child, empty when there is none or it is blank. */
    private static Optional<String> text(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String value = found.get(0).getTextContent().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    // ---- JSON Feed ----

    private static int jsonFeed(byte[] bytes, List<String> problems) {
        JsonNode feed;
        try {
            feed = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            problems.add("not well-formed JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
            return 0;
        } catch (IOException e) {
            problems.add("not readable JSON: " + e.getMessage());
            return 0;
        }
        if (feed == null || !feed.isObject()) {
            problems.add("the document is not a JSON object");
            return 0;
        }
        if (!string(feed, "version").orElse("").startsWith("https://jsonfeed.org/version/")) {
            problems.add("\"version\" is not a https://jsonfeed.org/version/ URL");
        }
        if (string(feed, "title").isEmpty()) {
            problems.add("the feed has no \"title\"");
        }
        language(string(feed, "language"), "the feed has no \"language\"", problems);
        JsonNode items = feed.get("items");
        if (items == null || !items.isArray()) {
            problems.add("the feed has no \"items\" array");
            return 0;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "item " + (i + 1);
            Optional<String> id = string(item, "id");
            if (id.isEmpty()) {
                problems.add(at + " has no \"id\" string");
            } else {
                unique(ids, id.get(), i + 1, "item", "\"id\"", problems);
            }
            if (string(item, "content_html").isEmpty() && string(item, "content_text").isEmpty()) {
                problems.add(at + " has neither \"content_html\" nor \"content_text\"");
            }
            for (String name : List.of("date_published", "date_modified")) {
                string(item, name).ifPresent(d -> rfc3339(d, at + " \"" + name + "\"", problems));
            }
        }
        return items.size();
    }

    private static Optional<String> string(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    // ---- shared rules ----

    private static void language(Optional<String> tag, String missing, List<String> problems) {
        if (tag.isEmpty()) {
            problems.add(missing);
            return;
        }
        try {
            LanguageTag.parse(tag.get());
        } catch (IllegalArgumentException e) {
            problems.add("language: " + e.getMessage());
        }
    }

    private static void unique(Map<String, Integer> seen, String id, int position, String kind, String what,
                               List<String> problems) {
        Integer first = seen.putIfAbsent(id, position);
        if (first != null) {
            problems.add(kind + " " + position + " repeats the " + what + " of " + kind + " " + first + ": " + id);
        }
    }

    /** RSS 2.0 dates are RFC 822 (with four-digit years, as RFC 1123 has them). */
    private static void rfc822(String value, String what, List<String> problems) {
        try {
            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            problems.add(what + " '" + value + "' is not an RFC 822 date");
        }
    }

    private static void rfc3339(String value, String what, List<String> problems) {
        boolean ok = RFC_3339.matcher(value).matches();
        if (ok) {
            try {
                OffsetDateTime.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                ok = false;
            }
        }
        if (!ok) {
            problems.add(what + " '" + value + "' is not an RFC 3339 date-time");
        }
    }
}
