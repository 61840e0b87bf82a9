package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.Client;
import org.pravah.testing.MiniSite;
import org.pravah.testing.TestSite;

/**
 * The pages a person opens in a browser, as the real server on 127.0.0.1 sends them for {@link MiniSite}: their
 * security headers, the copy buttons beside feed addresses, {@code /status}, the 404 page and {@code /favicon.ico}.
 */
class SitePagesServerTest extends ServedMiniSite {
    /** What Chromium sends for a page it navigates to. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
            + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    static final List<String> PAGES = List.of("/", "/feeds/desh", "/feeds/all?q=%E0%A4%AC",
            "/articles/local/desh/rajya/suraksha-jaanch", "/status");


    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static Document html(HttpResponse<byte[]> response) {
        String type = Client.header(response, "Content-Type");
        assertTrue(type.startsWith("text/html"), type);
        return Jsoup.parse(text(response), baseUrl + "/");
    }

    private static void assertPageHeaders(String what, HttpResponse<byte[]> response) {
        String csp = Client.header(response, "Content-Security-Policy");
        assertNotNull(csp, what + ": no Content-Security-Policy");
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "base-uri 'none'",
                "frame-ancestors 'none'", "form-action 'self'")) {
            assertTrue(csp.contains(directive), what + " lacks " + directive + ": " + csp);
        }
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + ": " + csp);
        assertTrue(csp.matches(".*style-src 'sha256-[A-Za-z0-9+/]{43}=';.*"), what + ": " + csp);
        assertEquals("nosniff", Client.header(response, "X-Content-Type-Options"), what);
        assertEquals("strict-origin-when-cross-origin", Client.header(response, "Referrer-Policy"), what);
    }

    @Test
    void every_html_page_sends_a_strict_content_security_policy_nosniff_and_a_referrer_policy() {
        for (String path : PAGES) {
            HttpResponse<byte[]> response = http.get(path, "Accept", BROWSER_ACCEPT);
            assertEquals(200, response.statusCode(), path);
            assertPageHeaders(path, response);
            String etag = Client.header(response, "ETag");
            if (etag != null) {
                assertPageHeaders("304 of " + path, http.get(path, "If-None-Match", etag));
            }
        }
    }

    @Test
    void the_policy_allows_the_pages_own_style_element_by_its_hash() throws Exception {
        HttpResponse<byte[]> response = http.get("/");
        String style = html(response).selectFirst("head style").data();
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(style.getBytes(StandardCharsets.UTF_8)));
        assertTrue(Client.header(response, "Content-Security-Policy").contains("style-src 'sha256-" + hash + "'"));
    }

    @Test
    void feeds_and_short_answers_say_nosniff_but_carry_no_page_policy() {
        for (String path : List.of("/feeds/all.rss", "/feeds/desh.atom?q=x", "/feeds.opml", "/health", "/metrics",
                "/feeds/nahin.rss", "/icon.png")) {
            HttpResponse<byte[]> response = http.get(path);
            assertEquals("nosniff", Client.header(response, "X-Content-Type-Options"), path);
            assertNull(Client.header(response, "Content-Security-Policy"), path);
        }
        HttpResponse<byte[]> json = http.get("/status", "Accept", "application/json");
        assertEquals("nosniff", Client.header(json, "X-Content-Type-Options"));
        assertNull(Client.header(json, "Content-Security-Policy"));
    }

    @Test
    void a_feed_page_shows_each_address_with_a_copy_button_and_loads_the_copy_script_from_this_site() {
        Document page = html(http.get("/feeds/desh/rajya", "Accept", BROWSER_ACCEPT));
        assertEquals(baseUrl + "/feeds/desh/rajya.atom", page.selectFirst("input#url-atom[readonly]").val());
        assertEquals("कॉपी करें", page.selectFirst("button[data-copy=url-atom]").text());
        String script = page.selectFirst("script[src]").attr("src");
        assertEquals(baseUrl + "/assets/copy.js", script);

        HttpResponse<byte[]> js = http.get("/assets/copy.js");
        assertEquals(200, js.statusCode());
        assertEquals("text/javascript; charset=utf-8",
                Client.header(js, "Content-Type").replace(";charset", "; charset"));
        assertTrue(text(js).contains("navigator.clipboard"), text(js));
        assertTrue(Client.header(js, "Cache-Control").startsWith("public, max-age="));
        assertEquals(304, http.get("/assets/copy.js", "If-None-Match", Client.header(js, "ETag")).statusCode());
        assertEquals(404, http.get("/assets/nahin.js").statusCode());
    }

    @Test
    void favicon_ico_is_the_shipped_icon_with_validators() {
        HttpResponse<byte[]> favicon = http.get("/favicon.ico");
        assertEquals(200, favicon.statusCode());
        assertEquals("image/png", Client.header(favicon, "Content-Type"));
        assertArrayEquals(http.get("/icon.png").body(), favicon.body());
        assertTrue(Client.header(favicon, "Cache-Control").contains("max-age=86400"));
        assertEquals(304, http.get("/favicon.ico", "If-None-Match", Client.header(favicon, "ETag")).statusCode());
    }

    @Test
    void favicon_ico_of_a_site_with_its_own_icon_sends_the_browser_there(@TempDir Path dir) throws Exception {
        try (TestSite site = new TestSite(dir)) {
            site.config(TestSite.freePort(), "");
            String config = Files.readString(site.config(), StandardCharsets.UTF_8);
            site.write("feeds-config.yaml", config.replace("  language: hi\n",
                    "  language: hi\n  icon: https://cdn.example.org/chitra/pratik.png\n"));
            site.start();
            HttpResponse<byte[]> favicon = site.get("/favicon.ico");
            assertEquals(302, favicon.statusCode());
            assertEquals("https://cdn.example.org/chitra/pratik.png", Client.header(favicon, "Location"));
        }
    }

    @Test
    void a_browser_asking_for_a_missing_page_gets_the_sites_404_page_with_a_way_home() {
        for (String path : List.of("/koi/pata", "/articles/local/desh/nahin-hai", "/feeds/nahin-hai",
                "/feeds/desh?page=99", "/icon.gif")) {
            HttpResponse<byte[]> response = http.get(path, "Accept", BROWSER_ACCEPT);
            assertEquals(404, response.statusCode(), path);
            assertPageHeaders(path, response);
            assertEquals("hi", Client.header(response, "Content-Language"), path);
            Document page = html(response);
            assertEquals("hi", page.selectFirst("html").attr("lang"));
            assertEquals("पृष्ठ नहीं मिला", page.selectFirst("h1").text(), path);
            assertEquals(baseUrl + "/", page.selectFirst("nav.crumbs a").attr("href"), "the site's own header");
            List<String> links = page.select("main a").eachAttr("href");
            assertTrue(links.contains(baseUrl + "/") && links.contains(baseUrl + "/#feeds"), links.toString());
            assertNotNull(page.selectFirst("head style"), "the site's look");
            assertNotNull(page.selectFirst("footer"));
        }
        HttpResponse<byte[]> head = http.head("/koi/pata", "Accept", BROWSER_ACCEPT);
        assertEquals(404, head.statusCode());
        assertTrue(Client.header(head, "Content-Type").startsWith("text/html"));
        assertEquals(0, head.body().length);
    }

    @Test
    void the_404_page_does_not_repeat_the_path_it_was_asked_for() {
        String page = text(http.get("/%3Cscript%3Ealert(1)%3C/script%3E/%22onmouseover=%22x",
                "Accept", BROWSER_ACCEPT));
        assertTrue(page.contains("पृष्ठ नहीं मिला"), page);
        assertFalse(page.contains("alert") || page.contains("onmouseover") || page.contains("%3C"), page);
    }

    @Test
    void feeds_the_api_health_metrics_and_clients_not_asking_for_html_keep_their_short_answers() {
        for (String path : List.of("/feeds/nahin.rss", "/feeds/all.rss?page=99", "/feeds/desh.atom?page=99",
                "/health/nahin", "/metrics/nahin")) {
            HttpResponse<byte[]> response = http.get(path, "Accept", BROWSER_ACCEPT);
            assertEquals(404, response.statusCode(), path);
            assertTrue(Client.header(response, "Content-Type").startsWith("text/plain"), path);
            assertTrue(text(response).startsWith("404 — "), path);
        }
        HttpResponse<byte[]> api = http.get("/api/articles/nahin", "Accept", BROWSER_ACCEPT);
        assertEquals(404, api.statusCode());
        assertTrue(Client.header(api, "Content-Type").startsWith("application/problem+json"));
        for (String accept : new String[] {null, "*/*", "text/plain", "text/plain, text/html;q=0.5"}) {
            HttpResponse<byte[]> response = accept == null ? http.get("/koi/pata")
                    : http.get("/koi/pata", "Accept", accept);
            assertEquals(404, response.statusCode(), accept);
            assertTrue(Client.header(response, "Content-Type").startsWith("text/plain"), accept);
        }
    }

    @Test
    void a_client_asking_for_json_gets_the_short_404_which_never_repeats_the_path_it_asked_for() {
        HttpResponse<byte[]> response = http.get("/koi/pata/%3Cb%3Eनहीं", "Accept", "application/json");
        assertEquals(404, response.statusCode());
        assertTrue(Client.header(response, "Content-Type").startsWith("text/plain"));
        assertEquals("404 — यह पृष्ठ नहीं मिला (not found)", text(response).strip());
    }

    @Test
    void status_is_a_page_of_the_site_with_hindi_headings_and_stays_json_for_monitoring() {
        HttpResponse<byte[]> response = http.get("/status", "Accept", BROWSER_ACCEPT);
        Document page = html(response);
        assertEquals("no-store", Client.header(response, "Cache-Control"));
        assertEquals("स्रोतों की स्थिति", page.selectFirst("h1").text());
        assertEquals(baseUrl + "/", page.selectFirst("header nav.crumbs a").attr("href"));
        assertTrue(page.select("thead th").eachText().containsAll(List.of("स्रोत", "पिछली त्रुटि", "अगला प्रयास")));
        assertEquals(List.of("local", "directory", "ठीक"),
                page.selectFirst("tbody tr").children().eachText().subList(0, 3));
        assertEquals(page.selectFirst("head style").data(), html(http.get("/")).selectFirst("head style").data());
        assertEquals(1, page.select("footer").size());

        HttpResponse<byte[]> json = http.get("/status", "Accept", "application/json");
        assertTrue(Client.header(json, "Content-Type").startsWith("application/json"));
        assertTrue(text(json).startsWith("{\n  \"sources\" : [ {\n    \"name\" : \"local\""), text(json));
    }

    /** The words of the site's own menus and headings on each kind of page, as a person reads them. */
    private static List<String> menusAndHeadings(Client http) {
        Document home = html(http.get("/", "Accept", BROWSER_ACCEPT));
        Document category = html(http.get("/feeds/khel", "Accept", BROWSER_ACCEPT));
        Document article = html(http.get(home.selectFirst("main li a").attr("href").replaceFirst("^http://[^/]+", ""),
                "Accept", BROWSER_ACCEPT));
        Document status = html(http.get("/status", "Accept", BROWSER_ACCEPT));
        Document stats = html(http.get("/stats", "Accept", BROWSER_ACCEPT));
        Document missing = html(http.get("/koi/pata", "Accept", BROWSER_ACCEPT));
        return List.of(home.selectFirst("a.skip").text(), home.select("main h2").eachText().toString(),
                home.selectFirst("footer a[type=text/x-opml]").text(),
                category.selectFirst("nav.crumbs").attr("aria-label"), category.select("main h2").eachText().toString(),
                category.selectFirst("label[for=q]").text(), category.selectFirst("button[data-copy]").text(),
                category.selectFirst("nav[aria-label] p").text(),
                article.selectFirst("p.meta").text().replaceAll("[0-9]", "#"), article.selectFirst("p.tags").text(),
                status.selectFirst("h1").text(), status.select("thead th").eachText().toString(),
                status.selectFirst("tbody td:nth-of-type(2)").text(),
                stats.selectFirst("h1").text(), stats.selectFirst("main p").text().substring(0, 20),
                missing.selectFirst("h1").text(), missing.select("main li").eachText().toString());
    }

    private static TestSite siteIn(Path dir, String language) throws Exception {
        TestSite site = new TestSite(dir).config(0, "");
        Files.writeString(site.config(), Files.readString(site.config(), StandardCharsets.UTF_8)
                .replace("language: hi", "language: " + language), StandardCharsets.UTF_8);
        site.write("articles/ball.json", """
                {"title": "Ball", "categories": ["khel"], "published": "2026-11-20T09:00:00+05:30", "tags": ["T20"],
                 "body": "पहला अनुच्छेद।"}
                """);
        return site;
    }

    /** The menus and headings of a site in {@code language}, started in {@code dir}. */
    private static List<String> menusAndHeadingsIn(Path dir, String language) throws Exception {
        try (TestSite site = siteIn(dir, language)) {
            site.start();
            return menusAndHeadings(Client.of(site.app()));
        }
    }

    @Test
    void a_site_in_english_shows_its_menus_and_headings_in_english_on_every_page(@TempDir Path dir) throws Exception {
        assertEquals(List.of("Skip to the main content", "[How to subscribe, Feeds, Latest news]",
                "All feeds (OPML)", "You are here", "[Subscribe to this feed, Articles]", "Search this feed",
                "Copy", "Subcategories: क्रिकेट", "## November ####, ##:## · खेल", "Tags: #T20",
                "Source status", "[Source, Type, State, Last attempt, Last success, HTTP, Items, Last error, "
                        + "Next attempt]", "ok", "Readers and polling", "Subscribers of every",
                "Page not found", "[Go to the home page, The list of all feeds, All news]"),
                menusAndHeadingsIn(dir, "en"));
    }

    @Test
    void a_site_in_hindi_keeps_its_hindi_menus_and_headings(@TempDir Path dir) throws Exception {
        assertEquals(List.of("मुख्य सामग्री पर जाएँ", "[सदस्यता कैसे लें, फ़ीड, ताज़ा समाचार]", "सभी फ़ीड (OPML)",
                "आप यहाँ हैं", "[इस फ़ीड की सदस्यता लें, लेख]", "इस फ़ीड में खोजें", "कॉपी करें",
                "उप-श्रेणियाँ: क्रिकेट", "## नवंबर ####, ##:## · खेल", "टैग: #T20", "स्रोतों की स्थिति",
                "[स्रोत, प्रकार, स्थिति, पिछला प्रयास, पिछली सफलता, HTTP, लेख, पिछली त्रुटि, अगला प्रयास]", "ठीक",
                "पाठक और पोलिंग", "हर फ़ीड के ग्राहक (स", "पृष्ठ नहीं मिला",
                "[मुखपृष्ठ पर जाएँ, सारी फ़ीड की सूची, सभी समाचार]"),
                menusAndHeadingsIn(dir, "hi"));
    }

    @Test
    void a_site_in_a_language_without_messages_of_its_own_is_shown_in_english(@TempDir Path dir) throws Exception {
        List<String> words = menusAndHeadingsIn(dir, "mr");
        assertEquals("Skip to the main content", words.get(0));
        assertEquals("Page not found", words.get(15));
    }

    @Test
    void a_site_in_english_words_its_feeds_and_opml_in_english(@TempDir Path dir) throws Exception {
        TestSite site = siteIn(dir, "en");
        try (site) {
            site.write("articles/pitch.json", """
                    {"title": "Pitch", "categories": ["khel"], "published": "2026-11-21T09:00:00+05:30",
                     "body": "पहला अनुच्छेद।", "image": {"url": "https://example.org/pitch.jpg", "credit": "Pravah"}}
                    """);
            site.start();
            Client http = Client.of(site.app());
            String opml = text(http.get("/feeds.opml"));
            assertTrue(opml.contains("<title>परीक्षण समाचार — all feeds</title>"), opml);
            assertTrue(opml.contains("text=\"All news\""), opml);
            assertTrue(opml.contains("description=\"खेल: the latest news of परीक्षण समाचार\""), opml);
            String json = text(http.get("/feeds/all.json?q=Pitch&tag=T20"));
            assertTrue(json.contains("— Search: “pitch” — Tag: t20\""), json);
            assertTrue(json.contains("\"user_comment\": \"This is a JSON Feed; add its URL to a feed reader.\""),
                    json);
            assertTrue(text(http.get("/feeds/all.json")).contains("<figcaption>Picture: Pravah</figcaption>"));
        }
    }
}
