package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pravah.article.Article;
import org.pravah.article.Image;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.SiteConfig;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** RSS 2.0 bytes from a feed view built straight from a snapshot of the mini site; no HTTP. */
class RssRendererTest {
    @TempDir
    static Path dir;
    static RenderFixture site;

    @BeforeAll
    static void load() throws Exception {
        site = new RenderFixture(dir);
    }

    private static byte[] render(String category) {
        return new RssRenderer().render(site.view(category));
    }

    private static Element item(Document rss, String key) {
        String guid = RenderFixture.articleId(key);
        return FeedDom.elements(rss, null, "item").stream()
                .filter(i -> guid.equals(FeedDom.childText(i, null, "guid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no item " + guid));
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    @Test
    void content_with_cdata_terminator_and_a_control_character_renders_well_formed_rss() {
        byte[] bytes = render("all");
        Document rss = FeedDom.parse(bytes);
        String html = FeedDom.childText(item(rss, "local/desh/rajya/suraksha-jaanch"), FeedDom.CONTENT, "encoded");
        // what a reader shows: the "]]>" as text, the U+0001 gone
        assertTrue(Jsoup.parse(html).text().contains(nfc("दूसरा ]]> अनुच्छेद यहीं ख़त्म।")), html);
        for (byte b : bytes) {
            assertTrue(b != 0x01, "U+0001 must not reach the feed");
        }
    }

    @Test
    void rss_bytes_are_strict_utf8_with_devanagari_as_characters_whatever_the_platform_charset()
            throws CharacterCodingException {
        byte[] bytes = render("all");
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assertTrue(text.contains("<title>प्रवाह परीक्षण समाचार</title>"), text);
        assertFalse(text.contains("&#"), "no numeric character references");
    }

    @Test
    void same_content_renders_byte_identical_rss_from_two_separate_loads() {
        byte[] first = new RssRenderer().render(site.view(site.snapshot(), "all"));
        byte[] second = new RssRenderer().render(site.view(site.snapshot(), "all"));
        assertArrayEquals(first, second);
    }

    @Test
    void channel_dates_are_the_newest_articles_date_not_the_clock() {
        Document rss = FeedDom.parse(render("desh"));
        // bijli-bachat.md, the newest article in desh: 2026-11-21T08:00:00+05:30
        assertEquals(List.of("Sat, 21 Nov 2026 08:00:00 +0530"), FeedDom.texts(rss, null, "lastBuildDate"));
        assertEquals("Sat, 21 Nov 2026 08:00:00 +0530",
                FeedDom.childText(FeedDom.elements(rss, null, "channel").get(0), null, "pubDate"));
    }

    @Test
    void empty_category_feed_is_dated_by_the_sites_newest_article_not_the_clock() {
        Document rss = FeedDom.parse(render("khel"));
        assertEquals(0, FeedDom.elements(rss, null, "item").size());
        assertEquals(List.of("Sat, 21 Nov 2026 08:00:00 +0530"), FeedDom.texts(rss, null, "lastBuildDate"));
    }

    @Test
    void items_are_newest_first() {
        Document rss = FeedDom.parse(render("all"));
        List<String> guids = FeedDom.texts(rss, null, "guid");
        assertEquals(List.of(
                RenderFixture.articleId("local/desh/bijli-bachat"),
                RenderFixture.articleId("local/desh/rajya/pahadi-sadak"),
                RenderFixture.articleId("local/videsh/open-data-en"),
                RenderFixture.articleId("local/desh/rajya/suraksha-jaanch"),
                RenderFixture.articleId("local/videsh/samudri-samjhauta")), guids);
    }

    @Test
    void item_category_carries_the_slug_path_in_the_sites_scheme_and_the_hindi_label() {
        Element item = item(FeedDom.parse(render("all")), "local/desh/rajya/pahadi-sadak");
        List<Element> categories = FeedDom.children(item, null, "category");
        assertEquals("desh/rajya", categories.get(0).getTextContent());
        assertEquals(RenderFixture.BASE_URL + "/categories", categories.get(0).getAttribute("domain"));
        assertEquals("राज्य", categories.get(1).getTextContent());
    }

    @Test
    void article_image_is_a_media_content_with_type_caption_and_credit() {
        Element item = item(FeedDom.parse(render("all")), "local/desh/rajya/pahadi-sadak");
        Element media = FeedDom.children(item, FeedDom.MEDIA, "content").get(0);
        assertEquals("https://example.org/images/pahadi-sadak.jpg", media.getAttribute("url"));
        assertEquals("image/jpeg", media.getAttribute("type"));
        assertEquals(nfc("निर्माणाधीन पहाड़ी सड़क पर काम करते मज़दूर"), FeedDom.childText(media, FeedDom.MEDIA, "title"));
        assertEquals("प्रवाह समाचार", FeedDom.childText(media, FeedDom.MEDIA, "credit"));
    }

    @Test
    void summaries_that_look_like_markup_reach_readers_as_text_escaped_once(@TempDir Path own) throws Exception {
        RenderFixture hostile = RenderFixture.withMarkupSummaries(own);
        Document rss = FeedDom.parse(new RssRenderer().render(hostile.view("desh")));
        Map<String, String> summaries = Map.of(
                "local/desh/saar-likhit", RenderFixture.WRITTEN_MARKUP_SUMMARY,
                "local/desh/saar-banaya", RenderFixture.DERIVED_MARKUP_SUMMARY);
        summaries.forEach((key, summary) -> {
            String description = FeedDom.childText(item(rss, key), null, "description");
            // a reader that renders descriptions as HTML, as most do, must show the summary and run nothing
            org.jsoup.nodes.Document shown = Jsoup.parseBodyFragment(description);
            assertTrue(shown.body().children().isEmpty(), description);
            assertEquals(summary, shown.body().text(), description);
        });
        String written = FeedDom.childText(item(rss, "local/desh/saar-likhit"), null, "description");
        assertTrue(written.startsWith("निफ्टी &lt; 1% ऊपर, &lt;निवेशक&gt; ख़ुश &amp; \"सतर्क\""),
                "only <, > and & are escaped: " + written);
        String content = FeedDom.childText(item(rss, "local/desh/saar-banaya"), FeedDom.CONTENT, "encoded");
        assertTrue(Jsoup.parseBodyFragment(content).select("img, script, [onerror], a[href]").isEmpty(), content);
        assertFalse(content.contains("javascript:"), content);
    }

    @Test
    void a_summary_without_markup_characters_is_the_description_as_it_is() {
        Element item = item(FeedDom.parse(render("all")), "local/desh/rajya/pahadi-sadak");
        assertEquals(nfc("लोक निर्माण विभाग ने चार पहाड़ी ज़िलों में सड़क निर्माण के लिए 15 मई की समय-सीमा तय की है।"),
                FeedDom.childText(item, null, "description"));
    }

    @Test
    void article_author_is_a_dc_creator() {
        Element item = item(FeedDom.parse(render("all")), "local/videsh/open-data-en");
        assertEquals("Kavya Menon", FeedDom.childText(item, FeedDom.DC, "creator"));
    }

    @Test
    void emoji_flags_and_devanagari_joiners_are_utf8_characters_not_numeric_references(@TempDir Path own)
            throws Exception {
        byte[] bytes = new RssRenderer().render(RenderFixture.withReaderArticles(own).view("khel"));
        for (String written : List.of("🏏", "🇮🇳", "📷", RenderFixture.EMOJI_TITLE, RenderFixture.JOINED_WORDS)) {
            assertTrue(FeedDom.containsUtf8(bytes, written), "UTF-8 of " + written);
        }
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("&#"), "no numeric character references");
        Element item = item(FeedDom.parse(bytes), "local/khel/vishwa-cup-jashn");
        assertEquals(RenderFixture.EMOJI_TITLE, FeedDom.childText(item, null, "title"));
        assertEquals(RenderFixture.READERS_SUMMARY, FeedDom.childText(item, null, "description"));
    }

    @Test
    void only_the_item_in_another_language_carries_dc_language_and_the_channel_keeps_its_own_language() {
        byte[] bytes = render("all");
        Document rss = FeedDom.parse(bytes);
        Element channel = FeedDom.elements(rss, null, "channel").get(0);
        assertEquals("hi", FeedDom.childText(channel, null, "language"));
        assertEquals(List.of(), FeedDom.children(channel, FeedDom.DC, "language"), "RSS has its own <language>");
        List<String> languages = FeedDom.elements(rss, null, "item").stream()
                .map(i -> FeedDom.childText(i, FeedDom.DC, "language")).toList();
        // items newest first: open-data-en.json is the third
        assertEquals(Arrays.asList(null, null, "en", null, null), languages);
        assertEquals(List.of(), FeedDom.elements(rss, FeedDom.DC, "date"), "RSS has its own pubDate");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(1, text.split("xmlns:dc=", -1).length - 1, "the dc namespace is declared once: " + text);
    }

    @Test
    void a_tag_that_repeats_a_category_label_or_another_tag_in_other_case_is_written_once(@TempDir Path own)
            throws Exception {
        Document rss = FeedDom.parse(new RssRenderer().render(RenderFixture.withReaderArticles(own).view("khel")));
        List<String> categories = FeedDom.children(item(rss, "local/khel/vishwa-cup-jashn"), null, "category").stream()
                .map(Element::getTextContent).toList();
        assertEquals(List.of("khel", "खेल", "क्रिकेट 🏏", "T20"), categories);
    }

    @Test
    void an_article_without_an_author_is_credited_to_the_site_title_as_dc_creator_never_as_rss_author() {
        Document rss = FeedDom.parse(render("all"));
        assertEquals("प्रवाह परीक्षण समाचार",
                FeedDom.childText(item(rss, "local/desh/rajya/suraksha-jaanch"), FeedDom.DC, "creator"));
        assertEquals("Kavya Menon", FeedDom.childText(item(rss, "local/videsh/open-data-en"), FeedDom.DC, "creator"));
        for (Element item : FeedDom.elements(rss, null, "item")) {
            assertEquals(1, FeedDom.children(item, FeedDom.DC, "creator").size());
            assertEquals(List.of(), FeedDom.children(item, null, "author"), "RSS <author> must be an email address");
        }
    }

    @Test
    void an_article_without_an_author_is_credited_to_site_author_when_it_is_set() {
        Document rss = FeedDom.parse(new RssRenderer().render(site.view("all", site.siteWithAuthor("प्रवाह डेस्क"))));
        assertEquals("प्रवाह डेस्क",
                FeedDom.childText(item(rss, "local/videsh/samudri-samjhauta"), FeedDom.DC, "creator"));
        assertEquals("नेहा बिष्ट",
                FeedDom.childText(item(rss, "local/desh/rajya/pahadi-sadak"), FeedDom.DC, "creator"));
    }

    @Test
    void an_article_image_is_also_an_enclosure_whose_unknown_length_is_zero() {
        Document rss = FeedDom.parse(render("all"));
        List<Element> enclosures = FeedDom.children(item(rss, "local/desh/rajya/pahadi-sadak"), null, "enclosure");
        assertEquals(1, enclosures.size());
        assertEquals("https://example.org/images/pahadi-sadak.jpg", enclosures.get(0).getAttribute("url"));
        assertEquals("image/jpeg", enclosures.get(0).getAttribute("type"));
        assertEquals("0", enclosures.get(0).getAttribute("length"));
        assertEquals(1, FeedDom.elements(rss, null, "enclosure").size(), "articles without an image have none");
    }

    @ParameterizedTest
    @CsvSource({"chitra.jpg, image/jpeg", "CHITRA.JPEG, image/jpeg", "chitra.png, image/png",
            "chitra.webp, image/webp", "chitra.gif, image/gif", "chitra.avif, image/avif", "naksha.svg, image/svg+xml"})
    void the_enclosure_and_media_type_follow_the_image_files_extension(String file, String type) {
        Element item = onlyItem(articleWithImage("https://example.org/chitra/" + file));
        assertEquals(type, FeedDom.children(item, null, "enclosure").get(0).getAttribute("type"));
        assertEquals(type, FeedDom.children(item, FeedDom.MEDIA, "content").get(0).getAttribute("type"));
    }

    @Test
    void an_image_of_unknown_type_gets_no_enclosure_but_keeps_its_media_content_and_figure() {
        Element item = onlyItem(articleWithImage("https://example.org/chitra?id=42"));
        assertEquals(List.of(), FeedDom.children(item, null, "enclosure"), "an RSS enclosure must have a type");
        assertEquals(1, FeedDom.children(item, FeedDom.MEDIA, "content").size());
        String html = FeedDom.childText(item, FeedDom.CONTENT, "encoded");
        assertEquals("https://example.org/chitra?id=42", Jsoup.parseBodyFragment(html).selectFirst("figure > img")
                .attr("src"), html);
    }

    @Test
    void the_content_opens_with_the_image_as_a_figure_with_its_caption_and_credit_as_text(@TempDir Path own)
            throws Exception {
        Document rss = FeedDom.parse(new RssRenderer().render(RenderFixture.withReaderArticles(own).view("khel")));
        String html = FeedDom.childText(item(rss, "local/khel/vishwa-cup-jashn"), FeedDom.CONTENT, "encoded");
        org.jsoup.nodes.Element body = Jsoup.parseBodyFragment(html).body();
        org.jsoup.nodes.Element figure = body.child(0);
        assertEquals("figure", figure.tagName(), html);
        assertEquals(RenderFixture.READERS_IMAGE, figure.selectFirst("img").attr("src"));
        assertEquals(RenderFixture.READERS_CAPTION, figure.selectFirst("img").attr("alt"));
        org.jsoup.nodes.Element caption = figure.selectFirst("figcaption");
        // the caption's quotes, "<बाएँ से>" and "&" stay text: no element, nothing lost
        assertEquals(RenderFixture.READERS_CAPTION + " · चित्र: " + RenderFixture.READERS_CREDIT, caption.text());
        assertTrue(caption.children().isEmpty(), html);
        assertEquals("p", body.child(1).tagName(), "then the body: " + html);
        assertTrue(body.child(1).text().startsWith("मुंबई: फ़ाइनल में"), html);
        Element media = FeedDom.children(item(rss, "local/khel/vishwa-cup-jashn"), FeedDom.MEDIA, "content").get(0);
        assertEquals(RenderFixture.READERS_IMAGE, media.getAttribute("url"), "Media RSS stays");
    }

    @Test
    void a_body_that_already_opens_with_its_image_gets_no_second_copy(@TempDir Path own) throws Exception {
        Document rss = FeedDom.parse(new RssRenderer().render(RenderFixture.withReaderArticles(own).view("khel")));
        String html = FeedDom.childText(item(rss, "local/khel/stadium-chitra"), FeedDom.CONTENT, "encoded");
        org.jsoup.nodes.Document content = Jsoup.parseBodyFragment(html);
        assertEquals(1, content.select("img").size(), html);
        assertEquals(RenderFixture.STADIUM_IMAGE, content.selectFirst("img").attr("src"));
        assertTrue(content.select("figure").isEmpty(), html);
    }

    /** The only item of a feed holding one article with a body and the image at {@code url}. */
    private static Element onlyItem(Article article) {
        SiteConfig config = new SiteConfig("प्रवाह", "", RenderFixture.BASE_URL, LanguageTag.HINDI,
                ZoneId.of("Asia/Kolkata"));
        FeedView view = new FeedSelector(config, new SiteLinks(RenderFixture.BASE_URL), 10)
                .view(Snapshot.of(new CategoryTree(List.of()), List.of(article)), Optional.empty());
        return FeedDom.elements(FeedDom.parse(new RssRenderer().render(view)), null, "item").get(0);
    }

    private static Article articleWithImage(String url) {
        Instant at = Instant.parse("2026-11-28T12:30:00Z");
        return new Article("local/mausam", "local", "mausam", "दिल्ली में पहली धुंध", "सार",
                "<p>सुबह दृश्यता दो सौ मीटर रह गई।</p>", List.of(), List.of(), List.of(), at, at, Optional.empty(),
                Optional.empty(), Optional.of(new Image(Optional.of(URI.create(url)), "धुंध में इंडिया गेट", "")),
                LanguageTag.HINDI, "test");
    }
}
