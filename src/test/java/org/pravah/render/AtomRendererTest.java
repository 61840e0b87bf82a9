package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Atom 1.0 bytes from a feed view built straight from a snapshot of the mini site; no HTTP. */
class AtomRendererTest {
    @TempDir
    static Path dir;
    static RenderFixture site;

    @BeforeAll
    static void load() throws Exception {
        site = new RenderFixture(dir);
    }

    private static byte[] render(String category) {
        return new AtomRenderer().render(site.view(category));
    }

    private static Element entry(Document atom, String key) {
        String id = RenderFixture.articleId(key);
        return FeedDom.elements(atom, FeedDom.ATOM, "entry").stream()
                .filter(e -> id.equals(FeedDom.childText(e, FeedDom.ATOM, "id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + id));
    }

    private static String feedUpdated(Document atom) {
        return FeedDom.childText(atom.getDocumentElement(), FeedDom.ATOM, "updated");
    }

    @Test
    void content_with_cdata_terminator_and_a_control_character_renders_well_formed_atom() {
        byte[] bytes = render("all");
        Document atom = FeedDom.parse(bytes);
        String html = FeedDom.childText(entry(atom, "local/desh/rajya/suraksha-jaanch"), FeedDom.ATOM, "content");
        assertTrue(Jsoup.parse(html).text().contains(
                Normalizer.normalize("दूसरा ]]> अनुच्छेद यहीं ख़त्म।", Normalizer.Form.NFC)), html);
        for (byte b : bytes) {
            assertTrue(b != 0x01, "U+0001 must not reach the feed");
        }
    }

    @Test
    void atom_bytes_are_strict_utf8_with_devanagari_as_characters_whatever_the_platform_charset()
            throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(render("all"))).toString();
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assertTrue(text.contains("<title>प्रवाह परीक्षण समाचार</title>"), text);
        assertFalse(text.contains("&#"), "no numeric character references");
    }

    @Test
    void same_content_renders_byte_identical_atom_from_two_separate_loads() {
        byte[] first = new AtomRenderer().render(site.view(site.snapshot(), "all"));
        byte[] second = new AtomRenderer().render(site.view(site.snapshot(), "all"));
        assertArrayEquals(first, second);
    }

    @Test
    void feed_updated_is_the_newest_articles_date_not_the_clock() {
        // in videsh the newest is open-data-en.json, 2026-11-19T14:30:00Z
        assertEquals("2026-11-19T20:00:00+05:30", feedUpdated(FeedDom.parse(render("videsh"))));
    }

    @Test
    void empty_category_feed_is_dated_by_the_sites_newest_article_not_the_clock() {
        Document atom = FeedDom.parse(render("khel"));
        assertEquals(0, FeedDom.elements(atom, FeedDom.ATOM, "entry").size());
        assertEquals("2026-11-21T08:00:00+05:30", feedUpdated(atom));
    }

    @Test
    void entry_dates_written_in_utc_are_shown_at_the_site_offset() {
        Element entry = entry(FeedDom.parse(render("all")), "local/videsh/open-data-en");
        assertEquals("2026-11-19T20:00:00+05:30", FeedDom.childText(entry, FeedDom.ATOM, "published"));
        assertEquals("2026-11-19T20:00:00+05:30", FeedDom.childText(entry, FeedDom.ATOM, "updated"));
    }

    @Test
    void feed_id_and_self_link_are_the_feeds_own_url() {
        Document atom = FeedDom.parse(render("desh/rajya"));
        String self = RenderFixture.BASE_URL + "/feeds/desh/rajya.atom";
        assertEquals(self, FeedDom.childText(atom.getDocumentElement(), FeedDom.ATOM, "id"));
        List<String> selfLinks = FeedDom.children(atom.getDocumentElement(), FeedDom.ATOM, "link").stream()
                .filter(l -> l.getAttribute("rel").equals("self")).map(l -> l.getAttribute("href")).toList();
        assertEquals(List.of(self), selfLinks);
    }

    @Test
    void category_feed_title_names_the_hindi_breadcrumb() {
        Document atom = FeedDom.parse(render("desh/rajya"));
        assertEquals("प्रवाह परीक्षण समाचार — देश › राज्य",
                FeedDom.childText(atom.getDocumentElement(), FeedDom.ATOM, "title"));
    }

    @Test
    void summaries_that_look_like_markup_are_text_summaries_said_to_be_text(@TempDir Path own) throws Exception {
        RenderFixture hostile = RenderFixture.withMarkupSummaries(own);
        Document atom = FeedDom.parse(new AtomRenderer().render(hostile.view("desh")));
        Map<String, String> summaries = Map.of(
                "local/desh/saar-likhit", RenderFixture.WRITTEN_MARKUP_SUMMARY,
                "local/desh/saar-banaya", RenderFixture.DERIVED_MARKUP_SUMMARY);
        summaries.forEach((key, summary) -> {
            Element element = FeedDom.children(entry(atom, key), FeedDom.ATOM, "summary").get(0);
            // type="text": readers show the characters as they are, so the summary goes in unescaped
            assertEquals("text", element.getAttribute("type"));
            assertEquals(summary, element.getTextContent());
        });
    }

    @Test
    void only_the_english_entry_carries_its_own_xml_lang() {
        Document atom = FeedDom.parse(render("all"));
        assertEquals("hi", atom.getDocumentElement().getAttributeNS(FeedDom.XML, "lang"));
        List<String> langs = FeedDom.elements(atom, FeedDom.ATOM, "entry").stream()
                .map(e -> e.getAttributeNS(FeedDom.XML, "lang")).toList();
        assertEquals(List.of("", "", "en", "", ""), langs);
    }

    @Test
    void emoji_flags_and_devanagari_joiners_are_utf8_characters_in_text_and_attributes(@TempDir Path own)
            throws Exception {
        byte[] bytes = new AtomRenderer().render(RenderFixture.withReaderArticles(own).view("khel"));
        for (String written : List.of("🏏", "🇮🇳", "📷", RenderFixture.EMOJI_TITLE, RenderFixture.JOINED_WORDS,
                "term=\"क्रिकेट 🏏\"")) {
            assertTrue(FeedDom.containsUtf8(bytes, written), "UTF-8 of " + written);
        }
        assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("&#"), "no numeric character references");
        Element entry = entry(FeedDom.parse(bytes), "local/khel/vishwa-cup-jashn");
        assertEquals(RenderFixture.EMOJI_TITLE, FeedDom.childText(entry, FeedDom.ATOM, "title"));
    }

