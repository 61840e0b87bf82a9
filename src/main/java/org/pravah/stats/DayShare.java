package org.pravah.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One day's counts for every polled feed, as one process (or one earlier run of it) kept them, or as several merged.
 * This is what is written to the data folder or the store: counts, sketches, figures and client names, nothing of a
 * person. Not thread-safe.
 */
final class DayShare {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A feed document's path, as the server matches it: what a share may name as a feed. */
    static final Pattern FEED = Pattern.compile("/feeds/[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*\\.[a-z]{1,8}");
    /** At most this many feeds are counted: more than any catalogue has, and a bound whatever is requested. */
    static final int MAX_FEEDS = 5000;

    final LocalDate day;
    final Map<String, FeedDay> feeds = new TreeMap<>();

    DayShare(LocalDate day) {
        this.day = day;
    }

    /** The feed's counts, created at its first poll; null when the bound is reached. */
    FeedDay feed(String path) {
        FeedDay d = feeds.get(path);
        if (d == null && feeds.size() < MAX_FEEDS) {
            d = new FeedDay();
            feeds.put(path, d);
        }
        return d;
    }

    void merge(DayShare other) {
        other.feeds.forEach((path, d) -> {
            FeedDay mine = feed(path);
            if (mine != null) {
                mine.merge(d);
            }
        });
    }

    /** A merged copy (this one is left as it is). */
    DayShare copy() {
        DayShare out = new DayShare(day);
        out.merge(this);
        return out;
    }

    void finish() {
        feeds.values().forEach(FeedDay::finish);
    }

    byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("day", day.toString());
        ObjectNode feedsNode = root.putObject("feeds");
        feeds.forEach((path, d) -> feedsNode.set(path, d.toJson()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong, for a document this class did not write */
    static DayShare fromJson(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("day").isTextual()) {
            throw new IllegalArgumentException("no day");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(root.get("day").asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("day: not a date", e);
        }
        DayShare share = new DayShare(day);
        for (Map.Entry<String, JsonNode> e : root.path("feeds").properties()) {
            if (FEED.matcher(e.getKey()).matches() && e.getKey().length() <= 300) {
                FeedDay d = share.feed(e.getKey());
                if (d != null) {
                    d.merge(FeedDay.fromJson(e.getValue()));
                }
            }
        }
        return share;
    }
}
