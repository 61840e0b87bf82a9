package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.pravah.testing.ViewsSite;

/** The HTML pages as a browser and an assistive tool read them, parsed with jsoup. */
class HtmlPagesTest {
    private static final String BASE = ViewsSite.BASE;
    @AutoClose
    private static final ViewsSite site = ViewsSite.load();

    private static Document parse(Rendered page) {
        assertEquals("text/html; charset=utf-8", page.contentType());
        return Jsoup.parse(new String(page.bytes(), StandardCharsets.UTF_8), BASE + "/");
    }

    private static Document index() {
        return parse(site.rendered().index());
    }

    private static Document preview(String path, FeedQuery query) {
        return parse(site.rendered().preview(path, query).orElseThrow());
    }

    private static Document article(String id) {
        return parse(site.rendered().article("local/" + id).orElseThrow());
    }

    private static List<String> alternates(Document doc, String type) {
        return doc.select("head link[rel=alternate][type=" + type + "]").eachAttr("href");
    }

    @Test
    void every_page_is_hindi_utf8_with_a_title_landmarks_and_one_h1() {
        for (Document doc : List.of(index(), preview("videsh/asia", FeedQuery.FIRST_PAGE),
                preview("all", FeedQuery.FIRST_PAGE), article("zila-mela"))) {
            assertEquals("hi", doc.selectFirst("html").attr("lang"));
            assertEquals("utf-8", doc.selectFirst("head meta[charset]").attr("charset"));
            assertNotNull(doc.selectFirst("head meta[name=viewport]"));
            assertFalse(doc.title().isBlank());
            assertNotNull(doc.selectFirst("header"));
            assertNotNull(doc.selectFirst("main#main"));
            assertNotNull(doc.selectFirst("footer"));
            assertEquals(1, doc.select("h1").size(), doc.title());
            assertEquals("#main", doc.selectFirst("a.skip").attr("href"));
            assertTrue(doc.selectFirst("style").data().contains("Noto Sans Devanagari"));
        }
    }

    @Test
    void pages_request_nothing_from_other_hosts() {
        for (Document doc : List.of(index(), preview("desh", FeedQuery.FIRST_PAGE), article("chunav-script"))) {
            assertTrue(doc.select("link[rel=stylesheet], iframe, object, embed").isEmpty());
            for (Element link : doc.select("head link[href], script[src]")) {
                assertTrue(link.absUrl(link.hasAttr("src") ? "src" : "href").startsWith(BASE + "/"), link.outerHtml());
            }
            String style = doc.select("style").html();
            assertFalse(style.contains("@import") || style.contains("url("), style);
        }
    }

    @Test
    void pages_hold_no_inline_script_or_event_handler_which_their_content_security_policy_would_block() {
        for (Document doc : List.of(index(), preview("videsh/asia", FeedQuery.FIRST_PAGE),
                preview("all", FeedQuery.parse(null, null, "मेले", null)), article("zila-mela"))) {
            assertTrue(doc.select("script:not([src])").isEmpty(), doc.title());
            for (Element e : doc.getAllElements()) {
                e.attributes().forEach(a -> assertFalse(a.getKey().startsWith("on"),
                        doc.title() + ": " + e.outerHtml()));
                assertFalse(e.hasAttr("style"), doc.title() + ": " + e.outerHtml());
            }
            assertEquals(1, doc.select("style").size(), "one style element, the one the policy names by hash");
        }
    }

    @Test
    void the_index_links_every_feed_in_every_format_and_the_opml_lists() {
        Document doc = index();
        assertEquals(List.of(BASE + "/feeds/all.rss"), alternates(doc, "application/rss+xml"));
        assertEquals(List.of(BASE + "/feeds/all.atom"), alternates(doc, "application/atom+xml"));
        assertEquals(List.of(BASE + "/feeds/all.json"), alternates(doc, "application/feed+json"));
        List<String> hrefs = doc.select("main a[href]").eachAttr("href");
        for (String path : List.of("all", "desh", "desh/rajya", "videsh", "videsh/asia", "takneek")) {
            for (FeedFormat f : FeedFormat.values()) {
                assertTrue(hrefs.contains(BASE + "/feeds/" + path + "." + f.extension()), path + "." + f.extension());
            }
            assertTrue(hrefs.contains(BASE + "/feeds/" + path), "the preview of " + path);
        }
        assertTrue(hrefs.contains(BASE + "/feeds.opml"));
        assertTrue(hrefs.contains(BASE + "/feeds.opml?format=atom"));
        assertTrue(hrefs.contains(BASE + "/feeds.opml?format=json"));
        Element rajya = doc.selectFirst("a[href=\"" + BASE + "/feeds/desh/rajya.atom\"]");
        assertEquals("देश › राज्य: Atom 1.0 फ़ीड", rajya.attr("aria-label"), "links say whose feed they are");
        assertNotNull(doc.selectFirst("ul.tree ul.tree a[href=\"" + BASE + "/feeds/videsh/asia\"]"), "children nested");
    }

