package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.pravah.article.LanguageTag;
import org.pravah.config.SiteConfig;
import org.pravah.render.PageLayout;
import org.pravah.render.SiteLinks;
import org.pravah.source.SourceStatus;

class StatusPageTest {
    private static final Instant T = Instant.parse("2026-11-27T04:00:00Z");
    private static final StatusReport REPORT = new StatusReport(List.of(
            new SourceStatus("local", "directory", true, Optional.of(T), Optional.of(T), OptionalInt.empty(), 12, "",
                    Optional.empty(), Optional.empty()),
            new SourceStatus("partner", "feed", false, Optional.of(T), Optional.empty(), OptionalInt.of(500), 0,
                    "HTTP 500: <b>boom</b>", Optional.of(T), Optional.of(T.plusSeconds(1200)))),
            ZoneId.of("Asia/Kolkata"));

    @Test
    void json_lists_every_source_with_times_in_the_site_zone() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(StatusPage.json(REPORT));
        JsonNode partner = root.path("sources").get(1);
        assertEquals("partner", partner.path("name").asText());
        assertEquals("feed", partner.path("type").asText());
        assertFalse(partner.path("ok").asBoolean());
        assertEquals("2026-11-27T09:30:00+05:30", partner.path("lastAttempt").asText());
        assertTrue(partner.path("lastSuccess").isNull());
        assertEquals(500, partner.path("httpStatus").asInt());
        assertEquals("HTTP 500: <b>boom</b>", partner.path("lastError").asText());
        assertEquals("2026-11-27T09:50:00+05:30", partner.path("nextAttempt").asText());
        JsonNode local = root.path("sources").get(0);
        assertTrue(local.path("httpStatus").isNull());
        assertTrue(local.path("lastError").isNull());
        assertEquals(12, local.path("items").asInt());
    }

    private static final SiteConfig HINDI_SITE = new SiteConfig("प्रवाह स्थिति", "", "https://pravah.example",
            LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"));

    private static Document html(SiteConfig site) {
        PageLayout layout = new PageLayout(site, SiteLinks.of(site));
        return Jsoup.parse(new String(StatusPage.html(REPORT, layout, site.language()), StandardCharsets.UTF_8));
    }

    @Test
    void html_escapes_error_text() {
        Document page = html(HINDI_SITE);
        assertEquals("HTTP 500: <b>boom</b> (27 नवंबर 2026, 09:30)", page.select("tbody tr").get(1).child(7).text());
        assertTrue(page.select("tbody b").isEmpty());
        assertEquals("hi", page.selectFirst("html").attr("lang"));
    }

    @Test
    void html_is_the_sites_page_with_hindi_headings_on_a_hindi_site() {
        Document page = html(HINDI_SITE);
        assertEquals(List.of("स्रोत", "प्रकार", "स्थिति", "पिछला प्रयास", "पिछली सफलता", "HTTP", "लेख", "पिछली त्रुटि",
                "अगला प्रयास"), page.select("thead th").eachText());
        assertEquals(List.of("partner", "feed", "विफल"),
                page.select("tbody tr").get(1).children().eachText().subList(0, 3));
        assertEquals("स्रोतों की स्थिति", page.selectFirst("h1").text());
        assertEquals("https://pravah.example/", page.selectFirst("header nav.crumbs a").attr("href"));
        assertEquals("प्रवाह स्थिति", page.selectFirst("header nav.crumbs a").text());
        assertTrue(page.selectFirst("head style").data().contains("Noto Sans Devanagari"), "the site's style");
        assertEquals("noindex", page.selectFirst("meta[name=robots]").attr("content"));
        assertTrue(page.body().hasClass("wide"), "room for nine columns on a wide screen");
        assertEquals("#main", page.selectFirst("a.skip").attr("href"));
        assertEquals("2026-11-27T09:30:00+05:30", page.selectFirst("tbody time").attr("datetime"));
    }

    @Test
    void html_keeps_english_headings_on_a_site_in_another_language() {
        SiteConfig english = new SiteConfig("Pravah", "", "https://pravah.example", new LanguageTag("en"),
                ZoneId.of("Asia/Kolkata"));
        Document page = html(english);
        assertEquals(List.of("Source", "Type", "State", "Last attempt", "Last success", "HTTP", "Items", "Last error",
                "Next attempt"), page.select("thead th").eachText());
        assertEquals("failing", page.select("tbody tr").get(1).child(2).text());
        assertEquals("Source status", page.selectFirst("h1").text());
    }

    @Test
    void every_cell_names_its_column_for_the_stacked_view_of_narrow_screens() {
        Document page = html(HINDI_SITE);
        List<String> headings = page.select("thead th").eachText();
        for (Element row : page.select("tbody tr")) {
            assertEquals(headings, row.children().eachAttr("data-label"));
        }
        assertEquals("row", page.selectFirst("tbody th").attr("scope"), "each row is named by its source");
        assertTrue(page.selectFirst("head style").data().contains("content:attr(data-label)"));
    }

    @Test
    void json_is_chosen_only_when_the_client_prefers_it() {
        assertTrue(ContentNegotiation.wantsJson("application/json"));
        assertTrue(ContentNegotiation.wantsJson("application/json, text/plain;q=0.5"));
        assertFalse(ContentNegotiation.wantsJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertFalse(ContentNegotiation.wantsJson("*/*"));
        assertFalse(ContentNegotiation.wantsJson(null));
        assertFalse(ContentNegotiation.wantsJson("application/json;q=0"));
        assertFalse(ContentNegotiation.wantsJson("text/html, application/json;q=0.5"));
    }
}