    @Test
    void a_category_term_is_its_hindi_label_in_the_sites_scheme_and_tags_are_bare_terms() {
        Element entry = entry(FeedDom.parse(render("all")), "local/desh/rajya/pahadi-sadak");
        List<String> categories = FeedDom.children(entry, FeedDom.ATOM, "category").stream()
                .map(c -> c.getAttribute("term") + "|" + c.getAttribute("scheme") + "|" + c.getAttribute("label"))
                .toList();
        assertEquals(List.of("राज्य|" + RenderFixture.BASE_URL + "/categories|राज्य", "सड़क||", "उत्तराखंड||"),
                categories);
    }

    @Test
    void a_tag_that_repeats_a_category_label_or_another_tag_in_other_case_is_written_once(@TempDir Path own)
            throws Exception {
        Document atom = FeedDom.parse(new AtomRenderer().render(RenderFixture.withReaderArticles(own).view("khel")));
        List<String> terms = FeedDom.children(entry(atom, "local/khel/vishwa-cup-jashn"), FeedDom.ATOM, "category")
                .stream().map(c -> c.getAttribute("term")).toList();
        assertEquals(List.of("खेल", "क्रिकेट 🏏", "T20"), terms);
    }

    @Test
    void every_entry_names_its_author_and_one_without_is_credited_to_the_site_title_or_site_author() {
        Document atom = FeedDom.parse(render("all"));
        for (Element entry : FeedDom.elements(atom, FeedDom.ATOM, "entry")) {
            assertEquals(1, FeedDom.children(entry, FeedDom.ATOM, "author").size(), "one author per entry");
        }
        assertEquals("प्रवाह परीक्षण समाचार", authorName(entry(atom, "local/desh/rajya/suraksha-jaanch")));
        assertEquals("Kavya Menon", authorName(entry(atom, "local/videsh/open-data-en")));
        Document desk = FeedDom.parse(new AtomRenderer().render(site.view("all", site.siteWithAuthor("प्रवाह डेस्क"))));
        assertEquals("प्रवाह डेस्क", authorName(entry(desk, "local/desh/rajya/suraksha-jaanch")));
        assertEquals("प्रवाह परीक्षण समाचार", FeedDom.childText(FeedDom.children(desk.getDocumentElement(),
                FeedDom.ATOM, "author").get(0), FeedDom.ATOM, "name"), "the feed's author is the site");
    }

    private static String authorName(Element entry) {
        return FeedDom.childText(FeedDom.children(entry, FeedDom.ATOM, "author").get(0), FeedDom.ATOM, "name");
    }

    @Test
    void an_article_image_is_an_enclosure_link_of_its_type_and_opens_the_content_as_a_figure() {
        Element entry = entry(FeedDom.parse(render("all")), "local/desh/rajya/pahadi-sadak");
        List<Element> enclosures = FeedDom.children(entry, FeedDom.ATOM, "link").stream()
                .filter(l -> l.getAttribute("rel").equals("enclosure")).toList();
        assertEquals(1, enclosures.size());
        assertEquals("https://example.org/images/pahadi-sadak.jpg", enclosures.get(0).getAttribute("href"));
        assertEquals("image/jpeg", enclosures.get(0).getAttribute("type"));
        assertFalse(enclosures.get(0).hasAttribute("length"), "Atom's length is optional, and not known");
        String html = FeedDom.childText(entry, FeedDom.ATOM, "content");
        org.jsoup.nodes.Element figure = Jsoup.parseBodyFragment(html).body().child(0);
        assertEquals("figure", figure.tagName(), html);
        assertEquals("https://example.org/images/pahadi-sadak.jpg", figure.selectFirst("img").attr("src"));
        assertEquals(Normalizer.normalize("निर्माणाधीन पहाड़ी सड़क पर काम करते मज़दूर · चित्र: प्रवाह समाचार",
                Normalizer.Form.NFC), figure.selectFirst("figcaption").text());
        assertEquals(1, FeedDom.children(entry, FeedDom.MEDIA, "content").size(), "Media RSS stays");
    }

    @Test
    void a_body_that_already_opens_with_its_image_gets_no_second_copy(@TempDir Path own) throws Exception {
        Document atom = FeedDom.parse(new AtomRenderer().render(RenderFixture.withReaderArticles(own).view("khel")));
        String html = FeedDom.childText(entry(atom, "local/khel/stadium-chitra"), FeedDom.ATOM, "content");
        assertEquals(1, Jsoup.parseBodyFragment(html).select("img").size(), html);
    }
}
