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
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Entities;
import org.pravah.source.SourceStatus;

/**
 * {@code /status}: how every source is doing, as an HTML table for people and JSON for monitoring. Built per request
 * (it changes with every poll) and small; times are RFC 3339 in the site's zone.
 */
final class StatusPage {
    static final String HTML = "text/html; charset=utf-8";
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

    static byte[] html(StatusReport report, String language) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(esc(language)).append("\">\n")
                .append("<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>स्रोतों की स्थिति (source status)</title><meta name=\"robots\" content=\"noindex\">")
                .append("<style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}")
                .append(".fail{background:#fde8e8}</style></head>\n<body>\n")
                .append("<h1>स्रोतों की स्थिति (source status)</h1>\n<table>\n<thead><tr><th>source</th><th>type</th>")
                .append("<th>state</th><th>last attempt</th><th>last success</th><th>HTTP</th><th>items</th>")
                .append("<th>last error</th><th>next attempt</th></tr></thead>\n<tbody>\n");
        for (SourceStatus s : report.sources()) {
            html.append("<tr").append(s.ok() ? "" : " class=\"fail\"").append("><td>").append(esc(s.name()))
                    .append("</td><td>").append(esc(s.type()))
                    .append("</td><td>").append(s.ok() ? "ok" : "failing")
                    .append("</td><td>").append(time(s.lastAttempt(), report.zone()))
                    .append("</td><td>").append(time(s.lastSuccess(), report.zone()))
                    .append("</td><td>").append(s.httpStatus().isPresent() ? Integer.toString(s.httpStatus().getAsInt()) : "—")
                    .append("</td><td>").append(s.items())
                    .append("</td><td>").append(s.lastError().isEmpty() ? "—"
                            : esc(s.lastError()) + s.lastErrorAt().map(t -> " <small>(" + time(Optional.of(t), report.zone())
                            + ")</small>").orElse(""))
                    .append("</td><td>").append(time(s.nextAttempt(), report.zone()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * JSON when the client asks for it over HTML ({@code Accept: application/json}); browsers and {@code curl}'s
     * {@code *}{@code /*} get HTML.
     */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        double json = 0;
        double html = 0;
        for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].strip();
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("application/json")) {
                json = Math.max(json, q);
            } else if (type.equals("text/html")) {
                html = Math.max(html, q);
            }
        }
        return json > 0 && json >= html;
    }

    private static void putTime(ObjectNode o, String field, Optional<Instant> time, ZoneId zone) {
        if (time.isPresent()) {
            o.put(field, RFC_3339.format(time.get().atZone(zone)));
        } else {
            o.putNull(field);
        }
    }

    private static String time(Optional<Instant> time, ZoneId zone) {
        return time.map(t -> RFC_3339.format(t.atZone(zone))).orElse("—");
    }

    private static String esc(String s) {
        return Entities.escape(s);
    }
}
