package org.pravah.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pravah.article.Article;
import org.pravah.article.ArticleDates;
import org.pravah.catalog.Category;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from the same {@link FeedView} as RSS and Atom: same items, same
 * ids ({@link SiteLinks#articleId}), same dates in the site's zone, same sanitised HTML.
 *
 * <p>Decisions the spec leaves open: {@code tags} are the Hindi labels of the item's categories followed by its own
 * tags, each name once ({@link FeedItem#tags}; JSON Feed has no category scheme, and people read labels, not slugs);
 * {@code content_text} (the summary, else the title) stands in only when an article has no body, since every item
 * needs one of the two; {@code feed_url} is this document's own URL, query included, like the self links of RSS and
 * Atom.
 */
public final class JsonFeedRenderer implements FeedRenderer {
    static final String VERSION = "https://jsonfeed.org/version/1.1";

    /**
     * Devanagari is written as UTF-8 characters, never as {@code \u0926} escapes (Jackson's default, pinned here so a
     * changed default cannot slip in); newlines are {@code \n} on every platform.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            // without this an emoji (outside the BMP) is written as a \uD83C\uDFCF surrogate escape pair
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build());
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    @Override
    public FeedFormat format() {
        return FeedFormat.JSON;
    }

    @Override
    public byte[] render(FeedView view) {
        SiteLinks links = view.links();
        ObjectNode feed = MAPPER.createObjectNode();
        feed.put("version", VERSION);
        feed.put("title", view.title());
        feed.put("home_page_url", view.homeUrl());
        feed.put("feed_url", view.selfUrl(FeedFormat.JSON));
        feed.put("description", view.description());
        // for a person who opens the raw file instead of subscribing
        feed.put("user_comment", Messages.of(view.language()).get("json.comment"));
        if (view.query().page() < view.pageCount()) {
            feed.put("next_url", view.pageUrl(FeedFormat.JSON, view.query().page() + 1));
        }
        feed.put("icon", links.icon().url());
        feed.put("favicon", links.icon().url());
        feed.putArray("authors").addObject().put("name", view.siteTitle());
        feed.put("language", view.language().value());
        if (!view.hubs().isEmpty()) {
            ArrayNode hubs = feed.putArray("hubs");
            view.hubs().forEach(hub -> hubs.addObject().put("type", "WebSub").put("url", hub));
        }
        ArrayNode items = feed.putArray("items");
        for (FeedItem item : view.items()) {
            item(items.addObject(), item, view);
        }
        try {
            return WRITER.writeValueAsBytes(feed);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a tree of strings always serialises; a failure here is a bug, not bad input
            throw new IllegalStateException("could not write JSON Feed: " + e.getMessage(), e);
        }
    }

    private static void item(ObjectNode item, FeedItem feedItem, FeedView view) {
        Article a = feedItem.article();
        SiteLinks links = view.links();
        item.put("id", links.articleId(a));
        item.put("url", links.articleLink(a));
        item.put("title", a.title());
        if (!feedItem.contentHtml().isEmpty()) {
            item.put("content_html", feedItem.contentHtml());
        } else {
            item.put("content_text", a.summary().isEmpty() ? a.title() : a.summary());
        }
        if (!a.summary().isEmpty()) {
            item.put("summary", a.summary());
        }
        feedItem.image().ifPresent(image -> item.put("image", image.url().toString()));
        item.put("date_published", date(a.published(), view));
        item.put("date_modified", date(a.updated(), view));
        item.putArray("authors").addObject().put("name", feedItem.author());
        List<String> tags = new ArrayList<>();
        for (Category c : feedItem.categories()) {
            tags.add(c.label());
        }
        tags.addAll(feedItem.tags());
        if (!tags.isEmpty()) {
            ArrayNode array = item.putArray("tags");
            tags.forEach(array::add);
        }
        if (!a.language().equals(view.language())) {
            item.put("language", a.language().value());
        }
    }

    private static String date(Instant instant, FeedView view) {
        return ArticleDates.rfc3339(instant, view.timeZone());
    }
}
