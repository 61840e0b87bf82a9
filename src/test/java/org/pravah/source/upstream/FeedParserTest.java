package org.pravah.source.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FeedParserTest {
    private static final URI PARTNER = URI.create("https://partner.example/rss/world.xml");
    private final FeedParser parser = new FeedParser(ZoneId.of("Asia/Kolkata"));

    private ParsedFeed parse(String xml) throws UpstreamException {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=utf-8", PARTNER,
                "partner");
    }

    private static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>साझेदार</title>"
                + "<link>https://partner.example/</link><description>d</description>" + items + "</channel></rss>";
    }

    @Test
    void hindi_rss_2_items_keep_title_author_link_categories_and_the_ist_date_as_india_time() throws Exception {
        ParsedFeed feed = parser.parse(StubUpstream.fixture("rss-hindi.xml"), "application/rss+xml", PARTNER, "partner");
        assertEquals("RSS 2.0", feed.format());
        assertEquals(3, feed.entries().size());
        UpstreamEntry first = feed.entries().get(0);
        assertEquals("नेपाल में भारी बर्फ़बारी से सड़कें बंद", first.title());
        assertEquals("https://partner.example/videsh/nepal-barf", first.link());
        assertEquals("partner-1001", first.guid());
        assertEquals("सीमा थापा", first.author());
        assertEquals("2026-11-27T04:00:00Z", first.published());
        assertEquals(List.of("World"), first.categories());
        assertEquals("hi-IN", first.language());
        assertEquals("काठमांडू घाटी में दो दिन से बर्फ़ गिर रही है।", first.summary());
        assertEquals(List.of("Sports", "क्रिकेट"), feed.entries().get(1).categories());
        assertEquals("2026-11-26T12:45:00Z", feed.entries().get(1).published());
        assertEquals("2026-11-25T08:00:00Z", feed.entries().get(2).published());
    }

    @Test
    void upstream_html_is_sanitised_and_its_relative_links_point_to_the_upstream() throws Exception {
        UpstreamEntry first = parser.parse(StubUpstream.fixture("rss-hindi.xml"), "", PARTNER, "partner")
                .entries().get(0);
        String html = first.contentHtml();
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("onclick"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("href=\"https://partner.example/yatra/salah\""), html);
        assertTrue(html.contains("src=\"https://partner.example/chitra/barf.jpg\""), html);
    }

    @Test
    void media_rss_and_image_enclosures_give_the_item_image() throws Exception {
        List<UpstreamEntry> entries = parser.parse(StubUpstream.fixture("rss-hindi.xml"), "", PARTNER, "partner")
                .entries();
        assertEquals("https://partner.example/chitra/nepal-barf.jpg", entries.get(0).imageUrl());
        assertEquals("पार्टनर फ़ोटो", entries.get(0).imageCredit());
        assertEquals("बर्फ़ से ढकी सड़क", entries.get(0).imageCaption());
        assertEquals("https://partner.example/chitra/ranji.png", entries.get(1).imageUrl());
        assertEquals("", entries.get(2).imageUrl());
    }

    @Test
    void hindi_atom_1_entries_keep_ids_dates_text_and_html_and_resolve_relative_links() throws Exception {
        ParsedFeed feed = parser.parse(StubUpstream.fixture("atom-hindi.xml"), "application/atom+xml",
                URI.create("https://agency.example/atom.xml"), "agency");
        assertEquals("Atom 1.0", feed.format());
        UpstreamEntry first = feed.entries().get(0);
        assertEquals("urn:agency:2026:4411", first.guid());
        assertEquals("संसद का शीतकालीन सत्र सोमवार से", first.title());
        assertEquals("राजेश वर्मा", first.author());
        assertEquals("2026-11-27T05:30:00Z", first.published());
        assertEquals("2026-11-27T06:15:00Z", first.updated());
        assertEquals("सत्र में बारह विधेयक पेश होने की संभावना है।", first.summary());
        assertTrue(first.contentHtml().contains("<p>विपक्ष ने महँगाई पर चर्चा की माँग की है।</p>"), first.contentHtml());
        assertEquals("hi", first.language());
        UpstreamEntry second = feed.entries().get(1);
        assertEquals("बाज़ार नई ऊँचाई पर", second.title());
        assertEquals("https://agency.example/vyapar/bazaar", second.link());
        assertEquals("<p>सेंसेक्स ने आज नया रिकॉर्ड बनाया।</p><p>निवेशकों में उत्साह है।</p>", second.contentHtml());
        assertEquals(List.of("Business"), second.categories());
        assertEquals("2026-11-26T10:00:00Z", second.published(), "an entry with only <updated> is dated by it");
    }

    @Test
    void atom_0_3_and_rss_1_0_are_read_too() throws Exception {
        String atom03 = "<?xml version=\"1.0\"?><feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>पुराना</title>"
                + "<modified>2026-11-27T04:00:00Z</modified><entry><title>पुरानी प्रविष्टि</title>"
                + "<link rel=\"alternate\" type=\"text/html\" href=\"https://old.example/1\"/><id>tag:old.example,2026:1</id>"
                + "<issued>2026-11-27T09:30:00+05:30</issued><modified>2026-11-27T04:00:00Z</modified></entry></feed>";
        ParsedFeed a = parser.parse(atom03.getBytes(StandardCharsets.UTF_8), "", PARTNER, "old");
        assertEquals("Atom 0.3", a.format());
        assertEquals("पुरानी प्रविष्टि", a.entries().get(0).title());
        assertEquals("2026-11-27T04:00:00Z", a.entries().get(0).published());
        String rss10 = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel rdf:about=\"https://rdf.example/\"><title>आरडीएफ़</title><link>https://rdf.example/</link>"
                + "<description>d</description></channel><item rdf:about=\"https://rdf.example/1\"><title>पहली ख़बर</title>"
                + "<link>https://rdf.example/1</link><dc:date>2026-11-27T09:30:00+05:30</dc:date></item></rdf:RDF>";
        ParsedFeed r = parser.parse(rss10.getBytes(StandardCharsets.UTF_8), "", PARTNER, "rdf");
        assertEquals("RSS 1.0", r.format());
        assertEquals("https://rdf.example/1", r.entries().get(0).link());
        assertEquals("2026-11-27T04:00:00Z", r.entries().get(0).published());
    }

    @Test
    void json_feed_1_1_items_are_read_with_authors_tags_images_and_sanitised_html() throws Exception {
        ParsedFeed feed = parser.parse(StubUpstream.fixture("jsonfeed-hindi.json"), "application/feed+json",
                URI.create("https://tech.example/feed.json"), "tech");
        assertEquals("JSON Feed 1.1", feed.format());
        UpstreamEntry phone = feed.entries().get(0);
        assertEquals("tech-77", phone.guid());
        assertEquals("देसी कंपनी का सस्ता फ़ोन बाज़ार में", phone.title());
        assertEquals("तकनीक डेस्क", phone.author());
        assertEquals(List.of("Technology", "मोबाइल"), phone.categories());
        assertEquals("https://tech.example/img/phone.jpg", phone.imageUrl());
        assertEquals("2026-11-27T02:30:00Z", phone.published());
        assertFalse(phone.contentHtml().contains("iframe"), phone.contentHtml());
        assertTrue(phone.contentHtml().contains("<strong>आठ हज़ार</strong>"), phone.contentHtml());
        UpstreamEntry ai = feed.entries().get(1);
        assertEquals("78", ai.guid());
        assertEquals("अनु मेहता", ai.author());
        assertEquals("<p>शोधकर्ताओं ने बाईस भाषाओं का मॉडल जारी किया।</p>", ai.contentHtml());
        assertEquals("", ai.published());
        assertTrue(feed.warnings().stream().anyMatch(w -> w.contains("date_published 'परसों'")), feed.warnings().toString());
    }

    @Test
    void a_windows_1252_feed_declared_in_the_http_header_is_decoded_by_that_charset() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>c</title>"
                + "<link>https://w.example/</link><description>d</description><item><title>“Café” costs 5 €"
                + " &#x0939;&#x093F;&#x0902;&#x0926;&#x0940;</title><link>https://w.example/1</link></item></channel></rss>";
        byte[] bytes = xml.getBytes(Charset.forName("windows-1252"));
        ParsedFeed feed = parser.parse(bytes, "application/rss+xml; charset=windows-1252", PARTNER, "w");
        assertEquals("“Café” costs 5 € हिंदी", feed.entries().get(0).title());
    }

    @Test
    void an_iso_8859_1_feed_declared_only_in_its_xml_declaration_is_decoded_by_it() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>c</title>"
                + "<link>https://l.example/</link><description>d</description><item><title>Señor Müller in Pune</title>"
                + "<link>https://l.example/1</link></item></channel></rss>";
        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.ISO_8859_1), "application/rss+xml", PARTNER, "l");
        assertEquals("Señor Müller in Pune", feed.entries().get(0).title());
    }

    @Test
    void utf_8_bytes_labelled_iso_8859_1_in_the_content_type_are_refused_instead_of_read_as_mojibake() {
        // no encoding in an XML declaration, which Rome would prefer to the header
        byte[] utf8 = rss("<item><title>हिंदी समाचार</title><link>https://x.example/1</link></item>").substring(38)
                .getBytes(StandardCharsets.UTF_8);
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> parser.parse(utf8, "application/rss+xml; charset=ISO-8859-1", PARTNER, "x"));
        int offset = new String(utf8, StandardCharsets.ISO_8859_1).indexOf('\u00e0');
        assertEquals("its Content-Type says ISO-8859-1, but the feed's bytes are UTF-8 (the first non-ASCII "
                + "character at offset " + offset + " is a multi-byte UTF-8 one); read as ISO-8859-1 its text would "
                + "be garbled (mojibake), so it is refused and the kept items stay; the upstream must fix its charset",
                e.getMessage());
    }

    @Test
    void utf_8_bytes_labelled_windows_1252_in_the_xml_declaration_are_refused_too() {
        byte[] utf8 = ("<?xml version=\"1.0\" encoding=\"windows-1252\"?>" + rss("<item><title>बाज़ार</title>"
                + "<link>https://x.example/1</link></item>").substring(38)).getBytes(StandardCharsets.UTF_8);
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> parser.parse(utf8, "application/rss+xml", PARTNER, "x"));
        assertTrue(e.getMessage().startsWith("its XML declaration says windows-1252, but the feed's bytes are UTF-8"),
                e.getMessage());
    }

    @Test
    void bytes_that_do_not_fit_the_declared_charset_fail_with_their_offset() {
        byte[] latin1 = rss("<item><title>Café</title><link>https://x.example/1</link></item>")
                .getBytes(StandardCharsets.ISO_8859_1);
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> parser.parse(latin1, "application/rss+xml; charset=utf-8", PARTNER, "x"));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        int offset = new String(latin1, StandardCharsets.ISO_8859_1).indexOf("é");
        assertTrue(e.getMessage().contains("offset " + offset), e.getMessage());
    }

    @Test
    void an_xxe_doctype_is_refused_and_no_file_is_read() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + rss("<item><title>&xxe;</title><link>https://x.example/1</link></item>").substring(38);
        UpstreamException e = assertThrows(UpstreamException.class, () -> parse(xxe));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void a_billion_laughs_doctype_is_refused_before_any_expansion() {
        StringBuilder doctype = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">");
        doctype.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                doctype.append("&lol").append(i - 1).append(';');
            }
            doctype.append("\">");
        }
        doctype.append("]>");
        String bomb = doctype + rss("<item><title>&lol9;</title></item>").substring(38);
        UpstreamException e = assertThrows(UpstreamException.class, () -> parse(bomb));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void malformed_xml_names_line_and_column() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> parse("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<item><title>टूटा</channel></rss>"));
        assertTrue(e.getMessage().startsWith("the XML is malformed at line 3"), e.getMessage());
    }

    @Test
    void an_html_page_or_an_empty_body_is_not_a_feed() {
        UpstreamException html = assertThrows(UpstreamException.class,
                () -> parse("<!-- x --><html><body>Login</body></html>"));
        assertTrue(html.getMessage().contains("not an RSS or Atom feed"), html.getMessage());
        UpstreamException empty = assertThrows(UpstreamException.class,
                () -> parser.parse(new byte[0], "text/html", PARTNER, "partner"));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        UpstreamException json = assertThrows(UpstreamException.class,
                () -> parser.parse("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json", PARTNER, "p"));
        assertTrue(json.getMessage().contains("not a JSON Feed"), json.getMessage());
    }

    /** What an internal page could hold; no error message may quote it (they are shown on /status). */
    private static final String SECRET = "गोपनीय-कुंजी-7731";

    private String failure(String body, String contentType) {
        return assertThrows(UpstreamException.class, () -> parser.parse(body.getBytes(StandardCharsets.UTF_8),
                contentType, PARTNER, "partner")).getMessage();
    }

    @Test
    void a_body_that_is_not_a_feed_is_described_by_its_type_and_size_without_quoting_it() {
        String message = failure("भीतरी सूचना: " + SECRET, "text/plain; charset=utf-8");
        assertTrue(message.startsWith("not a feed"), message);
        assertTrue(message.contains("Content-Type 'text/plain; charset=utf-8'"), message);
        assertFalse(message.contains(SECRET), message);
        assertFalse(message.contains("भीतरी"), message);
    }

    @Test
    void malformed_xml_names_its_position_but_quotes_no_markup() {
        String message = failure("<rss version=\"2.0\"><channel><" + SECRET + "></channel></rss>",
                "application/rss+xml");
        assertTrue(message.startsWith("the XML is malformed at line 1, column "), message);
        assertFalse(message.contains(SECRET), message);
    }

    @Test
    void an_xml_document_that_is_no_feed_is_not_named_by_its_root_element() {
        String other = failure("<?xml version=\"1.0\"?><" + SECRET + "><क>१</क></" + SECRET + ">", "application/xml");
        assertTrue(other.contains("not an RSS or Atom feed"), other);
        assertFalse(other.contains(SECRET), other);
        String html = failure("<html><head><title>" + SECRET + "</title></head></html>", "text/html; charset=utf-8");
        assertTrue(html.contains("not an RSS or Atom feed (an HTML page"), html);
        assertFalse(html.contains(SECRET), html);
    }

    @Test
    void malformed_json_or_a_foreign_json_document_is_described_without_quoting_it() {
        String token = failure("{\"a\": tकुंजी7731}", "application/json");
        assertTrue(token.startsWith("the JSON is malformed at line 1, column "), token);
        assertFalse(token.contains("कुंजी"), token);
        String version = failure("{\"version\": \"" + SECRET + "\", \"items\": []}", "application/json");
        assertTrue(version.contains("not a JSON Feed"), version);
        assertFalse(version.contains(SECRET), version);
    }

    @Test
    void an_encoding_name_from_the_body_that_java_does_not_know_is_not_quoted() {
        String message = failure("<?xml version=\"1.0\" encoding=\"x-kunji-7731\"?><rss/>", "application/xml");
        assertTrue(message.contains("character encoding"), message);
        assertFalse(message.toLowerCase(Locale.ROOT).contains("kunji"), message);
    }

    @Test
    void an_unreadable_date_is_reported_and_left_empty_instead_of_becoming_now() throws Exception {
        ParsedFeed feed = parse(rss("<item><title>तारीख़ ग़लत</title><link>https://x.example/1</link>"
                + "<pubDate>कल सुबह</pubDate></item>"));
        assertEquals("", feed.entries().get(0).published());
        assertEquals(1, feed.warnings().size());
        assertTrue(feed.warnings().get(0).contains("'कल सुबह' is not a date we can read"), feed.warnings().get(0));
    }

    @Test
    void duplicate_guids_keep_the_first_item_and_are_reported() throws Exception {
        ParsedFeed feed = parse(rss("<item><title>पहला</title><guid>same</guid></item>"
                + "<item><title>दूसरा</title><guid>same</guid></item><item><title>तीसरा</title><guid>other</guid></item>"));
        assertEquals(List.of("पहला", "तीसरा"), feed.entries().stream().map(UpstreamEntry::title).toList());
        assertTrue(feed.warnings().stream().anyMatch(w -> w.contains("'same' appears more than once")),
                feed.warnings().toString());
    }

    @Test
    void ids_come_from_guid_else_link_else_title_and_date_and_stay_the_same_across_fetches() throws Exception {
        String items = "<item><title>ए</title><guid>g-1</guid><link>https://x.example/a</link></item>"
                + "<item><title>बी</title><link>https://x.example/b</link></item>"
                + "<item><title>सी</title><pubDate>Fri, 27 Nov 2026 09:30:00 IST</pubDate></item>";
        List<UpstreamEntry> once = parse(rss(items)).entries();
        List<UpstreamEntry> again = parse(rss(items)).entries();
        assertEquals(once.stream().map(UpstreamEntry::id).toList(), again.stream().map(UpstreamEntry::id).toList());
        assertEquals(UpstreamEntries.stableId("g-1"), once.get(0).id());
        assertEquals(UpstreamEntries.stableId("https://x.example/b"), once.get(1).id());
        assertEquals(UpstreamEntries.stableId("सी\n2026-11-27T04:00:00Z"), once.get(2).id());
        assertNotEquals(once.get(0).id(), once.get(1).id());
        assertTrue(once.get(0).id().matches("[0-9a-f]{16}"), once.get(0).id());
    }

    @Test
    void an_item_without_title_takes_its_first_words_and_one_without_any_text_is_skipped() throws Exception {
        ParsedFeed feed = parse(rss("<item><description>केवल विवरण वाली ख़बर</description><guid>d</guid></item>"
                + "<item><guid>empty</guid></item>"));
        assertEquals(1, feed.entries().size());
        assertEquals("केवल विवरण वाली ख़बर", feed.entries().get(0).title());
        assertTrue(feed.warnings().stream().anyMatch(w -> w.contains("neither a title nor any text")));
    }

    @Test
    void a_javascript_link_is_dropped_and_reported() throws Exception {
        ParsedFeed feed = parse(rss("<item><title>लिंक</title><link>javascript:alert(1)</link></item>"));
        assertEquals("", feed.entries().get(0).link());
        assertTrue(feed.warnings().get(0).contains("not an http(s) address"), feed.warnings().toString());
    }

    @Test
    void markup_nested_too_deeply_is_an_upstream_error_not_a_crash() throws Exception {
        int depth = 200_000;
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><title>गहरा</title><id>i</id>"
                + "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">" + "<b>".repeat(depth) + "x"
                + "</b>".repeat(depth) + "</div></content></entry></feed>";
        Object[] outcome = new Object[1];
        // a poller thread's stack, not the test runner's larger main stack
        Thread t = new Thread(null, () -> {
            try {
                outcome[0] = parser.parse(atom.getBytes(StandardCharsets.UTF_8), "", PARTNER, "deep");
            } catch (UpstreamException e) {
                outcome[0] = e;
            }
        }, "parse", 512 * 1024);
        t.start();
        t.join();
        assertTrue(outcome[0] instanceof UpstreamException, String.valueOf(outcome[0]));
        assertEquals("the feed is nested too deeply to read", ((UpstreamException) outcome[0]).getMessage());
    }
}
