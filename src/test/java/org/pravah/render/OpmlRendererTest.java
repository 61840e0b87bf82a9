package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.CategoryConfig;
import org.pravah.config.SiteConfig;
import org.pravah.testing.ViewsSite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The OPML subscription list: parsed back, its tree compared with the category tree. */
class OpmlRendererTest {
    private static final String BASE = ViewsSite.BASE;
    @AutoClose
    private static final ViewsSite site = ViewsSite.load();

    private static Element body(FeedFormat format) throws Exception {
        Rendered opml = site.rendered().opml(format);
        assertEquals("text/x-opml; charset=utf-8", opml.contentType());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(opml.bytes()));
        Element root = doc.getDocumentElement();
        assertEquals("opml", root.getTagName());
        assertEquals("2.0", root.getAttribute("version"));
        return (Element) root.getElementsByTagName("body").item(0);
    }

    private static List<Element> outlines(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("outline")) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void the_outline_tree_follows_the_category_tree_with_folders_for_parents() throws Exception {
        List<Element> top = outlines(body(FeedFormat.RSS));
        assertEquals(List.of("सभी समाचार", "देश", "विदेश", "खेल", "तकनीक & <विज्ञान>"),
                top.stream().map(e -> e.getAttribute("text")).toList());
        Element desh = top.get(1);
        assertFalse(desh.hasAttribute("xmlUrl"), "a folder is not a feed");
        List<Element> inDesh = outlines(desh);
        assertEquals(List.of(BASE + "/feeds/desh.rss", BASE + "/feeds/desh/rajya.rss"),
                inDesh.stream().map(e -> e.getAttribute("xmlUrl")).toList());
        assertEquals("राज्य", inDesh.get(1).getAttribute("text"));
        assertEquals("प्रवाह परीक्षण — देश › राज्य", inDesh.get(1).getAttribute("title"));
        Element leaf = top.get(4);
        assertEquals(BASE + "/feeds/takneek.rss", leaf.getAttribute("xmlUrl"), "a leaf is just its feed");
        assertTrue(outlines(leaf).isEmpty());
    }

    @Test
    void every_feed_outline_has_type_urls_language_and_a_hindi_title() throws Exception {
        List<Element> feeds = new ArrayList<>();
        collectFeeds(body(FeedFormat.RSS), feeds);
        assertEquals(1 + site.rendered().snapshot().tree().all().size(), feeds.size(), "the all-feed and each category");
        for (Element feed : feeds) {
            assertEquals("rss", feed.getAttribute("type"));
            assertTrue(feed.getAttribute("xmlUrl").startsWith(BASE + "/feeds/"), feed.getAttribute("xmlUrl"));
            assertTrue(feed.getAttribute("htmlUrl").startsWith(BASE + "/"), feed.getAttribute("htmlUrl"));
            assertEquals("hi", feed.getAttribute("language"));
            assertTrue(feed.getAttribute("title").startsWith("प्रवाह परीक्षण"), feed.getAttribute("title"));
            assertFalse(feed.getAttribute("description").isEmpty());
        }
        assertEquals(BASE + "/feeds/all.rss", feeds.get(0).getAttribute("xmlUrl"));
        assertEquals(BASE + "/", feeds.get(0).getAttribute("htmlUrl"));
        assertEquals(BASE + "/feeds/videsh/asia", feeds.stream()
                .filter(f -> f.getAttribute("xmlUrl").endsWith("/asia.rss")).findFirst().orElseThrow()
                .getAttribute("htmlUrl"));
    }

    @Test
    void each_format_has_its_own_list_with_the_same_tree() throws Exception {
        for (FeedFormat format : FeedFormat.values()) {
            List<Element> feeds = new ArrayList<>();
            collectFeeds(body(format), feeds);
            for (Element feed : feeds) {
                assertTrue(feed.getAttribute("xmlUrl").endsWith("." + format.extension()), feed.getAttribute("xmlUrl"));
            }
            assertEquals(1 + site.rendered().snapshot().tree().all().size(), feeds.size());
        }
    }

    @Test
    void the_list_is_utf8_xml_with_devanagari_as_characters_and_markup_in_labels_escaped() {
        String text = new String(site.rendered().opml(FeedFormat.RSS).bytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), text);
        assertTrue(text.contains("text=\"विदेश\""), text);
        assertFalse(text.contains("&#"), "no numeric character references");
        assertTrue(text.contains("text=\"तकनीक &amp; &lt;विज्ञान&gt;\""), text);
    }

    @Test
    void the_list_is_dated_by_the_newest_article_and_rendered_once_per_snapshot() {
        Rendered opml = site.rendered().opml(FeedFormat.RSS);
        assertTrue(new String(opml.bytes(), StandardCharsets.UTF_8)
                .contains("<dateModified>Sat, 21 Nov 2026 11:30:00 +0530</dateModified>"));
        assertTrue(opml == site.rendered().opml(FeedFormat.RSS), "cached");
    }

    @Test
    void an_emoji_in_a_label_is_written_as_utf8_bytes_not_a_numeric_reference() {
        SiteConfig config = new SiteConfig("प्रवाह 🇮🇳", "", BASE, LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"));
        CategoryTree tree = new CategoryTree(List.of(
                new CategoryConfig("cricket", "क्रिकेट 🏏", "", List.of(), List.of())));
        byte[] bytes = new OpmlRenderer(new FeedSelector(config, SiteLinks.of(config), 10))
                .render(Snapshot.of(tree, List.of()), FeedFormat.RSS).bytes();
        assertTrue(FeedDom.containsUtf8(bytes, "text=\"क्रिकेट 🏏\""), new String(bytes, StandardCharsets.UTF_8));
        assertTrue(FeedDom.containsUtf8(bytes, "<title>प्रवाह 🇮🇳 — सभी फ़ीड</title>"));
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("&#"), "no numeric character references");
    }

    private static void collectFeeds(Element parent, List<Element> out) {
        for (Element e : outlines(parent)) {
            if (e.hasAttribute("xmlUrl")) {
                out.add(e);
            }
            collectFeeds(e, out);
        }
    }
}
