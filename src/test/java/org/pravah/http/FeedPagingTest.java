package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** RFC 5005 paging: following "next" from the first page reaches every article exactly once, in both formats. */
class FeedPagingTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final int ARTICLES = 23;

    @TempDir
    static Path dir;
    static TestSite site;

    @BeforeAll
    static void start() {
        int port = TestSite.freePort();
        site = new TestSite(dir).config(port, "feeds: {itemsPerFeed: 5}\nreload: {watch: false, rescanSeconds: 0}\n");
        for (int i = 0; i < ARTICLES; i++) {
            site.article("n" + i, "समाचार क्रमांक " + i, "desh", "2026-11-%02dT08:00:00+05:30".formatted(1 + i));
        }
        site.start();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void following_next_links_in_atom_reaches_every_article_exactly_once() throws Exception {
        assertEquals(ARTICLES, walk("/feeds/all.atom", true).size());
    }

    @Test
    void following_next_links_in_rss_reaches_every_article_exactly_once() throws Exception {
        assertEquals(ARTICLES, walk("/feeds/desh.rss", false).size());
    }

    @Test
    void middle_page_links_first_previous_next_and_last() throws Exception {
        Document page = parse("/feeds/all.atom?page=2");
        assertEquals(Optional.of(site.url("/feeds/all.atom?page=2")), link(page, "self", true));
        assertEquals(Optional.of(site.url("/feeds/all.atom")), link(page, "first", true));
        assertEquals(Optional.of(site.url("/feeds/all.atom")), link(page, "previous", true));
        assertEquals(Optional.of(site.url("/feeds/all.atom?page=3")), link(page, "next", true));
        assertEquals(Optional.of(site.url("/feeds/all.atom?page=5")), link(page, "last", true));
    }

    @Test
    void the_first_page_has_no_previous_and_the_last_page_has_no_next() throws Exception {
        assertFalse(link(parse("/feeds/all.rss"), "previous", false).isPresent());
        assertFalse(link(parse("/feeds/all.rss?page=5"), "next", false).isPresent());
    }

    @Test
    void a_page_past_the_end_is_not_found() {
        assertEquals(404, site.get("/feeds/all.rss?page=6").statusCode());
    }

    @Test
    void limit_sets_the_page_size_and_is_carried_in_the_paging_links() throws Exception {
        Document page = parse("/feeds/all.atom?limit=10");
        assertEquals(10, page.getElementsByTagNameNS(ATOM, "entry").getLength());
        assertEquals(Optional.of(site.url("/feeds/all.atom?page=2&limit=10")), link(page, "next", true));
    }

    @Test
    void malformed_or_out_of_range_paging_parameters_are_refused_with_400() {
        for (String query : List.of("?page=0", "?page=abc", "?limit=0", "?limit=201", "?limit=-3")) {
            var response = site.get("/feeds/all.rss" + query);
            assertEquals(400, response.statusCode(), query);
            assertFalse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).contains("Exception"));
        }
    }

    @Test
    void a_malformed_escape_in_page_limit_or_archive_is_a_400_naming_the_parameter() {
        for (String name : List.of("page", "limit", "archive")) {
            Client.Raw response = Client.at(site.app().port()).rawGet("/feeds/all.rss?" + name + "=%zz");
            assertEquals(400, response.status(), name);
            assertTrue(response.body().startsWith("400 — " + name + " "), response.body());
        }
    }

    private List<String> walk(String start, boolean atom) throws Exception {
        List<String> ids = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Optional<String> next = Optional.of(site.url(start));
        while (next.isPresent()) {
            String url = next.get();
            assertTrue(visited.add(url), "paging loops back to " + url);
            Document page = parse(url.substring(site.url("").length()));
            NodeList ids0 = atom ? page.getElementsByTagNameNS(ATOM, "id") : page.getElementsByTagName("guid");
            for (int i = 0; i < ids0.getLength(); i++) {
                Element e = (Element) ids0.item(i);
                if (!atom || e.getParentNode().getLocalName().equals("entry")) {
                    ids.add(e.getTextContent());
                }
            }
            next = link(page, "next", atom);
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "an article appeared on two pages");
        return ids;
    }

    private static Optional<String> link(Document feed, String rel, boolean atom) {
        NodeList links = feed.getElementsByTagNameNS(ATOM, "link");
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            String parent = link.getParentNode().getLocalName();
            if (rel.equals(link.getAttribute("rel")) && (atom ? parent.equals("feed") : parent.equals("channel"))) {
                return Optional.of(link.getAttribute("href"));
            }
        }
        return Optional.empty();
    }

    private static Document parse(String path) throws Exception {
        var response = site.get(path);
        assertEquals(200, response.statusCode(), path);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
    }
}