    @Test
    void a_preview_advertises_its_own_feeds_first_and_shows_them_to_copy() {
        Document doc = preview("videsh/asia", FeedQuery.FIRST_PAGE);
        assertEquals(List.of(BASE + "/feeds/videsh/asia.rss"), alternates(doc, "application/rss+xml"));
        assertEquals(List.of(BASE + "/feeds/videsh/asia.json"), alternates(doc, "application/feed+json"));
        for (FeedFormat f : FeedFormat.values()) {
            Element input = doc.selectFirst("input#url-" + f.extension());
            assertEquals(BASE + "/feeds/videsh/asia." + f.extension(), input.val());
            assertTrue(input.hasAttr("readonly"));
            assertEquals(f.label(), doc.selectFirst("label[for=url-" + f.extension() + "]").text());
        }
        assertEquals("विदेश › एशिया", doc.selectFirst("h1").text());
        assertEquals(List.of(BASE + "/", BASE + "/feeds/videsh"), doc.select("nav.crumbs a").eachAttr("href"));
    }

    @Test
    void a_preview_offers_a_copy_button_beside_each_address_which_only_its_script_reveals() {
        Document doc = preview("all", FeedQuery.parse(null, null, "मेले", null));
        for (FeedFormat f : FeedFormat.values()) {
            Element input = doc.selectFirst("input#url-" + f.extension());
            Element button = input.parent().selectFirst("button");
            assertEquals("button", button.attr("type"));
            assertEquals("url-" + f.extension(), button.attr("data-copy"));
            assertTrue(button.hasAttr("hidden"), "without script there is nothing to press: " + button.outerHtml());
            assertEquals("कॉपी करें", button.text());
            assertEquals("कॉपी हो गया", button.attr("data-done"));
            assertFalse(button.attr("data-failed").isEmpty());
        }
        assertEquals(List.of(BASE + "/assets/copy.js"), doc.select("script[src][defer]").eachAttr("src"));
        assertTrue(index().select("script").isEmpty(), "pages without addresses to copy load no script");
        assertTrue(article("zila-mela").select("script").isEmpty());
    }

    @Test
    void a_preview_lists_the_feeds_items_with_hindi_dates_summaries_and_tag_links() {
        Document doc = preview("desh", FeedQuery.FIRST_PAGE);
        List<Element> items = doc.select("ol.items > li");
        assertEquals(2, items.size());
        Element mela = items.get(1);
        assertEquals("ज़िला पुस्तक मेले में बच्चों की भीड़, पहले दिन बिकीं चार हज़ार किताबें", mela.selectFirst("h3").text());
        assertEquals(BASE + "/articles/local/zila-mela", mela.selectFirst("h3 a").attr("href"));
        Element time = mela.selectFirst("time");
        assertEquals("2026-11-20T10:00:00+05:30", time.attr("datetime"));
        assertEquals("20 नवंबर 2026, 10:00", time.text());
        assertTrue(mela.text().contains("कविता राठौर"));
        assertEquals(BASE + "/feeds/desh?tag=%E0%A4%AC%E0%A4%9A%E0%A5%8D%E0%A4%9A%E0%A5%87",
                mela.select(".tags a").get(1).attr("href"));
    }

