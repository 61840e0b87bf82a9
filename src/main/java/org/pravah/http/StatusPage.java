package org.pravah.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.pravah.article.LanguageTag;
import org.pravah.render.PageLayout;
import org.pravah.render.SourcesPage;
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

    /**
     * The page for people, rendered in {@code render} from the sources' states ({@code status.jte}): the site's layout
     * and its words ({@code messages/*.properties}). {@code language} is the site's, which {@code layout} already
     * speaks.
     */
    static byte[] html(StatusReport report, PageLayout layout, LanguageTag language) {
        return SourcesPage.html(layout, report.sources());
    }

    private static void putTime(ObjectNode o, String field, Optional<Instant> time, ZoneId zone) {
        if (time.isPresent()) {
            o.put(field, RFC_3339.format(time.get().atZone(zone)));
        } else {
            o.putNull(field);
        }
    }
}
