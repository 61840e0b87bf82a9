package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pravah.testing.Client;
import org.pravah.testing.LogCapture;
import org.pravah.testing.ViewsSite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * JSON Feed, OPML, the HTML previews, the shipped images and the filters, over HTTP from the real server on a free
 * loopback port: what a feed reader importing the site, or a person clicking a feed link, gets.
 */
class ViewsServerTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String MEDIA = "http://search.yahoo.com/mrss/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of(
            "rss", "application/rss+xml; charset=utf-8",
            "atom", "application/atom+xml; charset=utf-8",
            "json", "application/feed+json; charset=utf-8");
    /** ज़िला written with the precomposed U+095B, as some keyboards and old files produce it. */
    private static final String ZILA_PRECOMPOSED = "\u095B\u093F\u0932\u093E";
    /** ज़िला as NFC has it: ज + nukta (U+095B is a composition exclusion). */
    private static final String ZILA_DECOMPOSED = "\u091C\u093C\u093F\u0932\u093E";
    /** Every route that takes {@code ?q=} and {@code ?tag=}: the feeds in each format and the feeds' pages. */
    private static final List<String> FILTERED_ROUTES = List.of("/feeds/all.rss", "/feeds/desh.atom",
            "/feeds/videsh/asia.json", "/feeds/all", "/feeds/desh/rajya");
    private static ViewsSite site;

    @BeforeAll
    static void start() {
        site = ViewsSite.start();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /** Content-Type without optional whitespace: Jetty writes its known types as {@code text/html;charset=utf-8}. */
    private static String type(HttpResponse<?> response) {
        return header(response, "Content-Type").replace(" ", "");
    }

    private static String type(String contentType) {
        return contentType.replace(" ", "");
    }

    private static HttpResponse<byte[]> ok(String path) {
        HttpResponse<byte[]> response = site.get(path);
        assertEquals(200, response.statusCode(), path + ": " + Client.text(response));
        return response;
    }

    private static Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    /** The item ids of a feed document in any format, in order. */
    private static List<String> ids(String format, byte[] body) throws Exception {
        List<String> out = new ArrayList<>();
        if (format.equals("json")) {
            JSON.readTree(body).get("items").forEach(i -> out.add(i.get("id").asText()));
            return out;
        }
        Document doc = xml(body);
        NodeList nodes = format.equals("rss") ? doc.getElementsByTagName("guid") : doc.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            out.add(format.equals("rss") ? e.getTextContent().strip()
                    : e.getElementsByTagNameNS(ATOM, "id").item(0).getTextContent().strip());
        }
        return out;
    }

    /** The document's own URL: RSS atom:link rel=self, Atom link rel=self, JSON feed_url. */
    private static String self(String format, byte[] body) throws Exception {
        if (format.equals("json")) {
            return JSON.readTree(body).get("feed_url").asText();
        }
        NodeList links = xml(body).getElementsByTagNameNS(ATOM, "link");
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            if (link.getAttribute("rel").equals("self")) {
                return link.getAttribute("href");
            }
        }
        throw new AssertionError("no self link");
    }

    @Test
    void json_feed_is_served_as_feed_json_with_validators_gzip_and_304() throws Exception {
        HttpResponse<byte[]> response = ok("/feeds/all.json");
        assertEquals(type("application/feed+json; charset=utf-8"), type(response));
        assertEquals("hi", header(response, "Content-Language"));
        assertTrue(header(response, "Cache-Control").contains("max-age=900"));
        String etag = header(response, "ETag");
        assertTrue(etag.startsWith("\""), etag);
        assertEquals("https://jsonfeed.org/version/1.1", JSON.readTree(response.body()).get("version").asText());

        assertEquals(304, site.get("/feeds/all.json", "If-None-Match", etag).statusCode());
        assertEquals(304, site.get("/feeds/all.json", "If-Modified-Since", header(response, "Last-Modified")).statusCode());
        HttpResponse<byte[]> gzip = site.get("/feeds/all.json", "Accept-Encoding", "gzip");
        assertEquals("gzip", header(gzip, "Content-Encoding"));
        assertEquals("Accept-Encoding", header(gzip, "Vary"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertArrayEquals(response.body(), in.readAllBytes());
        }
    }

    @Test
    void every_feed_in_the_opml_lists_answers_200_with_its_media_type() throws Exception {
        for (String format : List.of("", "?format=rss", "?format=atom", "?format=json")) {
            HttpResponse<byte[]> response = ok("/feeds.opml" + format);
            assertEquals(type("text/x-opml; charset=utf-8"), type(response));
            assertFalse(header(response, "ETag").isEmpty());
            NodeList outlines = xml(response.body()).getElementsByTagName("outline");
            int feeds = 0;
            for (int i = 0; i < outlines.getLength(); i++) {
                Element outline = (Element) outlines.item(i);
                if (!outline.hasAttribute("xmlUrl")) {
                    continue;
                }
                feeds++;
                String xmlUrl = outline.getAttribute("xmlUrl");
                String ext = xmlUrl.substring(xmlUrl.lastIndexOf('.') + 1);
                assertEquals(format.isEmpty() ? "rss" : format.substring("?format=".length()), ext, xmlUrl);
                assertEquals(type(TYPES.get(ext)), type(ok(xmlUrl)), xmlUrl);
                assertEquals(type("text/html; charset=utf-8"), type(ok(outline.getAttribute("htmlUrl"))));
            }
            assertEquals(8, feeds, "the all-feed and the seven categories of TestSite.CATEGORIES");
        }
        assertEquals(400, site.get("/feeds.opml?format=xml").statusCode());
    }

    @Test
    void a_feed_url_without_extension_is_its_readable_page() {
        HttpResponse<byte[]> response = ok("/feeds/videsh/asia");
        assertEquals(type("text/html; charset=utf-8"), type(response));
        assertTrue(Client.text(response).contains("दक्षिण एशिया में मानसून की देर से विदाई"));
        assertFalse(header(response, "ETag").isEmpty());
        assertEquals(304, site.get("/feeds/videsh/asia", "If-None-Match", header(response, "ETag")).statusCode());
        assertEquals(200, site.get("/feeds/all").statusCode());
        assertEquals(404, site.get("/feeds/nahin-hai").statusCode());
        assertEquals(404, site.get("/feeds/all?page=9").statusCode());
        assertEquals(404, site.get("/feeds/all.opml").statusCode());
    }

    @Test
    void q_finds_hindi_text_whether_the_nukta_is_precomposed_or_not_in_every_format() throws Exception {
        List<String> expected = List.of(site.url("/articles/local/zila-mela"));
        for (String format : TYPES.keySet()) {
            for (String q : List.of(ZILA_PRECOMPOSED, ZILA_DECOMPOSED)) {
                HttpResponse<byte[]> response = ok("/feeds/all." + format + "?q=" + enc(q));
                assertEquals(expected, ids(format, response.body()), format + " " + q);
            }
            assertEquals(List.of(site.url("/articles/local/open-font")),
                    ids(format, ok("/feeds/all." + format + "?q=DEVANAGARI").body()), "case-insensitive");
            assertEquals(List.of(), ids(format, ok("/feeds/desh." + format + "?q=" + enc("मानसून")).body()),
                    "only within the category");
        }
        String page = Client.text(ok("/feeds/all?q=" + enc(ZILA_PRECOMPOSED)));
        assertTrue(page.contains("/articles/local/zila-mela"), "the page finds what the feeds find");
        assertFalse(page.contains("/articles/local/monsoon-vidai"));
    }

    @Test
    void tag_takes_a_percent_encoded_utf8_hindi_tag_in_every_format() throws Exception {
        String tag = enc("पुस्तक मेला");
        assertEquals("%E0%A4%AA%E0%A5%81%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A4%95%20%E0%A4%AE%E0%A5%87%E0%A4%B2%E0%A4%BE", tag);
        for (String format : TYPES.keySet()) {
            assertEquals(List.of(site.url("/articles/local/zila-mela")),
                    ids(format, ok("/feeds/all." + format + "?tag=" + tag).body()), format);
            assertEquals(List.of(site.url("/articles/local/nepal-vyapar")),
                    ids(format, ok("/feeds/videsh." + format + "?tag=" + enc("नेपाल")).body()), format);
            assertEquals(List.of(), ids(format, ok("/feeds/all." + format + "?tag=" + enc("पुस्तक")).body()),
                    "a tag matches whole, not in part");
        }
    }

    @Test
    void a_control_character_or_noncharacter_in_q_or_tag_is_a_400_naming_the_parameter_and_logs_no_error() {
        try (LogCapture logged = LogCapture.of(Server.class)) {
            // NUL, tab, vertical tab (which trimming would hide), ESC, DEL, C1 NEL, U+FDD0, U+FFFE, U+FFFF, and a
            // NUL after a Hindi word
            List<String> values = List.of("%00", "%09", "%0b", "%1b", "%7F", "%C2%85", "%EF%B7%90", "%EF%BF%BE",
                    "%EF%BF%BF", enc("मेला") + "%00");
            for (String path : FILTERED_ROUTES) {
                for (String name : List.of("q", "tag")) {
                    for (String value : values) {
                        String asked = path + "?" + name + "=" + value;
                        HttpResponse<byte[]> response = site.get(asked);
                        assertEquals(400, response.statusCode(), asked);
                        assertEquals(type("text/plain; charset=utf-8"), type(response), asked);
                        assertTrue(Client.text(response).startsWith("400 — " + name + " "),
                                asked + ": " + Client.text(response));
                    }
                }
            }
            assertEquals(List.of(), logged.messages());
        }
    }

    @Test
    void malformed_percent_encoding_or_bytes_that_are_not_utf8_in_q_or_tag_are_a_400_naming_the_parameter() {
        int port = site.client().port();
        // a bad escape, a lone '%', a cut escape, a lead byte with no continuation, a byte UTF-8 never uses, a cut
        // Devanagari letter, an encoded surrogate, an overlong '/'
        List<String> values = List.of("%zz", "%", "ab%4", "%C3%28", "%FF", "%E0%A4", "%ED%A0%80", "%C0%AF");
        for (String path : FILTERED_ROUTES) {
            for (String name : List.of("q", "tag")) {
                for (String value : values) {
                    String asked = path + "?" + name + "=" + value;
                    Client.Raw response = Client.at(port).rawGet(asked);
                    assertEquals(400, response.status(), asked);
                    assertTrue(response.body().startsWith("400 — " + name + " "), asked + ": " + response.body());
                }
            }
        }
        // well-formed, the same parameters still filter: '+' is a space, escapes may be lower case
        assertEquals(200, Client.at(port).rawGet("/feeds/all.rss?q=%e0%a4%ae%e0%a5%87%e0%a4%b2%e0%a4%be+&tag=x").status());
    }

    @Test
    void limit_out_of_bounds_or_not_a_number_is_refused_with_400_for_every_format_and_the_page() {
        for (String path : List.of("/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json", "/feeds/all")) {
            for (String limit : List.of("0", "201", "abc", "-1", "1.5")) {
                HttpResponse<byte[]> response = site.get(path + "?limit=" + limit);
                assertEquals(400, response.statusCode(), path + "?limit=" + limit);
                assertTrue(Client.text(response).contains("limit"), Client.text(response));
                assertFalse(Client.text(response).contains("Exception"));
            }
            assertEquals(200, site.get(path + "?limit=1").statusCode());
            assertEquals(200, site.get(path + "?limit=200").statusCode());
        }
    }

    @Test
    void filtered_responses_are_valid_feeds_with_their_own_self_link_and_validators() throws Exception {
        String query = "?limit=1&q=" + enc(ZILA_DECOMPOSED) + "&tag=" + enc("बच्चे");
        for (String format : TYPES.keySet()) {
            String path = "/feeds/desh/rajya." + format + query;
            HttpResponse<byte[]> response = ok(path);
            assertEquals(type(TYPES.get(format)), type(response));
            assertEquals(site.url(path), self(format, response.body()));
            assertEquals(1, ids(format, response.body()).size());
            String etag = header(response, "ETag");
            assertFalse(etag.isEmpty());
            assertFalse(header(response, "Last-Modified").isEmpty());
            assertTrue(header(response, "Cache-Control").startsWith("public, max-age="));
            assertEquals(304, site.get(path, "If-None-Match", etag).statusCode());
        }
        JsonNode page2 = JSON.readTree(ok("/feeds/all.json?page=2&limit=2").body());
        assertEquals(site.url("/feeds/all.json?page=2&limit=2"), page2.get("feed_url").asText());
        assertEquals(site.url("/feeds/all.json?page=3&limit=2"), page2.get("next_url").asText());
    }

    @Test
    void the_shipped_icon_and_logo_are_served_as_png_with_long_caching_and_the_feeds_point_at_them() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        for (String path : List.of("/icon.png", "/logo.png")) {
            HttpResponse<byte[]> response = ok(path);
            assertEquals(type("image/png"), type(response));
            assertArrayEquals(png, Arrays.copyOf(response.body(), 8));
            assertTrue(header(response, "Cache-Control").contains("max-age=86400"));
            assertEquals(304, site.get(path, "If-None-Match", header(response, "ETag")).statusCode());
        }
        Document rss = xml(ok("/feeds/all.rss").body());
        Element image = (Element) rss.getElementsByTagName("image").item(0);
        assertEquals(site.url("/logo.png"), image.getElementsByTagName("url").item(0).getTextContent());
        assertEquals("144", image.getElementsByTagName("width").item(0).getTextContent());
        assertEquals(rss.getElementsByTagName("title").item(0).getTextContent(),
                image.getElementsByTagName("title").item(0).getTextContent(), "the channel's title");
        Document atom = xml(ok("/feeds/all.atom").body());
        assertEquals(site.url("/icon.png"), atom.getElementsByTagNameNS(ATOM, "icon").item(0).getTextContent());
        assertEquals(site.url("/logo.png"), atom.getElementsByTagNameNS(ATOM, "logo").item(0).getTextContent());
        for (String url : List.of(image.getElementsByTagName("url").item(0).getTextContent(),
                JSON.readTree(ok("/feeds/all.json").body()).get("icon").asText())) {
            assertEquals(type("image/png"), type(ok(url)));
        }
    }

    @Test
    void an_article_with_an_image_has_a_media_thumbnail_in_rss_and_atom() throws Exception {
        for (String format : List.of("rss", "atom")) {
            NodeList thumbnails = xml(ok("/feeds/desh/rajya." + format).body()).getElementsByTagNameNS(MEDIA, "thumbnail");
            assertEquals(1, thumbnails.getLength(), format);
            assertEquals("https://example.org/img/zila-mela.jpg", ((Element) thumbnails.item(0)).getAttribute("url"));
            assertEquals(0, xml(ok("/feeds/videsh." + format).body()).getElementsByTagNameNS(MEDIA, "thumbnail")
                    .getLength(), "no image, no thumbnail");
        }
    }

    @Test
    void head_requests_get_the_headers_without_a_body() {
        for (String path : List.of("/feeds/all.json", "/feeds.opml", "/feeds/desh", "/icon.png")) {
            HttpResponse<byte[]> head = site.request("HEAD", path);
            assertEquals(200, head.statusCode(), path);
            assertEquals(0, head.body().length, path);
            assertEquals(header(ok(path), "ETag"), header(head, "ETag"), path);
        }
    }
}