    @Test
    void a_filtered_preview_carries_its_filter_into_the_feed_addresses_and_the_search_box() {
        Document doc = preview("all", FeedQuery.parse(null, null, "मेले", null));
        assertEquals(BASE + "/feeds/all.atom?q=%E0%A4%AE%E0%A5%87%E0%A4%B2%E0%A5%87", doc.selectFirst("#url-atom").val());
        assertEquals(List.of(BASE + "/feeds/all.rss?q=%E0%A4%AE%E0%A5%87%E0%A4%B2%E0%A5%87"),
                alternates(doc, "application/rss+xml"));
        assertEquals("मेले", doc.selectFirst("input#q").val());
        assertEquals(1, doc.select("ol.items > li").size());
        assertTrue(doc.title().contains("खोज: “मेले”"), doc.title());
    }

    @Test
    void a_preview_pages_through_long_feeds() {
        Document first = preview("all", FeedQuery.FIRST_PAGE);
        assertEquals(3, first.select("ol.items > li").size());
        assertEquals(BASE + "/feeds/all?page=2", first.selectFirst("a[rel=next]").attr("href"));
        Document second = preview("all", FeedQuery.FIRST_PAGE.withPage(2));
        assertEquals(2, second.select("ol.items > li").size());
        assertEquals(BASE + "/feeds/all", second.selectFirst("a[rel=prev]").attr("href"));
        assertTrue(site.rendered().preview("all", FeedQuery.FIRST_PAGE.withPage(3)).isEmpty());
        assertTrue(site.rendered().preview("nahin-hai", FeedQuery.FIRST_PAGE).isEmpty());
    }

    @Test
    void markup_in_titles_and_labels_stays_text_everywhere() {
        String title = "<script>alert(\"x\")</script> पंचायत चुनाव & \"नतीजे\" घोषित";
        String summary = "तीन चरणों में हुए मतदान के बाद <b>नतीजे</b> देर रात आए। <img src=x onerror=alert(3)>"
                + " <a href=\"javascript:alert(4)\">ब्योरा</a>";
        for (Document doc : List.of(index(), preview("desh", FeedQuery.FIRST_PAGE), article("chunav-script"))) {
            assertTrue(doc.select("script:not([src])").isEmpty(), "no inline script element");
            assertTrue(doc.select("script[src]").eachAttr("src").stream()
                    .allMatch(src -> src.equals(BASE + "/assets/copy.js")), doc.title());
            assertTrue(doc.select("[onclick], [onerror], a[href^=javascript]").isEmpty(), doc.title());
            assertTrue(doc.select("a, h1, h3").eachText().contains(title), doc.title());
        }
        assertTrue(preview("desh", FeedQuery.FIRST_PAGE).select("article p").eachText().contains(summary));
        Document page = article("chunav-script");
        assertEquals(summary, page.selectFirst("article p strong").text());
        assertTrue(page.selectFirst("article").text().contains("<img src=x onerror=alert(5)> पूरा ब्योरा"));
        assertEquals(title + " — प्रवाह परीक्षण", article("chunav-script").title());
        Document doc = index();
        assertTrue(doc.select("main a strong").eachText().contains("तकनीक & <विज्ञान>"));
    }

    @Test
    void an_article_page_has_its_content_image_with_alt_text_and_discovers_its_categories_feeds() {
        Document doc = article("zila-mela");
        assertEquals(List.of(BASE + "/feeds/desh/rajya.rss", BASE + "/feeds/all.rss"),
                alternates(doc, "application/rss+xml"));
        Element img = doc.selectFirst("article figure img");
        assertEquals("https://example.org/img/zila-mela.jpg", img.attr("src"));
        assertEquals("मेले में किताबें देखते बच्चे", img.attr("alt"));
        assertTrue(doc.selectFirst("article").text().contains("मेले में कहानी सुनाने के सत्र भी रखे गए हैं"));
        for (Element image : index().select("img")) {
            assertFalse(image.attr("alt").isEmpty(), image.outerHtml());
        }
    }

    @Test
    void an_article_in_another_language_is_marked_where_it_starts() {
        Document doc = article("open-font");
        assertEquals("hi", doc.selectFirst("html").attr("lang"), "the page around it is Hindi");
        assertEquals("en", doc.selectFirst("article").attr("lang"));
        Element inPreview = preview("takneek", FeedQuery.FIRST_PAGE).selectFirst("ol.items article");
        assertEquals("en", inPreview.attr("lang"));
        assertTrue(article("zila-mela").selectFirst("article").attr("lang").isEmpty());
    }
}
