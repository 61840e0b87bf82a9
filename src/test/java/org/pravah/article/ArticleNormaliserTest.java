package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pravah.article.ArticleDraft.BodyFormat;

class ArticleNormaliserTest {
    private static final SiteDefaults SITE =
            new SiteDefaults(LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "https://samachar.example");
    private static final Instant FILE_TIME = Instant.parse("2026-11-20T10:00:00Z");

    private final ArticleNormaliser normaliser = new ArticleNormaliser(SITE);

    /** A mutable stand-in for the long {@link ArticleDraft} constructor. */
    private static final class Draft {
        String id = "lekh-1";
        String title = "पेनांग में हिंदी कक्षाएं";
        String summary = "";
        String body = "";
        BodyFormat format = BodyFormat.PLAIN_TEXT;
        List<String> categories = List.of();
        List<String> tags = List.of();
        String published = "";
        String updated = "";
        String author = "";
        String url = "";
        String imageUrl = "";
        String imageCaption = "";
        String imageCredit = "";
        String language = "";

        ArticleDraft build() {
            return ArticleDraft.builder(id, "test/lekh-1.json", FILE_TIME).title(title).summary(summary)
                    .body(body, format).categories(categories).tags(tags).published(published).updated(updated)
                    .author(author).url(url).image(imageUrl, imageCaption, imageCredit).language(language).build();
        }
    }

    private Article normalise(Draft d) throws ArticleException {
        List<ArticleWarning> warnings = new ArrayList<>();
        Article article = normaliser.normalise("local", d.build(), warnings);
        assertEquals(List.of(), warnings);
        return article;
    }

    // ---- body ------------------------------------------------------------------------------------------------------

    @Test
    void plain_text_body_becomes_paragraphs_with_markup_characters_escaped() throws Exception {
        Draft d = new Draft();
        d.body = "मुंबई: सेंसेक्स <80,000> पर & निफ्टी भी।\r\n\r\nदूसरा अनुच्छेद।";
        assertEquals("<p>मुंबई: सेंसेक्स &lt;80,000&gt; पर &amp; निफ्टी भी।</p><p>दूसरा अनुच्छेद।</p>",
                normalise(d).contentHtml());
    }

    @Test
    void plain_text_body_that_looks_like_html_is_shown_as_text_not_run() throws Exception {
        Draft d = new Draft();
        d.body = "<script>alert(1)</script>";
        String html = normalise(d).contentHtml();
        assertFalse(html.contains("<script"), html);
        assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", html);
    }

    @Test
    void markdown_body_is_rendered_to_html() throws Exception {
        Draft d = new Draft();
        d.format = BodyFormat.MARKDOWN;
        d.body = "**मुंबई:** बाज़ार में तेज़ी।\n\n- पहला कारण\n- दूसरा कारण\n\nविस्तार [यहां पढ़ें](https://example.org/x)।\n";
        String html = normalise(d).contentHtml();
        assertTrue(html.contains("<strong>मुंबई:</strong>"), html);
        assertTrue(html.contains("<li>पहला कारण</li>"), html);
        assertTrue(html.contains("<li>दूसरा कारण</li>"), html);
        assertTrue(html.contains("<a href=\"https://example.org/x\">यहां पढ़ें</a>।"), html);
    }

