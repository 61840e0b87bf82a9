package org.pravah.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import org.pravah.article.Article;

/**
 * Which slice of a feed a request asks for: a page, a page size, and optional filters. The query string of every
 * link the feed writes about itself (self, next, previous, …) is made here, so they always agree with what is served.
 *
 * @param page  1-based; page 1 is the subscription document
 * @param limit items per page; {@code 0} means the site's {@code feeds.itemsPerFeed}
 * @param text  case-insensitive substring over title, summary and tags ({@code ?q=}); empty for none
 * @param tag   exact tag ({@code ?tag=}), compared case-insensitively; empty for none
 */
public record FeedQuery(int page, int limit, String text, String tag) {
    public static final int MAX_LIMIT = 200;
    public static final int MAX_TEXT = 200;
    public static final FeedQuery FIRST_PAGE = new FeedQuery(1, 0, "", "");

    public FeedQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more");
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        text = fold(text == null ? "" : text.strip());
        tag = fold(tag == null ? "" : tag.strip());
        if (text.length() > MAX_TEXT || tag.length() > MAX_TEXT) {
            throw new IllegalArgumentException("q and tag may be at most " + MAX_TEXT + " characters");
        }
    }

    /**
     * Parses request parameters ({@code null} when absent); throws {@link IllegalArgumentException} with a message
     * fit for a 400 response.
     */
    public static FeedQuery parse(String page, String limit, String text, String tag) {
        int size = number(limit, "limit", 0);
        if (limit != null && !limit.isEmpty() && size < 1) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        return new FeedQuery(number(page, "page", 1), size, text, tag);
    }

    private static int number(String raw, String name, int fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    public FeedQuery withPage(int n) {
        return new FeedQuery(n, limit, text, tag);
    }

    /** True for the plain pages every subscriber polls: those are rendered once per snapshot and cached. */
    public boolean isPlain() {
        return limit == 0 && text.isEmpty() && tag.isEmpty();
    }

    public boolean isFiltered() {
        return !text.isEmpty() || !tag.isEmpty();
    }

    public int pageSize(int itemsPerFeed) {
        return limit == 0 ? itemsPerFeed : limit;
    }

    public boolean matches(Article a) {
        if (!tag.isEmpty() && a.tags().stream().noneMatch(t -> fold(t).equals(tag))) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        return fold(a.title()).contains(text) || fold(a.summary()).contains(text)
                || a.tags().stream().anyMatch(t -> fold(t).contains(text));
    }

    /** {@code ""} or {@code ?page=2&limit=10&q=…&tag=…}, parameters in a fixed order, UTF-8 percent-encoded. */
    public String queryString() {
        StringBuilder q = new StringBuilder();
        if (page > 1) {
            append(q, "page", Integer.toString(page));
        }
        if (limit > 0) {
            append(q, "limit", Integer.toString(limit));
        }
        if (!text.isEmpty()) {
            append(q, "q", text);
        }
        if (!tag.isEmpty()) {
            append(q, "tag", tag);
        }
        return q.toString();
    }

    public Optional<String> cacheKey() {
        return isPlain() ? Optional.of("page=" + page) : Optional.empty();
    }

    private static void append(StringBuilder q, String name, String value) {
        q.append(q.length() == 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** NFC and case folding, so a decomposed nukta or "Delhi" vs "delhi" still match. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
