package org.pravah.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.pravah.catalog.Category;
import org.pravah.render.FeedFormat;
import org.pravah.render.FeedQuery;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;

/** Every feed a site serves: the all-feed and each category's, in every format, each with all its pages. */
final class SiteFeeds {
    private SiteFeeds() {
    }

    /** One feed in one format. */
    record Feed(Optional<Category> category, FeedFormat format) {
        String categoryPath() {
            return category.map(Category::path).orElse(SiteLinks.ALL);
        }

        /** {@code /feeds/all.rss}: how the report names it. */
        String path() {
            return "/feeds/" + categoryPath() + "." + format.extension();
        }
    }

    static List<Feed> of(RenderedSite site) {
        List<Optional<Category>> categories = new ArrayList<>();
        categories.add(Optional.empty());
        site.snapshot().tree().all().forEach(c -> categories.add(Optional.of(c)));
        List<Feed> feeds = new ArrayList<>();
        for (Optional<Category> category : categories) {
            for (FeedFormat format : FeedFormat.values()) {
                feeds.add(new Feed(category, format));
            }
        }
        return feeds;
    }

    /** The pages of a feed, first to last: a feed has at least one page, even when empty. */
    static List<Rendered> pages(RenderedSite site, Feed feed) {
        return documents(site, feed, FeedQuery.FIRST_PAGE::withPage);
    }

    /** The RFC 5005 archive documents of a feed, oldest first ({@code ?archive=1}, {@code 2}, …). */
    static List<Rendered> archives(RenderedSite site, Feed feed) {
        return documents(site, feed, FeedQuery.FIRST_PAGE::withArchive);
    }

    /** Documents 1, 2, … of a feed until the site has no such document. */
    private static List<Rendered> documents(RenderedSite site, Feed feed, IntFunction<FeedQuery> numbered) {
        List<Rendered> documents = new ArrayList<>();
        for (int n = 1; ; n++) {
            Optional<Rendered> rendered = site.feed(feed.categoryPath(), feed.format(), numbered.apply(n));
            if (rendered.isEmpty()) {
                return documents;
            }
            documents.add(rendered.get());
        }
    }
}
