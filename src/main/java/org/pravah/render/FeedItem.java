package org.pravah.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pravah.article.Article;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;

/**
 * What one item of a feed shows, the same in RSS, Atom and JSON Feed; the renderers only write it in their format.
 *
 * @param categories the categories the article is filed under
 * @param tags       the article's own tags, without those that repeat one of its categories' labels or an earlier
 *                   tag (compared in NFC, ignoring case): readers list categories and tags together, and a reader
 *                   showing "खेल, खेल" or "T20, t20" shows noise
 * @param author     the article's author, else the site's default author: readers that find no author show the
 *                   feed's title or a bare {@code <author>} label (rss2email, feed2exec), and Atom would credit the feed's
 *                   author anyway
 * @param image      the lead image, when it has a URL
 * @param contentHtml the article's sanitised HTML, opened by the lead image as a figure ({@link LeadImage#above});
 *                   empty when the article has no body
 */
record FeedItem(Article article, List<Category> categories, List<String> tags, String author,
                Optional<LeadImage> image, String contentHtml) {
    FeedItem {
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    static FeedItem of(CatalogEntry entry, String defaultAuthor, Messages messages) {
        Article a = entry.article();
        Set<String> named = new HashSet<>();
        for (Category c : entry.categories()) {
            named.add(FeedQuery.fold(c.label()));
        }
        List<String> tags = new ArrayList<>();
        for (String tag : a.tags()) {
            if (named.add(FeedQuery.fold(tag))) {
                tags.add(tag);
            }
        }
        Optional<LeadImage> image = LeadImage.of(a);
        return new FeedItem(a, entry.categories(), tags, a.author().orElse(defaultAuthor), image,
                image.map(i -> i.above(a.contentHtml(), messages)).orElse(a.contentHtml()));
    }
}