    @Test
    void markdown_body_is_sanitised_like_any_other_html() throws Exception {
        Draft d = new Draft();
        d.format = BodyFormat.MARKDOWN;
        d.body = "पहला अनुच्छेद <img src=\"x.png\" onerror=\"steal()\">\n\n"
                + "[बुरी कड़ी](javascript:steal())\n\n"
                + "<script>steal()</script>\n";
        String html = normalise(d).contentHtml();
        assertFalse(html.contains("steal"), html);
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("बुरी कड़ी"), html);
        assertTrue(html.contains("<img src=\"https://samachar.example/x.png\">"), html);
    }

    @Test
    void relative_links_resolve_against_the_article_url_when_it_has_one() throws Exception {
        Draft d = new Draft();
        d.format = BodyFormat.HTML;
        d.url = "https://example.org/videsh/asia/lekh-1";
        d.body = "<p><a href=\"agla\">अगला</a> <a href=\"/khel\">खेल</a></p>";
        String html = normalise(d).contentHtml();
        assertTrue(html.contains("href=\"https://example.org/videsh/asia/agla\""), html);
        assertTrue(html.contains("href=\"https://example.org/khel\""), html);
    }

    @Test
    void relative_links_resolve_against_the_site_when_the_article_has_no_url() throws Exception {
        Draft d = new Draft();
        d.format = BodyFormat.MARKDOWN;
        d.body = "[खेल](/khel/cricket) और [आज](aaj)";
        String html = normalise(d).contentHtml();
        assertTrue(html.contains("href=\"https://samachar.example/khel/cricket\""), html);
        assertTrue(html.contains("href=\"https://samachar.example/aaj\""), html);
    }

    @Test
    void html_body_keeps_devanagari_and_drops_handlers() throws Exception {
        Draft d = new Draft();
        d.format = BodyFormat.HTML;
        d.body = "<p onclick=\"x()\">केंद्र की निदेशक ने बताया।</p>";
        assertEquals("<p>केंद्र की निदेशक ने बताया।</p>", normalise(d).contentHtml());
    }

    @Test
    void empty_body_gives_empty_content() throws Exception {
        Draft d = new Draft();
        d.body = "  \n ";
        assertEquals("", normalise(d).contentHtml());
        assertEquals("", normalise(d).summary());
    }

    // ---- title and id ----------------------------------------------------------------------------------------------

    @Test
    void missing_title_is_rejected_with_a_message_naming_title_and_the_file() {
        Draft d = new Draft();
        d.title = "";
        ArticleException e = assertThrows(ArticleException.class, () -> normalise(d));
        assertTrue(e.getMessage().contains("'title'"), e.getMessage());
        assertTrue(e.getMessage().contains("test/lekh-1.json"), e.getMessage());
    }

    @Test
    void title_of_only_spaces_controls_and_marks_counts_as_missing() {
        Draft d = new Draft();
        d.title = " \u00A0\u0008\u094D\u200D ";
        ArticleException e = assertThrows(ArticleException.class, () -> normalise(d));
        assertTrue(e.getMessage().contains("title"), e.getMessage());
    }

    @Test
    void title_is_cleaned_to_one_normalised_line() throws Exception {
        Draft d = new Draft();
        d.title = "\u00A0 \u095Bिले में\n  बैठक\u0000 ";
        assertEquals("\u091C\u093Cिले में बैठक", normalise(d).title());
    }

    @Test
    void article_key_is_source_name_slash_id() throws Exception {
        Draft d = new Draft();
        d.id = " desh/rajya/lekh-1 ";
        Article a = normalise(d);
        assertEquals("desh/rajya/lekh-1", a.id());
        assertEquals("local/desh/rajya/lekh-1", a.key());
    }

    // ---- summary ---------------------------------------------------------------------------------------------------

    @Test
    void summary_given_by_the_publisher_is_kept() throws Exception {
        Draft d = new Draft();
        d.summary = "केंद्र ने दो नई कक्षाएं शुरू कीं।";
        d.body = "कुछ और लिखा है।";
        assertEquals("केंद्र ने दो नई कक्षाएं शुरू कीं।", normalise(d).summary());
    }

    @Test
    void summary_is_derived_from_the_content_text_when_absent() throws Exception {
        Draft d = new Draft();
        d.format = BodyFormat.HTML;
        d.body = "<p><b>पेनांग:</b> हिंदी सीखने वाले बढ़े।</p><p>पिछले साल 90 थे।</p>";
        assertEquals("पेनांग: हिंदी सीखने वाले बढ़े। पिछले साल 90 थे।", normalise(d).summary());
    }

    @Test
    void derived_summary_shows_markup_characters_as_written_not_as_entities() throws Exception {
        Draft d = new Draft();
        d.body = "सेंसेक्स <80,000> पर & निफ्टी भी।";
        assertEquals("सेंसेक्स <80,000> पर & निफ्टी भी।", normalise(d).summary());
    }

    @Test
    void derived_summary_of_a_long_body_is_cut_at_a_word_with_an_ellipsis() throws Exception {
        Draft d = new Draft();
        d.body = "समाचार ".repeat(100).strip();   // 699 characters
        String summary = normalise(d).summary();
        assertTrue(summary.endsWith("समाचार…"), summary);
        assertTrue(summary.codePointCount(0, summary.length()) <= 301, summary);
        assertTrue(summary.length() > 150, summary);
    }

    // ---- language --------------------------------------------------------------------------------------------------

    @Test
    void language_defaults_to_the_site_language() throws Exception {
        assertEquals(LanguageTag.HINDI, normalise(new Draft()).language());
    }

    @Test
    void article_may_override_the_language() throws Exception {
        Draft d = new Draft();
        d.language = "EN-in";
        assertEquals("en-IN", normalise(d).language().value());
    }

    @Test
    void bad_language_tag_is_refused_with_the_hint() {
        Draft d = new Draft();
        d.language = "hi_IN";
        ArticleException e = assertThrows(ArticleException.class, () -> normalise(d));
        assertTrue(e.getMessage().contains("language"), e.getMessage());
        assertTrue(e.getMessage().contains("'hi-IN'"), e.getMessage());
    }

    @Test
    void garbage_language_tag_is_refused() {
        Draft d = new Draft();
        d.language = "हिंदी";
        ArticleException e = assertThrows(ArticleException.class, () -> normalise(d));
        assertTrue(e.getMessage().contains("language"), e.getMessage());
    }

    // ---- dates -----------------------------------------------------------------------------------------------------

    @Test
    void published_without_offset_is_read_in_the_site_zone_and_updated_defaults_to_it() throws Exception {
        Draft d = new Draft();
        d.published = "2026-11-27T09:30:00";
        Article a = normalise(d);
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), a.published());
        assertEquals(a.published(), a.updated());
    }

    @Test
    void article_without_dates_is_dated_by_the_file() throws Exception {
        Article a = normalise(new Draft());
        assertEquals(FILE_TIME, a.published());
        assertEquals(FILE_TIME, a.updated());
    }

    @Test
    void updated_before_published_is_raised_to_published() throws Exception {
        Draft d = new Draft();
        d.published = "2026-11-27T09:30:00+05:30";
        d.updated = "2026-11-26T09:30:00+05:30";
        Article a = normalise(d);
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), a.updated());
    }

    @Test
    void unreadable_date_is_refused_with_a_message_naming_the_field() {
        Draft d = new Draft();
        d.updated = "कल शाम";
        ArticleException e = assertThrows(ArticleException.class, () -> normalise(d));
        assertTrue(e.getMessage().contains("updated"), e.getMessage());
        assertTrue(e.getMessage().contains("कल शाम"), e.getMessage());
    }

    // ---- url, image, lists -----------------------------------------------------------------------------------------

    @Test
    void relative_article_url_is_refused() {
        Draft d = new Draft();
        d.url = "/videsh/lekh-1";
        ArticleException e = assertThrows(ArticleException.class, () -> normalise(d));
        assertTrue(e.getMessage().contains("url"), e.getMessage());
    }

    @Test
    void javascript_article_url_is_refused() {
        Draft d = new Draft();
        d.url = "javascript:alert(1)";
        assertThrows(ArticleException.class, () -> normalise(d));
    }

    @Test
    void image_with_url_caption_and_credit_is_kept() throws Exception {
        Draft d = new Draft();
        d.imageUrl = "https://example.org/images/a.jpg";
        d.imageCaption = " पाठक ";
        d.imageCredit = "प्रवाह समाचार";
        Image image = normalise(d).image().orElseThrow();
        assertEquals(Optional.of(URI.create("https://example.org/images/a.jpg")), image.url());
        assertEquals("पाठक", image.caption());
        assertEquals("प्रवाह समाचार", image.credit());
    }

    @Test
    void image_path_on_the_site_resolves_against_the_site_like_links_in_content() throws Exception {
        Draft d = new Draft();
        d.imageCaption = "पेनांग की कक्षा";
        for (String path : List.of("/chitra/penang-kaksha.jpg", "chitra/penang-kaksha.jpg")) {
            d.imageUrl = path;
            Image image = normalise(d).image().orElseThrow();
            assertEquals(Optional.of(URI.create("https://samachar.example/chitra/penang-kaksha.jpg")), image.url(),
                    path);
            assertEquals("पेनांग की कक्षा", image.caption());
        }
    }

    @Test
    void image_path_resolves_against_the_article_url_when_it_has_one_like_links_in_content() throws Exception {
        Draft d = new Draft();
        d.url = "https://example.org/videsh/asia/lekh-1";
        d.imageUrl = "chitra/kaksha.jpg";
        d.format = BodyFormat.HTML;
        d.body = "<p><img src=\"chitra/kaksha.jpg\" alt=\"कक्षा\"></p>";
        Article a = normalise(d);
        assertEquals(Optional.of(URI.create("https://example.org/videsh/asia/chitra/kaksha.jpg")),
                a.image().orElseThrow().url());
        assertTrue(a.contentHtml().contains("src=\"https://example.org/videsh/asia/chitra/kaksha.jpg\""),
                a.contentHtml());
    }

    @Test
    void unusable_image_url_drops_the_image_with_a_warning_naming_the_file_and_field_and_keeps_the_article()
            throws Exception {
        for (String bad : List.of("javascript:alert(1)", "ftp://example.org/a.jpg", "http://", "data:image/png;base64,AA",
                "https://example.org/चित्र 1.jpg", "http://[::1")) {
            Draft d = new Draft();
            d.imageUrl = bad;
            d.imageCaption = "पाठक";
            List<ArticleWarning> warnings = new ArrayList<>();
            Article a = normaliser.normalise("local", d.build(), warnings);
            assertEquals("पेनांग में हिंदी कक्षाएं", a.title(), bad);
            assertTrue(a.image().isEmpty(), bad);
            assertEquals(1, warnings.size(), bad + ": " + warnings);
            String message = warnings.get(0).message();
            assertTrue(message.startsWith("test/lekh-1.json: image.url: '" + bad + "' "), message);
            assertTrue(message.contains("image dropped"), message);
        }
    }

    @Test
    void article_without_any_image_field_has_no_image() throws Exception {
        assertTrue(normalise(new Draft()).image().isEmpty());
    }

    @Test
    void categories_and_tags_are_cleaned_and_duplicates_dropped() throws Exception {
        Draft d = new Draft();
        d.categories = List.of(" विदेश ", "विदेश", "", "एशिया");
        d.tags = List.of("पुस्तक\u00A0मेला", "पुस्तक मेला", " ");
        Article a = normalise(d);
        assertEquals(List.of("विदेश", "एशिया"), a.categoryRefs());
        assertEquals(List.of("पुस्तक मेला"), a.tags());
    }

    @Test
    void blank_author_is_absent() throws Exception {
        Draft d = new Draft();
        d.author = " \u00A0";
        assertTrue(normalise(d).author().isEmpty());
        d.author = " सौरभ  मिश्रा ";
        assertEquals(Optional.of("सौरभ मिश्रा"), normalise(d).author());
    }
}
