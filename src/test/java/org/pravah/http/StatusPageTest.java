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
import org.junit.jupiter.api.Test;
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

    @Test
    void html_escapes_error_text() {
        String html = new String(StatusPage.html(REPORT, "hi"), StandardCharsets.UTF_8);
        assertTrue(html.contains("HTTP 500: &lt;b&gt;boom&lt;/b&gt;"), html);
        assertTrue(html.contains("<html lang=\"hi\">"), html);
        assertTrue(html.contains("failing"), html);
    }

    @Test
    void json_is_chosen_only_when_the_client_prefers_it() {
        assertTrue(StatusPage.wantsJson("application/json"));
        assertTrue(StatusPage.wantsJson("application/json, text/plain;q=0.5"));
        assertFalse(StatusPage.wantsJson("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertFalse(StatusPage.wantsJson("*/*"));
        assertFalse(StatusPage.wantsJson(null));
        assertFalse(StatusPage.wantsJson("application/json;q=0"));
        assertFalse(StatusPage.wantsJson("text/html, application/json;q=0.5"));
    }
}
