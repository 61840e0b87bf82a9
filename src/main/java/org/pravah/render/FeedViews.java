package org.pravah.render;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;
import org.pravah.config.SiteConfig;

/** Cuts feed views out of a snapshot: which entries, how many, and the feed's title and dates. */
public final class FeedViews {
    private final SiteConfig site;
    private final SiteLinks links;
    private final int itemsPerFeed;

    public FeedViews(SiteConfig site, SiteLinks links, int itemsPerFeed) {
        this.site = site;
        this.links = links;
        this.itemsPerFeed = itemsPerFeed;
    }

    public SiteLinks links() {
        return links;
    }

    public FeedView view(Snapshot snapshot, Optional<Category> category) {
        List<CatalogEntry> all = snapshot.entriesIn(category);
        List<CatalogEntry> shown = all.subList(0, Math.min(itemsPerFeed, all.size()));
        // Feed dates come from the content, never from the clock: an empty feed is dated by the whole site's newest
        // article, so that unchanged content keeps identical bytes (and ETag) across restarts.
        List<CatalogEntry> dating = shown.isEmpty() ? snapshot.entries() : shown;
        Instant published = dating.stream().map(e -> e.article().published()).max(Instant::compareTo).orElse(Instant.EPOCH);
        Instant updated = dating.stream().map(e -> e.article().updated()).max(Instant::compareTo).orElse(Instant.EPOCH);
        String title = category.map(c -> site.title() + " — " + c.displayPath()).orElse(site.title());
        String description = category.map(c -> c.description().isEmpty()
                        ? c.displayPath() + ": " + site.title() + " के ताज़ा समाचार" : c.description())
                .orElse(site.description().isEmpty() ? site.title() : site.description());
        return new FeedView(category, title, description, links.home(), site.title(), site.language(),
                site.timeZone(), published, updated, shown, links);
    }
}
