package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.source.ArticleDocument.FieldProblem;

class ArticleDocumentTest {
    private static final ArticleNormaliser NORMALISER = new ArticleNormaliser(new SiteDefaults(
            LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "https://samachar.example"));
    private static final Instant CREATED = Instant.parse("2026-11-30T04:00:00Z");

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ArticleDocumentTest.class.getResourceAsStream("/fixtures/store/" + name)) {
            return in.readAllBytes();
        }
    }

    private static ArticleDocument.Checked check(String json, Optional<String> pathId) throws ArticleException {
        return ArticleDocument.check(ArticleDocument.parse(json.getBytes(StandardCharsets.UTF_8)), pathId, "cms",
                NORMALISER, CREATED);
    }

    private static Map<String, String> problems(ArticleDocument.Checked checked) {
        return assertInstanceOf(ArticleDocument.Invalid.class, checked).problems().stream()
                .collect(Collectors.toMap(FieldProblem::pointer, FieldProblem::detail, (a, b) -> a + " | " + b));
    }

    @Test
    void every_bad_field_is_listed_with_its_json_pointer() throws Exception {
        Map<String, String> problems = problems(check("""
                {"id": "सही नहीं", "titel": "टाइपो", "url": "ftp://samachar.example/x", "published": "परसों",
                 "updated": "2026-13-40", "language": "हिंदी", "tags": ["ठीक", 7], "image": {"url": "ftp://चित्र", "size": 3},
                 "author": ["दो", "लेखक"]}
                """, Optional.empty()));
        assertEquals(List.of("#/author", "#/id", "#/image/size", "#/image/url", "#/language", "#/published",
                "#/tags/1", "#/titel", "#/title", "#/updated", "#/url"), problems.keySet().stream().sorted().toList());
        assertTrue(problems.get("#/title").contains("missing required field 'title'"), problems.get("#/title"));
        assertTrue(problems.get("#/published").contains("परसों"), problems.get("#/published"));
        assertTrue(problems.get("#/url").contains("not an absolute http(s) URL"), problems.get("#/url"));
    }

    @Test
    void an_image_path_is_resolved_against_the_site_as_in_a_file_and_an_unusable_image_url_is_refused()
            throws Exception {
        ArticleDocument.Valid valid = assertInstanceOf(ArticleDocument.Valid.class, check("""
                {"title": "तटीय शहरों में सफ़ाई अभियान", "image": {"url": "/chitra/tat.png"}}
                """, Optional.of("tat-safai")));
        assertEquals(Optional.of(URI.create("https://samachar.example/chitra/tat.png")),
                read(valid).image().orElseThrow().url());
        Map<String, String> problems = problems(check("""
                {"title": "तटीय शहरों में सफ़ाई अभियान", "image": {"url": "javascript:alert(1)"}}
                """, Optional.of("tat-safai")));
        assertEquals(List.of("#/image/url"), List.copyOf(problems.keySet()));
        assertTrue(problems.get("#/image/url").startsWith("image.url: 'javascript:alert(1)'"), problems.toString());
    }

    /** The article a stored document reads as, as the store source reads it. */
    private static Article read(ArticleDocument.Valid valid) throws ArticleException {
        return ArticleDocument.read(valid.document(), "cms", valid.id(), CREATED, NORMALISER);
    }

    @Test
    void a_valid_document_reads_exactly_like_the_same_json_file(@TempDir Path dir) throws Exception {
        byte[] bytes = fixture("chunav.json");
        Files.write(dir.resolve("bihar-matdan-doosra-charan.json"), bytes);
        SourceLoad fromFile = new DirectorySource("cms", dir, "lekh", NORMALISER).load();
        Article file = fromFile.articles().get(0);

        ArticleDocument.Valid valid = assertInstanceOf(ArticleDocument.Valid.class,
                ArticleDocument.check(ArticleDocument.parse(bytes), Optional.empty(), "cms", NORMALISER, CREATED));
        Article stored = read(valid);
        assertEquals(file.key(), stored.key());
        assertEquals(file.title(), stored.title());
        assertEquals(file.summary(), stored.summary());
        assertEquals(file.contentHtml(), stored.contentHtml());
        assertEquals(file.categoryRefs(), stored.categoryRefs());
        assertEquals(file.tags(), stored.tags());
        assertEquals(file.published(), stored.published());
        assertEquals(file.author(), stored.author());
        assertEquals(file.image(), stored.image());
        assertEquals("bihar-matdan-doosra-charan", valid.document().path("id").asText());
    }

    @Test
    void html_is_sanitised_and_local_dates_read_in_the_site_zone_as_for_files() throws Exception {
        ArticleDocument.Valid valid = assertInstanceOf(ArticleDocument.Valid.class, ArticleDocument.check(
                ArticleDocument.parse(fixture("cricket.json")), Optional.empty(), "cms", NORMALISER, CREATED));
        assertTrue(!read(valid).contentHtml().contains("script"), read(valid).contentHtml());
        assertEquals(Instant.parse("2026-11-29T12:10:00Z"), read(valid).published());
    }

    @Test
    void an_article_without_a_date_is_dated_by_its_creation_in_the_store() throws Exception {
        ArticleDocument.Valid valid = assertInstanceOf(ArticleDocument.Valid.class,
                check("{\"id\": \"bina-tareekh\", \"title\": \"बिना तारीख़ की ख़बर\"}", Optional.empty()));
        assertEquals(CREATED, read(valid).published());
    }

    @Test
    void the_id_in_the_url_wins_and_a_different_one_in_the_body_is_an_error() throws Exception {
        ArticleDocument.Valid valid = assertInstanceOf(ArticleDocument.Valid.class,
                check("{\"title\": \"पता से पहचान\"}", Optional.of("pata-se")));
        assertEquals("pata-se", valid.id());
        assertEquals("pata-se", valid.document().path("id").asText());

        Map<String, String> problems = problems(check("{\"id\": \"doosra\", \"title\": \"टकराव\"}",
                Optional.of("pehla")));
        assertEquals(List.of("#/id"), List.copyOf(problems.keySet()));
    }

    @Test
    void a_body_that_is_not_utf8_is_refused_with_the_byte_offset() {
        byte[] latin1 = "{\"title\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        ArticleException e = assertThrows(ArticleException.class, () -> ArticleDocument.parse(latin1));
        assertTrue(e.getMessage().contains("byte offset 14"), e.getMessage());
    }

    @Test
    void broken_json_is_refused_with_line_and_column() {
        byte[] broken = "{\n  \"title\": \"अधूरा\",\n  \"tags\": [\n}".getBytes(StandardCharsets.UTF_8);
        ArticleException e = assertThrows(ArticleException.class, () -> ArticleDocument.parse(broken));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void a_document_that_is_not_an_object_is_refused() throws Exception {
        JsonNode array = ArticleDocument.parse("[{\"title\": \"सूची\"}]".getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(ArticleDocument.Invalid.class,
                ArticleDocument.check(array, Optional.of("x"), "cms", NORMALISER, CREATED));
    }
}
