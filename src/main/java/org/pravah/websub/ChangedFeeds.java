package org.pravah.websub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pravah.catalog.Category;
import org.pravah.render.FeedFormat;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;

/**
 * The feeds whose first page has other bytes after a refresh than before: the topics WebSub hubs must hear about.
 * Compared by ETag, which is the bytes' checksum, so a refresh that changed nothing a subscriber sees pings no hub.
 *
 * @param topics feed URLs, the all-feed first, then the categories in tree order; each format on its own
 */
public record ChangedFeeds(Set<String> topics) {
    public ChangedFeeds {
        topics = Collections.unmodifiableSet(new LinkedHashSet<>(topics));
    }

    /** Renders (lazily, once per snapshot) the first page of every feed in {@code after} to compare it. */
    public static ChangedFeeds between(RenderedSite before, RenderedSite after, SiteLinks links) {
        Set<String> changed = new LinkedHashSet<>();
        List<Optional<Category>> feeds = new ArrayList<>();
        feeds.add(Optional.empty());
        after.snapshot().tree().all().forEach(c -> feeds.add(Optional.of(c)));
        for (Optional<Category> category : feeds) {
            String path = category.map(Category::path).orElse(SiteLinks.ALL);
            for (FeedFormat format : FeedFormat.values()) {
                Optional<String> old = before.feed(path, format).map(Rendered::etag);
                Optional<String> now = after.feed(path, format).map(Rendered::etag);
                if (!old.equals(now)) {
                    changed.add(links.feed(category, format));
                }
            }
        }
        return new ChangedFeeds(changed);
    }
}
