package org.pravah.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pravah.article.Text;
import org.pravah.search.SearchWords;

/**
 * Which slice of a feed a request asks for: a page, a page size, and optional filters. The query string of every
 * link the feed writes about itself (self, next, previous, …) is made here, so they always agree with what is served.
 *
 * @param page  1-based; page 1 is the subscription document
 * @param limit items per page; {@code 0} means the site's {@code feeds.itemsPerFeed}
 * @param text  words that must each start a word of the title, summary or tags ({@code ?q=}, see {@link
 *              SearchWords}); empty for none
 * @param tag   exact tag ({@code ?tag=}), compared case-insensitively; empty for none
 * @param archive RFC 5005 archive document number, counted from the oldest ({@code ?archive=}); 0 for none
 */
public record FeedQuery(int page, int limit, String text, String tag, int archive) {
    public static final int MAX_LIMIT = 200;
    public static final int MAX_TEXT = 200;
    public static final FeedQuery FIRST_PAGE = new FeedQuery(1, 0, "", "", 0);

    public FeedQuery(int page, int limit, String text, String tag) {
        this(page, limit, text, tag, 0);
    }

    public FeedQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more");
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        // before stripping, which would silently drop a vertical tab or a file separator at either end
        requirePrintable(text, "q");
        requirePrintable(tag, "tag");
        text = fold(text == null ? "" : text.strip());
        tag = fold(tag == null ? "" : tag.strip());
        if (text.length() > MAX_TEXT || tag.length() > MAX_TEXT) {
            throw new IllegalArgumentException("q and tag may be at most " + MAX_TEXT + " characters");
        }
        if (archive < 0) {
            throw new IllegalArgumentException("archive must be 1 or more");
        }
        if (archive > 0 && (page > 1 || limit > 0 || !text.isEmpty() || !tag.isEmpty())) {
            throw new IllegalArgumentException("archive documents take no page, limit, q or tag");
        }
    }

    /**
     * Parses request parameters ({@code null} when absent); throws {@link IllegalArgumentException} with a message
     * fit for a 400 response.
     */
    public static FeedQuery parse(String page, String limit, String text, String tag) {
        return parse(page, limit, text, tag, null);
    }

    public static FeedQuery parse(String page, String limit, String text, String tag, String archive) {
        int size = number(limit, "limit", 0);
        if (limit != null && !limit.isEmpty() && size < 1) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        }
        int archiveNumber = number(archive, "archive", 0);
        if (archive != null && !archive.isEmpty() && archiveNumber < 1) {
            throw new IllegalArgumentException("archive must be 1 or more");
        }
        return new FeedQuery(number(page, "page", 1), size, text, tag, archiveNumber);
    }

    /**
     * Refuses what article text never holds ({@link Text#isAllowed}), lone surrogates, and the tab and line breaks
     * text may hold but a one-line filter does not: no one searches for them, and XML 1.0 forbids most of them, so a
     * feed naming its filter could not be written.
     */
    private static void requirePrintable(String value, String name) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!Text.isAllowed(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                throw new IllegalArgumentException(name + " may not contain control characters or noncharacters");
            }
            i += Character.charCount(cp);
        }
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
        return new FeedQuery(n, limit, text, tag, 0);
    }

    public FeedQuery withArchive(int n) {
        return new FeedQuery(1, 0, "", "", n);
    }

    public boolean isArchive() {
        return archive > 0;
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
        if (archive > 0) {
            append(q, "archive", Integer.toString(archive));
        }
        return q.toString();
    }

    public Optional<String> cacheKey() {
        return isPlain() ? Optional.of("page=" + page + "&archive=" + archive) : Optional.empty();
    }

    private static void append(StringBuilder q, String name, String value) {
        q.append(q.length() == 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** NFC and case folding, as the search compares tags ({@link SearchWords}): "Delhi" and "delhi" are one tag. */
    static String fold(String s) {
        return SearchWords.foldCase(s);
    }
}
