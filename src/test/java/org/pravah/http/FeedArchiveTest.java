package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** RFC 5005 archives: complete, stable blocks counted from the oldest article, marked and cached long. */
class FeedArchiveTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String FH = "http://purl.org/syndication/history/1.0";

    @TempDir
    Path dir;
    private TestSite site;

    @BeforeEach
    void start() {
        site = new TestSite(dir).config(TestSite.freePort(), "feeds: {itemsPerFeed: 4}\nreload: {watch: true, rescanSeconds: 0}\n");
        for (int i = 0; i < 11; i++) {
            site.article("n" + i, "पुरानी ख़बर " + i, "desh", "2026-11-%02dT08:00:00+05:30".formatted(1 + i));
        }
        site.start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void the_subscription_document_links_the_newest_archive_and_archives_reach_every_older_article() throws Exception {
        Document current = parse("/feeds/all.atom");
        assertEquals(Optional.of(site.url("/feeds/all.atom?archive=2")), link(current, "prev-archive"));
        Set<String> ids = new HashSet<>(entryIds(current));
        Optional<String> previous = link(current, "prev-archive");
        int archives = 0;
        while (previous.isPresent()) {
            Document archive = parse(previous.get().substring(site.url("").length()));
            assertEquals(previous, link(archive, "self"), "an archive names itself");
            assertEquals(1, archive.getElementsByTagNameNS(FH, "archive").getLength(), "marked fh:archive");
            assertEquals(Optional.of(site.url("/feeds/all.atom")), link(archive, "current"));
            ids.addAll(entryIds(archive));
            previous = link(archive, "prev-archive");
            archives++;
        }
        assertEquals(2, archives);
        assertEquals(11, ids.size(), "every article is in the subscription document or an archive");
    }

    @Test
    void an_archive_keeps_its_bytes_when_new_articles_arrive() {
        String before = site.get("/feeds/all.rss?archive=1").headers().firstValue("ETag").orElseThrow();
        site.article("n11", "नई ख़बर", "desh", "2026-11-29T08:00:00+05:30");
        TestSite.waitUntil(Duration.ofSeconds(10), "new article", () -> site.getText("/feeds/all.rss").contains("नई ख़बर"));
        assertEquals(before, site.get("/feeds/all.rss?archive=1").headers().firstValue("ETag").orElseThrow());
        assertTrue(site.getText("/feeds/all.rss?archive=3").contains("पुरानी ख़बर 11") == false);
    }

    @Test
    void archives_are_cached_longer_than_the_live_feed() {
        String archive = site.get("/feeds/all.rss?archive=1").headers().firstValue("Cache-Control").orElseThrow();
        String live = site.get("/feeds/all.rss").headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(archive.contains("max-age=86400"), archive);
        assertTrue(live.contains("max-age=900"), live);
    }

    @Test
    void an_archive_that_does_not_exist_yet_is_not_found_and_archive_takes_no_filters() {
        assertEquals(404, site.get("/feeds/all.rss?archive=3").statusCode());
        assertEquals(400, site.get("/feeds/all.rss?archive=1&q=ख़बर").statusCode());
        assertEquals(400, site.get("/feeds/all.rss?archive=0").statusCode());
        assertFalse(site.getText("/feeds/all.rss").contains("fh:archive"));
    }

    private static java.util.List<String> entryIds(Document feed) {
        java.util.List<String> out = new java.util.ArrayList<>();
        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            out.add(((Element) entries.item(i)).getElementsByTagNameNS(ATOM, "id").item(0).getTextContent());
        }
        return out;
    }

    private static Optional<String> link(Document feed, String rel) {
        NodeList links = feed.getDocumentElement().getChildNodes();
        for (int i = 0; i < links.getLength(); i++) {
            if (links.item(i) instanceof Element link && "link".equals(link.getLocalName())
                    && rel.equals(link.getAttribute("rel"))) {
                return Optional.of(link.getAttribute("href"));
            }
        }
        return Optional.empty();
    }

    private Document parse(String path) throws Exception {
        var response = site.get(path);
        assertEquals(200, response.statusCode(), path + ": " + new String(response.body(), StandardCharsets.UTF_8));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
    }
}
