package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.TestCategories;

class PlainTextArticleReaderTest {
    private static final String LF_TITLE = "पेनांग के सांस्कृतिक केंद्र में हिंदी कक्षाओं की मांग दोगुनी";
    private static final String CRLF_TITLE = "अंडर-16 क्रिकेट में सिमरन की हैट्रिक, भोपाल ज़िला टीम फ़ाइनल में";
    private static final String SECTION_TITLE = "केन्या में भारतीय डॉक्टरों का नेत्र शिविर, 900 मरीज़ों की मुफ़्त जांच";

    private final PlainTextArticleReader reader = new PlainTextArticleReader();

    private ArticleDraft read(String path) throws ArticleException {
        List<ArticleDraft> drafts = Fixtures.read(reader, path);
        assertEquals(1, drafts.size());
        return drafts.get(0);
    }

    private static List<String> paragraphs(ArticleDraft draft) {
        return Arrays.asList(draft.body().split("\n\n"));
    }

    private static List<String> categoryPaths(Article article) {
        CategoryTree tree = TestCategories.tree();
        List<Category> categories = tree.resolveAll(article.categoryRefs());
        if (categories.isEmpty()) {
            categories = tree.resolveAll(article.fallbackCategoryRefs());
        }
        return categories.stream().map(Category::path).toList();
    }

    private static Stream<String> allText(ArticleDraft d) {
        return Stream.concat(
                Stream.of(d.id(), d.title(), d.summary(), d.body(), d.imageCaption(), d.imageCredit()),
                Stream.concat(d.categories().stream(), d.fallbackCategories().stream()));
    }

    // ---- txt/lf.txt ------------------------------------------------------------------------------------------------

    @Test
    void lf_file_skips_the_single_letter_line_and_reads_title_and_summary() throws Exception {
        ArticleDraft d = read("txt/lf.txt");
        assertEquals(LF_TITLE, d.title());
        assertEquals("केंद्र ने अगले सत्र से शाम की दो नई कक्षाएं शुरू करने का फ़ैसला किया है।", d.summary());
        assertEquals("txt/lf", d.id());
        assertEquals(Fixtures.FILE_TIME, d.fallbackPublished());
        assertEquals("", d.published());
    }

    @Test
    void lf_file_breadcrumb_labels_before_the_title_are_the_category_phrase() throws Exception {
        ArticleDraft d = read("txt/lf.txt");
        assertEquals(List.of("विदेश एशिया"), d.categories());
        assertEquals(List.of("World"), d.fallbackCategories());
    }

    @Test
    void lf_file_is_filed_under_videsh_asia() throws Exception {
        assertEquals(List.of("videsh/asia"), categoryPaths(Fixtures.normalise(read("txt/lf.txt"))));
    }

    @Test
    void lf_file_image_credit_is_the_text_after_image_source_without_the_repeated_title() throws Exception {
        ArticleDraft d = read("txt/lf.txt");
        assertEquals("प्रवाह समाचार", d.imageCredit());
        assertEquals("", d.imageUrl());
    }

    @Test
    void lf_file_body_is_two_paragraphs_without_the_image_line_or_the_section_line() throws Exception {
        ArticleDraft d = read("txt/lf.txt");
        assertEquals(List.of(
                "पेनांग: मलेशिया के पेनांग स्थित एक सांस्कृतिक केंद्र में इस साल हिंदी सीखने वालों की संख्या बढ़कर 180 "
                        + "हो गई है। पिछले साल यह संख्या क़रीब 90 थी।",
                "केंद्र की निदेशक लता मेनन ने बताया कि ज़्यादातर विद्यार्थी फ़िल्मों और संगीत की वजह से हिंदी में रुचि ले रहे हैं।"),
                paragraphs(d));
        assertFalse(d.body().contains("Image Source"));
        assertFalse(d.body().contains("Latest"));
        assertEquals(ArticleDraft.BodyFormat.PLAIN_TEXT, d.bodyFormat());
    }

    @Test
    void lf_file_content_html_has_one_p_per_paragraph() throws Exception {
        Article a = Fixtures.normalise(read("txt/lf.txt"));
        assertTrue(a.contentHtml().startsWith("<p>पेनांग: मलेशिया"), a.contentHtml());
        assertEquals(2, a.contentHtml().split("<p>", -1).length - 1, a.contentHtml());
        assertEquals(LF_TITLE, a.title());
    }

    // ---- txt/crlf-bom.txt ------------------------------------------------------------------------------------------

    @Test
    void crlf_file_with_bom_reads_like_lf_file() throws Exception {
        ArticleDraft d = read("txt/crlf-bom.txt");
        assertEquals(CRLF_TITLE, d.title());
        assertEquals("सिमरन बघेल ने 18 रन देकर पांच विकेट लिए, जिनमें लगातार तीन गेंदों पर तीन विकेट शामिल हैं।", d.summary());
        assertEquals(List.of("खेल क्रिकेट"), d.categories());
        assertEquals(List.of("Sports"), d.fallbackCategories());
        assertEquals(List.of(
                "भोपाल: अंडर-16 अंतर-ज़िला क्रिकेट टूर्नामेंट के सेमीफ़ाइनल में सिमरन बघेल की हैट्रिक के दम पर भोपाल ज़िला "
                        + "टीम फ़ाइनल में पहुंच गई। सिमरन ने 18 रन देकर पांच विकेट लिए।",
                "विरोधी टीम 97 रन पर सिमट गई, जिसे भोपाल ने 14वें ओवर में दो विकेट खोकर हासिल कर लिया।"),
                paragraphs(d));
    }

