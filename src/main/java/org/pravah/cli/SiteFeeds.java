package org.pravah.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    /** The RFC 5005 archive documents of a feed, oldest first ({@code ?archive=1}, {@code 2}, …). */
    static List<Rendered> archives(RenderedSite site, Feed feed) {
        List<Rendered> archives = new ArrayList<>();
        for (int k = 1; ; k++) {
            Optional<Rendered> rendered = site.feed(feed.categoryPath(), feed.format(),
                    FeedQuery.FIRST_PAGE.withArchive(k));
            if (rendered.isEmpty()) {
                return archives;
            }
            archives.add(rendered.get());
        }
    }

    static List<Rendered> pages(RenderedSite site, Feed feed) {
        List<Rendered> pages = new ArrayList<>();
        for (int page = 1; ; page++) {
            Optional<Rendered> rendered = site.feed(feed.categoryPath(), feed.format(),
                    FeedQuery.FIRST_PAGE.withPage(page));
            if (rendered.isEmpty()) {
                return pages;
            }
            pages.add(rendered.get());
        }
    }
}
