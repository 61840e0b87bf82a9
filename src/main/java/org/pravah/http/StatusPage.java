package org.pravah.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Entities;
import org.pravah.article.LanguageTag;
import org.pravah.render.PageLayout;
import org.pravah.source.SourceStatus;

/**
 * {@code /status}: how every source is doing, as a page of the site for people and JSON for monitoring. Built per
 * request (it changes with every poll) and small; times are in the site's zone (RFC 3339 in JSON and in the page's
 * {@code <time datetime>}).
 */
final class StatusPage {
    static final String HTML = PageLayout.CONTENT_TYPE;
    static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private StatusPage() {
    }

    static byte[] json(StatusReport report) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode sources = root.putArray("sources");
        for (SourceStatus s : report.sources()) {
            ObjectNode o = sources.addObject();
            o.put("name", s.name());
            o.put("type", s.type());
            o.put("ok", s.ok());
            putTime(o, "lastAttempt", s.lastAttempt(), report.zone());
            putTime(o, "lastSuccess", s.lastSuccess(), report.zone());
            if (s.httpStatus().isPresent()) {
                o.put("httpStatus", s.httpStatus().getAsInt());
            } else {
                o.putNull("httpStatus");
            }
            o.put("items", s.items());
            if (s.lastError().isEmpty()) {
                o.putNull("lastError");
            } else {
                o.put("lastError", s.lastError());
            }
            putTime(o, "lastErrorAt", s.lastErrorAt(), report.zone());
            putTime(o, "nextAttempt", s.nextAttempt(), report.zone());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** The page's words, in one place: Hindi on a Hindi site, else English (the page before had English headings). */
    /** The column of the last error, the one cell of a row that can be long. */
    private static final int ERROR_COLUMN = 7;

    record Words(String title, String intro, List<String> columns, String ok, String failing) {
        static final Words HINDI = new Words("स्रोतों की स्थिति",
                "हर स्रोत का हाल: उसे कब पढ़ा गया, उससे कितने लेख मिले और उसकी पिछली त्रुटि। निगरानी के लिए यही सूची "
                        + "JSON में मिलती है: <code>Accept: application/json</code>।",
                List.of("स्रोत", "प्रकार", "स्थिति", "पिछला प्रयास", "पिछली सफलता", "HTTP", "लेख", "पिछली त्रुटि",
                        "अगला प्रयास"),
                "ठीक", "विफल");
        static final Words ENGLISH = new Words("Source status",
                "How each source is doing: when it was read, how many items it gave and its last error. For "
                        + "monitoring, the same list is JSON: <code>Accept: application/json</code>.",
                List.of("Source", "Type", "State", "Last attempt", "Last success", "HTTP", "Items", "Last error",
                        "Next attempt"),
                "ok", "failing");

        static Words of(LanguageTag language) {
            return language.value().equals("hi") || language.value().startsWith("hi-") ? HINDI : ENGLISH;
        }
    }

    /**
     * A page of the site ({@code layout}): a table with a row per source. Each cell carries its column's name, which
     * the style shows beside the value when a narrow screen stacks the row into a card.
     */
    static byte[] html(StatusReport report, PageLayout layout, LanguageTag language) {
        Words words = Words.of(language);
        List<String> columns = words.columns();
        StringBuilder html = new StringBuilder(4096).append("<p>").append(words.intro()).append("</p>\n")
                .append("<table class=\"status\">\n<thead><tr>");
        for (String column : columns) {
            html.append("<th scope=\"col\">").append(esc(column)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (SourceStatus s : report.sources()) {
            List<String> cells = List.of(esc(s.name()), esc(s.type()), s.ok() ? esc(words.ok()) : esc(words.failing()),
                    time(s.lastAttempt(), layout), time(s.lastSuccess(), layout),
                    s.httpStatus().isPresent() ? Integer.toString(s.httpStatus().getAsInt()) : "—",
                    Integer.toString(s.items()),
                    s.lastError().isEmpty() ? "—" : esc(s.lastError())
                            + s.lastErrorAt().map(t -> " <small>(" + layout.time(t) + ")</small>").orElse(""),
                    time(s.nextAttempt(), layout));
            html.append("<tr").append(s.ok() ? "" : " class=\"fail\"").append(">");
            for (int i = 0; i < cells.size(); i++) {
                // the source names its row, for screen readers reading a cell of it; a name or an error (with a URL,
                // say) may break anywhere rather than widen the table past the screen
                String cell = i == 0 ? "th scope=\"row\"" : i == ERROR_COLUMN ? "td class=\"long\"" : "td";
                html.append('<').append(cell).append(" data-label=\"").append(esc(columns.get(i))).append("\">")
                        .append(cells.get(i)).append("</").append(i == 0 ? "th" : "td").append('>');
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        return layout.page(words.title(), html.toString(), true);
    }

    private static void putTime(ObjectNode o, String field, Optional<Instant> time, ZoneId zone) {
        if (time.isPresent()) {
            o.put(field, RFC_3339.format(time.get().atZone(zone)));
        } else {
            o.putNull(field);
        }
    }

    private static String time(Optional<Instant> time, PageLayout layout) {
        return time.map(layout::time).orElse("—");
    }

    private static String esc(String s) {
        return Entities.escape(s);
    }
}
