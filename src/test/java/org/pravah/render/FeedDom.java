package org.pravah.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Reads feed bytes the way a strict XML reader does: namespace-aware, fatal on any well-formedness error. */
public final class FeedDom {
    public static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    public static final String DC = "http://purl.org/dc/elements/1.1/";
    public static final String MEDIA = "http://search.yahoo.com/mrss/";
    public static final String XML = XMLConstants.XML_NS_URI;

    private FeedDom() {
    }

    /** Parses {@code bytes}; the encoding comes from the XML declaration, never from the platform. */
    public static Document parse(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Every element named {@code ns}:{@code local} in document order ({@code ns} null: no namespace). */
    public static List<Element> elements(Document doc, String ns, String local) {
        NodeList list = ns == null ? doc.getElementsByTagName(local) : doc.getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (ns != null || e.getNamespaceURI() == null) {
                out.add(e);
            }
        }
        return out;
    }

    /** The text of every element named {@code ns}:{@code local}, in document order. */
    public static List<String> texts(Document doc, String ns, String local) {
        return elements(doc, ns, local).stream().map(Element::getTextContent).toList();
    }

    /** The direct children of {@code parent} named {@code ns}:{@code local}. */
    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())
                    && (ns == null ? e.getNamespaceURI() == null : ns.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * True if {@code bytes} hold {@code text} as UTF-8, character for character: an emoji as its four bytes, not as a
     * {@code &#x1f3cf;} reference, which a reader that does not resolve references shows as it is.
     */
    public static boolean containsUtf8(byte[] bytes, String text) {
        // Latin-1 maps each byte to one char, so this finds the UTF-8 bytes wherever they stand
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    public static String childText(Element parent, String ns, String local) {
        List<Element> found = children(parent, ns, local);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }
}