    @Test
    void crlf_file_leaves_no_carriage_return_and_no_bom_in_any_value() throws Exception {
        byte[] bytes = Fixtures.bytes("txt/crlf-bom.txt");
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String raw = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(12, raw.split("\r\n", -1).length - 1, "the fixture uses CRLF throughout");
        assertEquals(12, raw.split("\n", -1).length - 1, "the fixture has no bare LF");
        ArticleDraft d = read("txt/crlf-bom.txt");
        allText(d).forEach(s -> {
            assertFalse(s.contains("\r"), s);
            assertFalse(s.contains("\uFEFF"), s);
        });
        Article a = Fixtures.normalise(d);
        assertFalse(a.contentHtml().contains("\r"));
        assertFalse(a.title().startsWith("\uFEFF"));
    }

    @Test
    void crlf_file_bom_is_handled_even_when_the_reader_is_given_the_raw_text() throws Exception {
        String raw = new String(Fixtures.bytes("txt/crlf-bom.txt"), StandardCharsets.UTF_8);
        assertTrue(raw.startsWith("\uFEFF"));
        ArticleDraft d = reader.read(raw, Fixtures.file("txt/crlf-bom.txt"), new ArrayList<>()).get(0);
        assertEquals(CRLF_TITLE, d.title());
        assertEquals(List.of("खेल क्रिकेट"), d.categories());
    }

    @Test
    void crlf_file_credit_is_found_although_the_title_contains_a_hyphen() throws Exception {
        assertEquals("फ़ाइल फ़ोटो", read("txt/crlf-bom.txt").imageCredit());
    }

    @Test
    void crlf_file_is_filed_under_khel_cricket() throws Exception {
        assertEquals(List.of("khel/cricket"), categoryPaths(Fixtures.normalise(read("txt/crlf-bom.txt"))));
    }

    // ---- txt/section-only.txt --------------------------------------------------------------------------------------

    @Test
    void section_only_file_has_no_category_phrase_and_keeps_the_section_as_fallback() throws Exception {
        ArticleDraft d = read("txt/section-only.txt");
        assertEquals(SECTION_TITLE, d.title());
        assertEquals("पांच दिन चले शिविर में 140 मरीज़ों के मोतियाबिंद के ऑपरेशन भी किए गए।", d.summary());
        assertEquals(List.of(), d.categories());
        assertEquals(List.of("World"), d.fallbackCategories());
        assertEquals("प्रवाह समाचार", d.imageCredit());
    }

    @Test
    void section_only_file_is_filed_under_videsh_from_its_last_line() throws Exception {
        assertEquals(List.of("videsh"), categoryPaths(Fixtures.normalise(read("txt/section-only.txt"))));
    }

    @Test
    void section_only_file_body_is_two_paragraphs() throws Exception {
        List<String> paragraphs = paragraphs(read("txt/section-only.txt"));
        assertEquals(2, paragraphs.size());
        assertTrue(paragraphs.get(0).startsWith("मोम्बासा: "), paragraphs.get(0));
        assertEquals("दल के प्रमुख डॉ. अरुण वालिया ने बताया कि 140 मरीज़ों के मोतियाबिंद के ऑपरेशन किए गए और बाक़ी मरीज़ों "
                + "को चश्मे दिए गए।", paragraphs.get(1));
    }

    // ---- layouts written in the test -------------------------------------------------------------------------------

    private ArticleDraft readText(String text, List<String> warnings) throws ArticleException {
        return reader.read(text, new ArticleFile("desh/lekh", Fixtures.FILE_TIME, "articles/desh/lekh.txt"), warnings)
                .get(0);
    }

    @Test
    void lines_ending_in_no_break_spaces_are_trimmed() throws Exception {
        ArticleDraft d = readText("Hindi News देश बाढ़ राहत\u00A0\n\nबाढ़ राहत\u00A0\u00A0\n\nसारांश\u00A0\n\nपहला अनुच्छेद\u00A0\n",
                new ArrayList<>());
        assertEquals("बाढ़ राहत", d.title());
        assertEquals(List.of("देश"), d.categories());
        assertEquals("सारांश", d.summary());
        assertEquals("पहला अनुच्छेद", d.body());
    }

    @Test
    void file_without_image_line_has_no_image() throws Exception {
        ArticleDraft d = readText("Hindi News देश बाढ़ राहत\n\nबाढ़ राहत\n\nसारांश\n\nपहला अनुच्छेद\n\nLatest India News",
                new ArrayList<>());
        assertEquals("", d.imageCredit());
        Article a = Fixtures.normalise(d);
        assertEquals(Optional.empty(), a.image(), "no image line, so no image (and no empty <figure> on the page)");
    }

    @Test
    void file_that_does_not_start_with_the_breadcrumb_is_refused_naming_the_file_and_the_line() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("बाढ़ राहत\n\nसारांश\n", new ArrayList<>()));
        assertTrue(e.getMessage().contains("articles/desh/lekh.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("Hindi News"), e.getMessage());
        assertTrue(e.getMessage().contains("बाढ़ राहत"), e.getMessage());
    }

    @Test
    void empty_file_is_refused() {
        ArticleException e = assertThrows(ArticleException.class, () -> readText("\n\n", new ArrayList<>()));
        assertTrue(e.getMessage().contains("articles/desh/lekh.txt"), e.getMessage());
    }

    @Test
    void breadcrumb_without_a_title_line_is_refused_naming_title() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("Hindi News देश बाढ़ राहत\n", new ArrayList<>()));
        assertTrue(e.getMessage().contains("'title'"), e.getMessage());
    }

    @Test
    void file_with_only_a_title_loads_with_a_warning() throws Exception {
        List<String> warnings = new ArrayList<>();
        ArticleDraft d = readText("Hindi News बाढ़ राहत\n\nबाढ़ राहत", warnings);
        assertEquals("बाढ़ राहत", d.title());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("articles/desh/lekh.txt"), warnings.get(0));
    }
}
