package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.SiteConfig;
import org.pravah.testing.ViewsSite;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** JSON Feed 1.1 output, member by member, from the views test site (five articles, three per page). */
class JsonFeedRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = ViewsSite.BASE;
    private static final Pattern RFC3339_WITH_OFFSET =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
    @AutoClose
    private static final ViewsSite site = ViewsSite.load();

    private static byte[] bytes(String path, FeedFormat format, FeedQuery query) {
        return site.rendered().feed(path, format, query).orElseThrow().bytes();
    }

    private static JsonNode feed(String path, FeedQuery query) throws Exception {
        return JSON.readTree(bytes(path, FeedFormat.JSON, query));
    }

    private static JsonNode item(JsonNode feed, String id) {
        for (JsonNode item : feed.get("items")) {
            if (item.get("id").asText().equals(BASE + "/articles/local/" + id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + feed);
    }

    @Test
    void every_feed_has_the_members_the_spec_requires() throws Exception {
        List<String> paths = new ArrayList<>(List.of("all"));
        site.rendered().snapshot().tree().all().forEach(c -> paths.add(c.path()));
        for (String path : paths) {
            JsonNode feed = feed(path, FeedQuery.FIRST_PAGE);
            assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").asText(), path);
            assertTrue(feed.get("title").isTextual() && !feed.get("title").asText().isBlank(), path);
            assertTrue(feed.get("items").isArray(), path);
            Set<String> ids = new HashSet<>();
            for (JsonNode item : feed.get("items")) {
                assertTrue(item.get("id").isTextual() && !item.get("id").asText().isBlank(), path);
                assertTrue(ids.add(item.get("id").asText()), "duplicate id in " + path);
                assertTrue(item.has("content_html") || item.has("content_text"), "no content in " + path);
            }
        }
    }

    @Test
    void top_level_members_describe_the_feed_in_hindi_with_its_own_urls() throws Exception {
        JsonNode feed = feed("videsh", FeedQuery.FIRST_PAGE);
        assertEquals("प्रवाह परीक्षण — विदेश", feed.get("title").asText());
        assertEquals(BASE + "/feeds/videsh", feed.get("home_page_url").asText());
        assertEquals(BASE + "/feeds/videsh.json", feed.get("feed_url").asText());
        assertEquals("विदेश: प्रवाह परीक्षण के ताज़ा समाचार", feed.get("description").asText());
        assertEquals("hi", feed.get("language").asText());
        assertEquals(BASE + "/icon.png", feed.get("icon").asText());
        assertEquals(BASE + "/icon.png", feed.get("favicon").asText());
        assertEquals("प्रवाह परीक्षण", feed.get("authors").get(0).get("name").asText());
        assertFalse(feed.has("next_url"), "one page only");
        assertFalse(feed.has("hubs"), "no hubs configured");
        assertEquals(BASE + "/", feed("all", FeedQuery.FIRST_PAGE).get("home_page_url").asText());
    }

    @Test
    void an_item_carries_every_field_of_its_article() throws Exception {
        JsonNode item = item(feed("desh", FeedQuery.FIRST_PAGE), "zila-mela");
        assertEquals(BASE + "/articles/local/zila-mela", item.get("url").asText(), "no url: our own page");
        assertEquals("ज़िला पुस्तक मेले में बच्चों की भीड़, पहले दिन बिकीं चार हज़ार किताबें", item.get("title").asText());
        String html = item.get("content_html").asText();
        assertTrue(html.startsWith("<figure><img src=\"https://example.org/img/zila-mela.jpg\""), html);
        assertTrue(html.contains("</figure><p>सीतापुर: ज़िला पुस्तक मेले"), html);
        assertFalse(item.has("content_text"));
        assertEquals("आयोजकों के अनुसार इस बार बाल साहित्य के स्टॉल सबसे ज़्यादा भरे रहे।", item.get("summary").asText());
        assertEquals("https://example.org/img/zila-mela.jpg", item.get("image").asText());
        assertEquals("2026-11-20T10:00:00+05:30", item.get("date_published").asText());
        assertEquals("2026-11-20T10:00:00+05:30", item.get("date_modified").asText());
        assertEquals("कविता राठौर", item.get("authors").get(0).get("name").asText());
        assertEquals(List.of("राज्य", "पुस्तक मेला", "बच्चे"), strings(item.get("tags")));
        assertFalse(item.has("language"), "same language as the feed");
    }

    @Test
    void dates_are_rfc3339_with_the_site_offset_and_modified_follows_the_update() throws Exception {
        JsonNode feed = feed("all", FeedQuery.parse(null, "200", null, null));
        for (JsonNode item : feed.get("items")) {
            for (String field : List.of("date_published", "date_modified")) {
                String value = item.get(field).asText();
                assertTrue(RFC3339_WITH_OFFSET.matcher(value).matches(), value);
                assertTrue(value.endsWith("+05:30"), value);
            }
        }
        JsonNode updated = item(feed, "chunav-script");
        assertEquals(Instant.parse("2026-11-21T03:30:00Z"),
                OffsetDateTime.parse(updated.get("date_published").asText()).toInstant());
        assertEquals("2026-11-21T11:30:00+05:30", updated.get("date_modified").asText());
    }

    @Test
    void an_article_without_a_body_gets_its_summary_as_content_text_and_keeps_its_canonical_url() throws Exception {
        JsonNode item = item(feed("videsh/asia", FeedQuery.FIRST_PAGE), "monsoon-vidai");
        assertFalse(item.has("content_html"));
        assertEquals("मौसम विज्ञानियों का कहना है कि इस साल मानसून सामान्य से तीन हफ़्ते बाद लौटा।",
                item.get("content_text").asText());
        assertEquals("https://example.org/videsh/monsoon-vidai", item.get("url").asText());
        assertEquals(BASE + "/articles/local/monsoon-vidai", item.get("id").asText(), "the id is ours, not the url");
    }

    @Test
    void an_item_in_another_language_says_so() throws Exception {
        JsonNode item = item(feed("takneek", FeedQuery.FIRST_PAGE), "open-font");
        assertEquals("en", item.get("language").asText());
        assertEquals(List.of("तकनीक & <विज्ञान>", "fonts", "देवनागरी"), strings(item.get("tags")));
    }

    @Test
    void html_in_titles_is_text_and_content_html_is_the_sanitised_html_of_the_feeds() throws Exception {
        JsonNode item = item(feed("desh", FeedQuery.FIRST_PAGE), "chunav-script");
        assertEquals("<script>alert(\"x\")</script> पंचायत चुनाव & \"नतीजे\" घोषित", item.get("title").asText());
        String html = item.get("content_html").asText();
        assertTrue(html.contains("<b>नतीजे</b>"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("onclick"), html);
        // escaped markup in the source stays escaped text, and javascript: links lose their href
        assertTrue(html.contains("&lt;img src=x onerror=alert(5)&gt;"), html);
        assertFalse(html.contains("<img") || html.contains("javascript:"), html);
        // summary is plain text by the spec: the characters as written, for readers to show as text
        assertEquals("तीन चरणों में हुए मतदान के बाद <b>नतीजे</b> देर रात आए। <img src=x onerror=alert(3)>"
                + " <a href=\"javascript:alert(4)\">ब्योरा</a>", item.get("summary").asText());
    }

    @Test
    void item_ids_are_the_rss_guids_and_atom_ids_of_the_same_feed() throws Exception {
        FeedQuery all = FeedQuery.parse(null, "200", null, null);
        List<String> json = new ArrayList<>();
        feed("all", all).get("items").forEach(i -> json.add(i.get("id").asText()));
        assertEquals(5, json.size());
        assertEquals(json, xmlTexts(bytes("all", FeedFormat.RSS, all), "", "guid"));
        List<String> atomIds = xmlTexts(bytes("all", FeedFormat.ATOM, all), "http://www.w3.org/2005/Atom", "id");
        assertEquals(json, atomIds.subList(1, atomIds.size()), "the first atom:id is the feed's");
    }

    @Test
    void paging_gives_next_url_until_the_last_page_and_feed_url_is_the_page_itself() throws Exception {
        JsonNode first = feed("all", FeedQuery.FIRST_PAGE);
        assertEquals(3, first.get("items").size());
        assertEquals(BASE + "/feeds/all.json?page=2", first.get("next_url").asText());
        JsonNode second = feed("all", FeedQuery.FIRST_PAGE.withPage(2));
        assertEquals(2, second.get("items").size());
        assertEquals(BASE + "/feeds/all.json?page=2", second.get("feed_url").asText());
        assertFalse(second.has("next_url"));
    }

    @Test
    void a_filtered_feed_names_its_filter_in_its_urls_and_title() throws Exception {
        JsonNode feed = feed("all", FeedQuery.parse(null, "1", null, "पुस्तक मेला"));
        String tag = "%E0%A4%AA%E0%A5%81%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A4%95%20%E0%A4%AE%E0%A5%87%E0%A4%B2%E0%A4%BE";
        assertEquals(BASE + "/feeds/all.json?limit=1&tag=" + tag, feed.get("feed_url").asText());
        assertEquals(BASE + "/feeds/all?limit=1&tag=" + tag, feed.get("home_page_url").asText());
        assertEquals("प्रवाह परीक्षण — टैग: पुस्तक मेला", feed.get("title").asText());
        assertEquals(1, feed.get("items").size());
    }

    @Test
    void devanagari_is_written_as_utf8_characters_not_escapes() {
        byte[] bytes = bytes("all", FeedFormat.JSON, FeedQuery.FIRST_PAGE);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.contains("\\u"), "no \\u escapes");
        assertTrue(text.contains("\"title\": \"प्रवाह परीक्षण\""), text.substring(0, 300));
        assertFalse(text.contains("\r"), "newlines are \\n on every platform");
    }

    @Test
    void an_emoji_is_written_as_utf8_bytes_not_as_a_surrogate_escape_pair() {
        Instant at = Instant.parse("2026-11-28T12:30:00Z");
        Article article = new Article("local/kriket", "local", "kriket",
                "क्रिकेट में जीत का जश्न 🏏", "सार", "", List.of(), List.of(), List.of(), at, at,
                Optional.empty(), Optional.empty(), Optional.empty(),
                LanguageTag.HINDI, "test");
        SiteConfig siteConfig = new SiteConfig("प्रवाह", "", BASE,
                LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"));
        FeedView view = new FeedSelector(siteConfig, new SiteLinks(BASE), 10)
                .view(Snapshot.of(new CategoryTree(List.of()), List.of(article)),
                        Optional.empty());
        String text = new String(new JsonFeedRenderer().render(view), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"title\": \"क्रिकेट में जीत का जश्न 🏏\""), text);
        assertFalse(text.contains("\\u"), "no \\u escapes");
    }

    @Test
    void hubs_are_advertised_when_websub_is_configured() throws Exception {
        SiteConfig config = site.config().site();
        SiteLinks links = SiteLinks.of(config);
        FeedSelector views = new FeedSelector(config, links, 3, 15, List.of("https://hub.example/"));
        Snapshot snapshot = site.rendered().snapshot();
        JsonNode feed = JSON.readTree(new JsonFeedRenderer().render(views.view(snapshot, Optional.empty())));
        assertEquals("WebSub", feed.get("hubs").get(0).get("type").asText());
        assertEquals("https://hub.example/", feed.get("hubs").get(0).get("url").asText());
    }

    @Test
    void a_tag_that_repeats_a_category_label_or_another_tag_in_other_case_is_listed_once(@TempDir Path own)
            throws Exception {
        JsonNode feed = JSON.readTree(new JsonFeedRenderer().render(RenderFixture.withReaderArticles(own).view("khel")));
        JsonNode item = itemWithId(feed, RenderFixture.articleId("local/khel/vishwa-cup-jashn"));
        assertEquals(List.of("खेल", "क्रिकेट 🏏", "T20"), strings(item.get("tags")));
    }

    @Test
    void an_article_without_an_author_is_credited_to_the_site_title_or_site_author(@TempDir Path own)
            throws Exception {
        RenderFixture mini = new RenderFixture(own);
        String id = RenderFixture.articleId("local/desh/rajya/suraksha-jaanch");
        JsonNode plain = JSON.readTree(new JsonFeedRenderer().render(mini.view("all")));
        assertEquals("प्रवाह परीक्षण समाचार", itemWithId(plain, id).get("authors").get(0).get("name").asText());
        JsonNode desk = JSON.readTree(new JsonFeedRenderer().render(
                mini.view("all", mini.siteWithAuthor("प्रवाह डेस्क"))));
        assertEquals("प्रवाह डेस्क", itemWithId(desk, id).get("authors").get(0).get("name").asText());
        assertEquals("प्रवाह परीक्षण समाचार", desk.get("authors").get(0).get("name").asText(), "the feed's author");
    }

    @Test
    void the_image_is_the_items_image_and_opens_content_html_once(@TempDir Path own) throws Exception {
        JsonNode feed = JSON.readTree(new JsonFeedRenderer().render(RenderFixture.withReaderArticles(own).view("khel")));
        JsonNode cup = itemWithId(feed, RenderFixture.articleId("local/khel/vishwa-cup-jashn"));
        assertEquals(RenderFixture.READERS_IMAGE, cup.get("image").asText());
        org.jsoup.nodes.Element figure = Jsoup.parseBodyFragment(cup.get("content_html").asText()).body().child(0);
        assertEquals("figure", figure.tagName());
        assertEquals(RenderFixture.READERS_CAPTION + " · चित्र: " + RenderFixture.READERS_CREDIT,
                figure.selectFirst("figcaption").text());
        JsonNode stadium = itemWithId(feed, RenderFixture.articleId("local/khel/stadium-chitra"));
        assertEquals(RenderFixture.STADIUM_IMAGE, stadium.get("image").asText());
        assertEquals(1, Jsoup.parseBodyFragment(stadium.get("content_html").asText()).select("img").size());
    }

    private static JsonNode itemWithId(JsonNode feed, String id) {
        for (JsonNode item : feed.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + feed);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> xmlTexts(byte[] xml, String namespace, String localName) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        NodeList nodes = namespace.isEmpty() ? doc.getElementsByTagName(localName)
                : doc.getElementsByTagNameNS(namespace, localName);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }
}
