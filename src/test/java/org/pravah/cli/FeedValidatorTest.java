package org.pravah.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedValidatorTest {
    private static final String RSS = "application/rss+xml";
    private static final String ATOM = "application/atom+xml";
    private static final String JSON_FEED = "application/feed+json";

    private final FeedValidator validator = new FeedValidator(100_000);

    private static String rss(String channelExtra, String items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
                  <channel>
                    <title>परख समाचार</title>
                    <link>https://parakh.example.org/</link>
                    <description>ताज़ा समाचार</description>
                    <atom:link href="https://parakh.example.org/feeds/all.rss" rel="self" type="application/rss+xml" />
                """ + channelExtra + items + """
                  </channel>
                </rss>
                """;
    }

    private static String item(String guid, String pubDate) {
        return "<item><title>पुल का उद्घाटन</title><guid>" + guid + "</guid><pubDate>" + pubDate
                + "</pubDate></item>\n";
    }

    private static String atom(String lang, String entries) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">
                  <updated>2026-11-25T09:00:00+05:30</updated>
                  <id>https://parakh.example.org/feeds/all.atom</id>
                  <title>परख समाचार</title>
                  <author><name>परख समाचार</name></author>
                %s</feed>
                """.formatted(lang, entries);
    }

    private static String entry(String id, String updated) {
        return "<entry><id>" + id + "</id><title>कबड्डी फ़ाइनल</title><updated>" + updated + "</updated></entry>\n";
    }

    private FeedValidator.Result check(String mediaType, String document) {
        return validator.validate(mediaType, document.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_complete_rss_feed_passes_and_its_items_are_counted() {
        FeedValidator.Result result = check(RSS, rss("<language>hi</language>\n<pubDate>Wed, 25 Nov 2026 09:00:00 +0530</pubDate>\n",
                item("https://parakh.example.org/articles/local/a", "Wed, 25 Nov 2026 09:00:00 +0530")
                        + item("https://parakh.example.org/articles/local/b", "Tue, 24 Nov 2026 12:00:00 +0530")));
        assertEquals(List.of(), result.problems());
        assertEquals(2, result.items());
    }

    @Test
    void rss_without_language_and_with_a_repeated_guid_and_a_bad_date_gets_one_problem_each() {
        FeedValidator.Result result = check(RSS, rss("",
                item("https://parakh.example.org/articles/local/a", "2026-11-25 09:00")
                        + item("https://parakh.example.org/articles/local/a", "Wed, 25 Nov 2026 09:00:00 +0530")));
        assertEquals(List.of(
                "<channel> has no <language>",
                "item 1 <pubDate> '2026-11-25 09:00' is not an RFC 822 date",
                "item 2 repeats the <guid> of item 1: https://parakh.example.org/articles/local/a"), result.problems());
    }

    @Test
    void an_rss_item_needs_a_title_or_a_description() {
        FeedValidator.Result result = check(RSS, rss("<language>hi</language>\n",
                "<item><link>https://parakh.example.org/x</link></item>\n"));
        assertEquals(List.of("item 1 has neither <title> nor <description>"), result.problems());
    }

    @Test
    void broken_xml_is_reported_with_line_and_column() {
        FeedValidator.Result result = check(RSS, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n</rss>\n");
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("not well-formed XML: "), result.problems().toString());
        assertTrue(result.problems().get(0).contains("(line 3, column"), result.problems().toString());
    }

    @Test
    void a_doctype_is_refused_so_no_entity_can_read_a_file(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "गुप्त", StandardCharsets.UTF_8);
        String document = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + rss("<language>hi</language>\n", "<item><title>&x;</title></item>\n")
                .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".length());
        FeedValidator.Result result = check(RSS, document);
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).contains("DOCTYPE"), result.problems().toString());
    }

    @Test
    void a_document_over_the_size_limit_is_a_problem() {
        String document = rss("<language>hi</language>\n", item("https://parakh.example.org/a",
                "Wed, 25 Nov 2026 09:00:00 +0530"));
        int size = document.getBytes(StandardCharsets.UTF_8).length;
        FeedValidator.Result result = new FeedValidator(size - 1).validate(RSS, document.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(size + " bytes, over the limit of " + (size - 1)), result.problems());
    }

    @Test
    void a_complete_atom_feed_passes() {
        FeedValidator.Result result = check(ATOM, atom("hi", entry("https://parakh.example.org/articles/local/a",
                "2026-11-25T09:00:00+05:30") + entry("https://parakh.example.org/articles/local/b", "2026-11-24T06:30:00Z")));
        assertEquals(List.of(), result.problems());
        assertEquals(2, result.items());
    }

    @Test
    void atom_needs_a_language_entry_ids_that_differ_and_rfc_3339_dates_with_seconds_and_offset() {
        FeedValidator.Result result = check(ATOM, atom("", entry("https://parakh.example.org/a", "2026-11-25T09:00")
                + entry("https://parakh.example.org/a", "2026-11-25T09:00:00+05:30")
                + "<entry><id>https://parakh.example.org/c</id><title>तीसरा</title></entry>\n"));
        assertEquals(List.of(
                "<feed> has no xml:lang",
                "entry 1 <updated> '2026-11-25T09:00' is not an RFC 3339 date-time",
                "entry 2 repeats the <id> of entry 1: https://parakh.example.org/a",
                "entry 3 has no <updated>"), result.problems());
    }

    @Test
    void a_language_that_is_not_bcp_47_is_a_problem() {
        FeedValidator.Result result = check(ATOM, atom("hi_IN", ""));
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).startsWith("language: 'hi_IN' is not a BCP 47 language tag"),
                result.problems().toString());
    }

    @Test
    void a_json_feed_is_checked_for_version_title_language_ids_content_and_dates() {
        String good = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "परख समाचार", "language": "hi",
                 "items": [{"id": "a", "content_text": "पुल का उद्घाटन", "date_published": "2026-11-25T09:00:00+05:30"}]}
                """;
        assertEquals(List.of(), check(JSON_FEED, good).problems());
        assertEquals(1, check(JSON_FEED, good).items());
        String bad = """
                {"version": "1", "title": "परख", "items": [
                  {"id": "a", "content_html": "<p>एक</p>", "date_modified": "25 Nov 2026"},
                  {"id": "a"}]}
                """;
        assertEquals(List.of(
                "\"version\" is not a https://jsonfeed.org/version/ URL",
                "the feed has no \"language\"",
                "item 1 \"date_modified\" '25 Nov 2026' is not an RFC 3339 date-time",
                "item 2 repeats the \"id\" of item 1: a",
                "item 2 has neither \"content_html\" nor \"content_text\""), check(JSON_FEED, bad).problems());
        assertTrue(check(JSON_FEED, "{\"items\": [").problems().get(0).startsWith("not well-formed JSON"));
    }
}
