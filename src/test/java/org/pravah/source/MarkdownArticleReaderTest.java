package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.catalog.Category;
import org.pravah.catalog.TestCategories;

class MarkdownArticleReaderTest {
    private final MarkdownArticleReader reader = new MarkdownArticleReader();

    private ArticleDraft fixture() throws ArticleException {
        List<ArticleDraft> drafts = Fixtures.read(reader, "md/front-matter.md");
        assertEquals(1, drafts.size());
        return drafts.get(0);
    }

    private List<ArticleDraft> readText(String text, List<String> warnings) throws ArticleException {
        return reader.read(text, new ArticleFile("vyapar/lekh", Fixtures.FILE_TIME, "articles/vyapar/lekh.md"), warnings);
    }

    @Test
    void front_matter_fields_are_read() throws Exception {
        Article a = Fixtures.normalise(fixture());
        assertEquals("हफ़्ते भर में सेंसेक्स 1.8 फ़ीसदी चढ़ा, रुपया भी मज़बूत", a.title());
        assertEquals("विदेशी निवेश और कच्चे तेल में नरमी से बाज़ार ने लगातार दूसरे हफ़्ते बढ़त दर्ज की।", a.summary());
        assertEquals(Optional.of("मनोज खत्री"), a.author());
        assertEquals(List.of("vyapar"), a.categoryRefs());
    }

    @Test
    void flow_list_of_tags_gives_two_tags_the_first_with_a_space() throws Exception {
        assertEquals(List.of("शेयर बाज़ार", "रुपया"), Fixtures.normalise(fixture()).tags());
    }

    @Test
    void unquoted_yaml_timestamp_is_read_as_written_with_its_offset() throws Exception {
        assertEquals("2026-11-28T11:15:00+05:30", fixture().published());
        assertEquals(Instant.parse("2026-11-28T05:45:00Z"), Fixtures.normalise(fixture()).published());
    }

    @Test
    void id_defaults_to_the_path_without_extension() throws Exception {
        assertEquals("md/front-matter", fixture().id());
    }

    @Test
    void article_is_filed_under_vyapar() throws Exception {
        assertEquals(List.of("vyapar"), TestCategories.tree().resolveAll(Fixtures.normalise(fixture()).categoryRefs())
                .stream().map(Category::path).toList());
    }

    @Test
    void markdown_body_is_rendered_bold_dateline_list_and_link() throws Exception {
        ArticleDraft d = fixture();
        assertEquals(ArticleDraft.BodyFormat.MARKDOWN, d.bodyFormat());
        assertFalse(d.body().contains("---"), "the front matter is not part of the body");
        String html = Fixtures.normalise(d).contentHtml();
        assertTrue(html.startsWith("<p><strong>मुंबई:</strong> शेयर बाज़ार"), html);
        assertTrue(html.contains("<li>विदेशी निवेशकों की ख़रीदारी</li>"), html);
        assertTrue(html.contains("<li>कच्चे तेल के दाम में नरमी</li>"), html);
        assertEquals(1, html.split("<ul>", -1).length - 1, html);
        assertEquals(3, html.split("<p>", -1).length - 1, html);
        assertTrue(html.contains("<a href=\"https://example.org/vyapar/saptahik-samiksha\">यहां पढ़ें</a>।"), html);
        assertFalse(html.contains("title:"), html);
    }

    @Test
    void crlf_markdown_file_reads_like_lf() throws Exception {
        String lf = "---\ntitle: \"बाज़ार\"\ncategories: [vyapar]\n---\nपहला अनुच्छेद।\n\nदूसरा अनुच्छेद।\n";
        ArticleDraft fromLf = readText(lf, new ArrayList<>()).get(0);
        ArticleDraft fromCrlf = readText(lf.replace("\n", "\r\n"), new ArrayList<>()).get(0);
        assertEquals(fromLf.title(), fromCrlf.title());
        assertEquals(Fixtures.normalise(fromLf).contentHtml(), Fixtures.normalise(fromCrlf).contentHtml());
        assertEquals("<p>पहला अनुच्छेद।</p>\n<p>दूसरा अनुच्छेद।</p>", Fixtures.normalise(fromCrlf).contentHtml());
    }

    @Test
    void unquoted_number_in_the_front_matter_tags_is_read_as_a_tag() throws Exception {
        // YAML reads an unquoted 2026 as a number; writers of front matter do not quote years
        ArticleDraft d = readText("---\ntitle: चुनाव नतीजे\ntags: [चुनाव, 2026]\n---\nपाठ\n", new ArrayList<>()).get(0);
        assertEquals(List.of("चुनाव", "2026"), Fixtures.normalise(d).tags());
    }

    @Test
    void file_without_front_matter_is_refused() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("# शीर्षक\n\nपहला अनुच्छेद।\n", new ArrayList<>()));
        assertTrue(e.getMessage().contains("articles/vyapar/lekh.md"), e.getMessage());
        assertTrue(e.getMessage().contains("front matter"), e.getMessage());
    }

    @Test
    void broken_front_matter_is_refused_with_the_line_in_the_file() {
        ArticleException e = assertThrows(ArticleException.class,
                () -> readText("---\ntitle: बाज़ार\nsummary: [अधूरी\nx: y\n---\nपाठ\n", new ArrayList<>()));
        assertTrue(e.getMessage().contains("articles/vyapar/lekh.md"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void front_matter_that_is_not_a_mapping_is_refused() {
        assertThrows(ArticleException.class, () -> readText("---\n- एक\n- दो\n---\nपाठ\n", new ArrayList<>()));
    }

    @Test
    void body_key_in_front_matter_is_ignored_with_a_warning() throws Exception {
        List<String> warnings = new ArrayList<>();
        ArticleDraft d = readText("---\ntitle: बाज़ार\nbody: पुराना\n---\nनया पाठ\n", warnings).get(0);
        assertEquals("<p>नया पाठ</p>", Fixtures.normalise(d).contentHtml());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'body'"), warnings.get(0));
    }
}
