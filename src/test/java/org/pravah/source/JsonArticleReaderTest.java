package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.article.Image;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.Category;
import org.pravah.catalog.TestCategories;

class JsonArticleReaderTest {
    private final JsonArticleReader reader = new JsonArticleReader();

    private Article readOne(String path) throws ArticleException {
        List<ArticleDraft> drafts = Fixtures.read(reader, path);
        assertEquals(1, drafts.size());
        return Fixtures.normalise(drafts.get(0));
    }

    private static String codePoints(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(String.format(java.util.Locale.ROOT, "U+%04X ", cp)));
        return out.toString().strip();
    }

    private List<ArticleDraft> readText(String json, List<String> warnings) throws ArticleException {
        return reader.read(json, new ArticleFile("desh/lekh", Fixtures.FILE_TIME, "articles/desh/lekh.json"), warnings);
    }

    // ---- json/single.json ------------------------------------------------------------------------------------------

    @Test
    void single_article_reads_every_field() throws Exception {
        Article a = readOne("json/single.json");
        assertEquals("fixture-single", a.id());
        assertEquals("local/fixture-single", a.key());
        assertEquals("सिंगापुर में दक्षिण एशियाई पुस्तक मेले की शुरुआत", a.title());
        assertEquals("पांच दिन चलने वाले मेले में भारत, नेपाल और श्रीलंका के 60 प्रकाशक हिस्सा ले रहे हैं।", a.summary());
        assertEquals(List.of("videsh/asia"), a.categoryRefs());
        assertEquals(List.of("पुस्तक मेला", "सिंगापुर"), a.tags());
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), a.published());
        assertEquals(Instant.parse("2026-11-27T05:30:00Z"), a.updated());
        assertEquals(Optional.of("सौरभ मिश्रा"), a.author());
        assertEquals(Optional.of(URI.create("https://example.org/videsh/asia/fixture-single")), a.url());
        assertEquals(LanguageTag.HINDI, a.language());
    }

    @Test
    void single_article_image_has_url_caption_and_credit() throws Exception {
        Image image = readOne("json/single.json").image().orElseThrow();
        assertEquals(Optional.of(URI.create("https://example.org/images/fixture-single.jpg")), image.url());
        assertEquals("पुस्तक मेले के उद्घाटन पर पहुंचे पाठक", image.caption());
        assertEquals("प्रवाह समाचार", image.credit());
    }

    @Test
    void single_article_body_becomes_two_paragraphs_with_curly_quotes_kept() throws Exception {
        String html = readOne("json/single.json").contentHtml();
        assertTrue(html.startsWith("<p>सिंगापुर: "), html);
        assertEquals(2, html.split("<p>", -1).length - 1, html);
        assertTrue(html.contains("“हमारा मक़सद"), html);
        assertTrue(html.endsWith("जोड़ना है।”</p>"), html);
    }

    @Test
    void single_article_is_filed_under_videsh_asia() throws Exception {
        Article a = readOne("json/single.json");
        assertEquals(List.of("videsh/asia"),
                TestCategories.tree().resolveAll(a.categoryRefs()).stream().map(Category::path).toList());
    }

    // ---- json/array.json -------------------------------------------------------------------------------------------

    @Test
    void array_gives_two_articles_in_file_order() throws Exception {
        List<ArticleDraft> drafts = Fixtures.read(reader, "json/array.json");
        assertEquals(List.of("arr-1", "arr-2"), drafts.stream().map(ArticleDraft::id).toList());
        Article first = Fixtures.normalise(drafts.get(0));
        Article second = Fixtures.normalise(drafts.get(1));
        assertEquals("ज़िला खो-खो प्रतियोगिता में सरस्वती विद्यालय की टीम विजेता", first.title());
        assertEquals("शहर की साइकिल रैली में 1,200 लोगों ने लिया हिस्सा", second.title());
        assertEquals(Instant.parse("2026-11-25T08:30:00Z"), first.published());
        assertEquals(Instant.parse("2026-11-29T03:30:00Z"), second.published());
        assertEquals(Optional.of("रीना कश्यप"), first.author());
        assertEquals(Optional.of("नवनीत भाटी"), second.author());
        assertTrue(first.url().isEmpty() && first.image().isEmpty());
        assertTrue(second.url().isEmpty() && second.image().isEmpty());
    }

    @Test
    void array_articles_are_both_filed_under_khel_by_hindi_label_and_by_english_alias() throws Exception {
        for (ArticleDraft draft : Fixtures.read(reader, "json/array.json")) {
            Article a = Fixtures.normalise(draft);
            assertEquals(List.of("khel"),
                    TestCategories.tree().resolveAll(a.categoryRefs()).stream().map(Category::path).toList(), a.id());
        }
    }

    @Test
    void array_items_without_id_are_numbered_from_one_after_the_file_id() throws Exception {
        List<ArticleDraft> drafts = readText("[{\"title\": \"पहला\"}, {\"title\": \"दूसरा\"}]", new ArrayList<>());
        assertEquals(List.of("desh/lekh-1", "desh/lekh-2"), drafts.stream().map(ArticleDraft::id).toList());
    }

    @Test
    void object_without_id_gets_the_file_id() throws Exception {
        assertEquals("desh/lekh", readText("{\"title\": \"पहला\"}", new ArrayList<>()).get(0).id());
    }

    // ---- errors ----------------------------------------------------------------------------------------------------

    @Test
    void broken_json_is_refused_with_the_file_line_and_column() {
        ArticleException e = assertThrows(ArticleException.class, () -> Fixtures.read(reader, "json/broken.json"));
        assertTrue(e.getMessage().contains("fixtures/json/broken.json"), e.getMessage());
        assertTrue(e.getMessage().contains("line 8, column 1"), e.getMessage());
    }

    @Test
    void syntax_error_in_the_middle_names_its_line_and_column() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("{\n  \"title\": \"पहला\",\n  \"summary\": x\n}", new ArrayList<>()));
        assertTrue(e.getMessage().contains("line 3, column"), e.getMessage());
    }

    @Test
    void article_without_title_is_rejected_naming_title() throws Exception {
        List<ArticleDraft> drafts = Fixtures.read(reader, "json/no-title.json");
        assertEquals(1, drafts.size());
        assertEquals("fixture-no-title", drafts.get(0).id());
        ArticleException e = assertThrows(ArticleException.class, () -> Fixtures.normalise(drafts.get(0)));
        assertTrue(e.getMessage().contains("'title'"), e.getMessage());
        assertTrue(e.getMessage().contains("fixtures/json/no-title.json"), e.getMessage());
    }

    @Test
    void the_same_key_twice_in_one_object_is_refused() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("{\"title\": \"पहला\", \"title\": \"दूसरा\"}", new ArrayList<>()));
        assertTrue(e.getMessage().contains("title"), e.getMessage());
    }

    @Test
    void title_that_is_not_text_is_refused_naming_the_field() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("{\"title\": [\"पहला\"]}", new ArrayList<>()));
        assertTrue(e.getMessage().contains("title"), e.getMessage());
        assertTrue(e.getMessage().contains("articles/desh/lekh.json"), e.getMessage());
    }

    @Test
    void array_item_that_is_not_an_object_is_refused_naming_its_index() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("[{\"title\": \"पहला\"}, \"दूसरा\"]", new ArrayList<>()));
        assertTrue(e.getMessage().contains("[1]"), e.getMessage());
    }

    @Test
    void empty_file_is_refused() {
        ArticleException e = assertThrows(ArticleException.class, () -> readText("  \n", new ArrayList<>()));
        assertTrue(e.getMessage().contains("articles/desh/lekh.json"), e.getMessage());
    }

    @Test
    void unknown_field_is_a_warning_not_an_error() throws Exception {
        List<String> warnings = new ArrayList<>();
        List<ArticleDraft> drafts = readText("{\"title\": \"पहला\", \"heading\": \"x\", \"image\": {\"alt\": \"y\"}}", warnings);
        assertEquals("पहला", drafts.get(0).title());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'heading'"), warnings.get(0));
        assertTrue(warnings.get(1).contains("'image.alt'"), warnings.get(1));
    }

    @Test
    void content_html_wins_over_body_and_is_sanitised() throws Exception {
        ArticleDraft d = readText("{\"title\": \"पहला\", \"body\": \"सादा\", "
                + "\"contentHtml\": \"<p onclick='x()'>समृद्ध <a href='/khel'>खेल</a></p><script>x()</script>\"}",
                new ArrayList<>()).get(0);
        assertEquals(ArticleDraft.BodyFormat.HTML, d.bodyFormat());
        assertEquals("<p>समृद्ध <a href=\"http://localhost:8080/khel\">खेल</a></p>", Fixtures.normalise(d).contentHtml());
    }

    @Test
    void a_single_category_string_is_read_as_a_list_of_one() throws Exception {
        assertEquals(List.of("खेल"), readText("{\"title\": \"पहला\", \"categories\": \"खेल\"}", new ArrayList<>())
                .get(0).categories());
    }

    // ---- json/control-chars.json -----------------------------------------------------------------------------------

    @Test
    void control_characters_are_removed_from_the_title_while_zwj_zwnj_and_emoji_are_kept() throws Exception {
        String raw = Fixtures.read(reader, "json/control-chars.json").get(0).title();
        assertEquals(49, raw.codePointCount(0, raw.length()), "the reader decodes all escapes, controls included");
        assertTrue(raw.contains("\u0000") && raw.contains("\u0008") && raw.contains("\u000B"));
        Article a = readOne("json/control-chars.json");
        String expected = "पुस्तक मेले में सुरक्\u200Dषा और शिक्\u200Cषा पर चर्चा \uD83C\uDF89";
        assertEquals(codePoints(expected), codePoints(a.title()));
        assertEquals(46, a.title().codePointCount(0, a.title().length()));
        assertEquals(47, a.title().length());
        assertTrue(a.title().contains("\u0938\u0941\u0930\u0915\u094D\u200D\u0937\u093E"));
        assertTrue(a.title().contains("\u0936\u093F\u0915\u094D\u200C\u0937\u093E"));
    }

    @Test
    void escaped_surrogate_pair_in_the_body_decodes_to_one_emoji() throws Exception {
        Article a = readOne("json/control-chars.json");
        assertTrue(a.contentHtml().endsWith("समापन पर आतिशबाज़ी भी हुई \uD83C\uDF89</p>"), a.contentHtml());
        assertFalse(a.contentHtml().contains("\uFFFD"));
        assertEquals(1, a.contentHtml().codePoints().filter(cp -> cp == 0x1F389).count());
    }

    // ---- json/nfd-nukta.json ---------------------------------------------------------------------------------------

    @Test
    void decomposed_nukta_title_is_unchanged_by_normalisation() throws Exception {
        String raw = Fixtures.read(reader, "json/nfd-nukta.json").get(0).title();
        Article a = readOne("json/nfd-nukta.json");
        assertEquals(56, raw.codePointCount(0, raw.length()));
        assertEquals(raw, a.title());
        assertTrue(a.title().startsWith("\u091C\u093C\u093F\u0932\u0947 "));
        assertEquals(0, a.title().chars().filter(c -> c >= 0x0958 && c <= 0x095F).count());
    }

    @Test
    void precomposed_za_in_the_body_is_decomposed() throws Exception {
        String rawBody = Fixtures.read(reader, "json/nfd-nukta.json").get(0).body();
        assertTrue(rawBody.contains("\u095B\u0930\u0942\u0930\u0940"), "fixture holds the precomposed letter");
        String html = readOne("json/nfd-nukta.json").contentHtml();
        assertFalse(html.contains("\u095B"), html);
        assertTrue(html.contains("\u091C\u093C\u0930\u0942\u0930\u0940"), html);
        assertTrue(html.contains("अलीगढ़: "), html);
    }

    @Test
    void decomposed_nukta_tag_is_unchanged() throws Exception {
        assertEquals(List.of("\u0915\u093C\u093E\u0928\u0942\u0928-\u0935\u094D\u092F\u0935\u0938\u094D\u0925\u093E"),
                readOne("json/nfd-nukta.json").tags());
    }

    @Test
    void nfd_nukta_article_is_filed_under_desh_rajya() throws Exception {
        assertEquals(List.of("desh/rajya"), TestCategories.tree().resolveAll(readOne("json/nfd-nukta.json").categoryRefs())
                .stream().map(Category::path).toList());
    }
}
