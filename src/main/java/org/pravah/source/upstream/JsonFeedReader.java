package org.pravah.source.upstream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with Jackson. */
final class JsonFeedReader {
    private static final String VERSION_PREFIX = "https://jsonfeed.org/version/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ZoneId zone;

    JsonFeedReader(ZoneId zone) {
        this.zone = zone;
    }

    ParsedFeed read(byte[] body, URI feedUrl, String where) throws UpstreamException {
        JsonNode root;
        try {
            // Jackson detects UTF-8/16/32 itself and rejects invalid bytes, as the JSON Feed spec asks
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's words quote the offending token, which is the body's text and must not reach /status
            JsonLocation at = e.getLocation();
            String place = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            throw new UpstreamException("the JSON is " + (original.startsWith("Invalid UTF-8") ? "not valid UTF-8"
                    : "malformed") + place);
        } catch (IOException e) {
            throw new UpstreamException("the JSON cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UpstreamException("not a JSON Feed (expected an object with version and items)");
        }
        String version = root.path("version").asText("");
        if (!version.startsWith(VERSION_PREFIX)) {
            throw new UpstreamException("not a JSON Feed (" + (version.isEmpty() ? "no version" : "another version")
                    + ", expected " + VERSION_PREFIX + "1.1)");
        }
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new UpstreamException("the JSON Feed has no items list");
        }
        List<String> warnings = new ArrayList<>();
        String feedLanguage = UpstreamEntries.language(text(root, "language"), where + ": the feed", warnings);
        String feedAuthor = author(root);
        List<UpstreamEntry> entries = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                warnings.add(where + ": an item is not an object; skipped");
                continue;
            }
            String title = text(item, "title");
            String guid = text(item, "id");
            String label = title.isBlank() ? guid : title;
            String itemWhere = where + ": item '" + UpstreamEntries.abbreviate(label, 60) + "'";
            String contentHtml = text(item, "content_html");
            String author = author(item);
            List<String> tags = new ArrayList<>();
            item.path("tags").forEach(t -> {
                if (t.isTextual()) {
                    tags.add(t.asText());
                }
            });
            RawEntry raw = new RawEntry(label, guid, text(item, "url"), title, false, text(item, "summary"), false,
                    contentHtml.isBlank() ? text(item, "content_text") : contentHtml, !contentHtml.isBlank(),
                    author.isBlank() ? feedAuthor : author,
                    date(item, "date_published", itemWhere, warnings), date(item, "date_modified", itemWhere, warnings),
                    tags, image(item), "", "", text(item, "language"));
            UpstreamEntries.make(raw, feedUrl, feedLanguage, where, warnings).ifPresent(entries::add);
        }
        return new ParsedFeed("JSON Feed " + version.substring(VERSION_PREFIX.length()), entries, warnings);
    }

    private Optional<Instant> date(JsonNode item, String field, String where, List<String> warnings) {
        String raw = text(item, field);
        if (raw.isBlank()) {
            return Optional.empty();
        }
        Optional<Instant> instant = UpstreamDates.parse(raw, zone);
        if (instant.isEmpty()) {
            warnings.add(where + ": " + field + " '" + raw + "' is not a date we can read; the item keeps the time it"
                    + " was first seen");
        }
        return instant;
    }

    /** 1.1 {@code authors}, else 1.0 {@code author}. */
    private static String author(JsonNode node) {
        for (JsonNode a : node.path("authors")) {
            if (!text(a, "name").isBlank()) {
                return text(a, "name");
            }
        }
        return text(node.path("author"), "name");
    }

    private static String image(JsonNode item) {
        for (String field : new String[] {"image", "banner_image"}) {
            if (!text(item, field).isBlank()) {
                return text(item, field);
            }
        }
        for (JsonNode a : item.path("attachments")) {
            if (text(a, "mime_type").toLowerCase(Locale.ROOT).startsWith("image/")) {
                return text(a, "url");
            }
        }
        return "";
    }

    /** A field as text; ids may be numbers in feeds written carelessly. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() || value.isNumber() ? value.asText() : "";
    }
}
