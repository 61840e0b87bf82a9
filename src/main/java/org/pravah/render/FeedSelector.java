package org.pravah.render;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;
import org.pravah.config.SiteConfig;
import org.pravah.search.FeedSearch;
import org.pravah.search.SearchHits;

/**
 * Selects what a feed document shows ({@link FeedView}) from a snapshot: which entries, which page, and the feed's
 * title and dates.
 */
public final class FeedSelector {
    private final SiteConfig site;
    private final SiteLinks links;
    private final int itemsPerFeed;
    private final int ttlMinutes;
    private final List<String> hubs;
    /** The words of filtered feeds' titles and of categories without a description, in the site's language. */
    private final Messages messages;

    public FeedSelector(SiteConfig site, SiteLinks links, int itemsPerFeed, int ttlMinutes, List<String> hubs) {
        this.site = site;
        this.links = links;
        this.itemsPerFeed = itemsPerFeed;
        this.ttlMinutes = ttlMinutes;
        this.hubs = List.copyOf(hubs);
        this.messages = Messages.of(site.language());
    }

    /** Default TTL, no WebSub hubs. */
    public FeedSelector(SiteConfig site, SiteLinks links, int itemsPerFeed) {
        this(site, links, itemsPerFeed, org.pravah.config.FeedsConfig.DEFAULT_TTL_MINUTES, List.of());
    }

    public SiteLinks links() {
        return links;
    }

    public int ttlMinutes() {
        return ttlMinutes;
    }

    /** The first page of a feed. */
    public FeedView view(Snapshot snapshot, Optional<Category> category) {
        return view(snapshot, category, FeedQuery.FIRST_PAGE).orElseThrow();
    }

    /** A filtered feed says what it is filtered by: a reader subscribed to two searches can tell them apart. */
    private String filterTitle(FeedQuery query) {
        StringBuilder out = new StringBuilder();
        if (!query.text().isEmpty()) {
            out.append(" — ").append(messages.get("feed.title.text", query.text()));
        }
        if (!query.tag().isEmpty()) {
            out.append(" — ").append(messages.get("feed.title.tag", query.tag()));
        }
        return out.toString();
    }

    /** A page of a feed, filtered by reading the feed's entries ({@link FeedSearch#SCAN}). */
    public Optional<FeedView> view(Snapshot snapshot, Optional<Category> category, FeedQuery query) {
        return view(snapshot, category, query, FeedSearch.SCAN);
    }

    /**
     * A page of a feed, or empty when the page does not exist (page 1 always exists, even for an empty feed).
     *
     * @param search finds the entries of a filtered page ({@code ?q=}, {@code ?tag=})
     */
    public Optional<FeedView> view(Snapshot snapshot, Optional<Category> category, FeedQuery query,
                                   FeedSearch search) {
        List<CatalogEntry> all = snapshot.entriesIn(category);
        // archives are complete blocks of itemsPerFeed counted from the oldest article, so a new article never moves
        // an item from one archive to another: archive K says the same until an old article is edited or deleted
        int archiveCount = all.size() / itemsPerFeed;
        int size = query.pageSize(itemsPerFeed);
        int pageCount = Math.max(1, (all.size() + size - 1) / size);
        List<CatalogEntry> shown;
        if (query.isFiltered()) {
            // the matching entries of this page only: a search never reads the rest of a large archive
            SearchHits hits = search.find(snapshot, category, query.text(), query.tag(), query.page(), size);
            pageCount = Math.max(1, (hits.total() + size - 1) / size);
            if (query.page() > pageCount) {
                return Optional.empty();
            }
            shown = hits.entries();
        } else if (query.isArchive()) {
            if (query.archive() > archiveCount) {
                return Optional.empty();
            }
            int oldestFirstEnd = all.size() - (query.archive() - 1) * itemsPerFeed;
            shown = all.subList(oldestFirstEnd - itemsPerFeed, oldestFirstEnd);
        } else {
            if (query.page() > pageCount) {
                return Optional.empty();
            }
            int from = (query.page() - 1) * size;
            shown = all.subList(from, Math.min(from + size, all.size()));
        }
        // Feed dates come from the content, never from the clock: an empty feed is dated by the whole site's newest
        // article, so that unchanged content keeps identical bytes (and ETag) across restarts.
        // (the site's entries are newest first, so its newest publication is the first one's)
        Instant published = shown.isEmpty()
                ? snapshot.entries().stream().findFirst().map(e -> e.article().published()).orElse(Instant.EPOCH)
                : shown.stream().map(e -> e.article().published()).max(Instant::compareTo).orElse(Instant.EPOCH);
        Instant updated = shown.isEmpty() ? snapshot.newestUpdate()
                : shown.stream().map(e -> e.article().updated()).max(Instant::compareTo).orElse(Instant.EPOCH);
        String title = category.map(c -> site.title() + " — " + c.displayPath()).orElse(site.title())
                + filterTitle(query);
        String description = category.map(c -> c.description().isEmpty()
                        ? messages.get("feed.description.category", c.displayPath(), site.title()) : c.description())
                .orElse(site.description().isEmpty() ? site.title() : site.description());
        // the page a person sees for this feed, with the same filters: a browser following the feed's link lands on it
        String home = category.isEmpty() && !query.isFiltered() ? links.home()
                : links.feedPage(category) + query.withPage(1).queryString();
        return Optional.of(new FeedView(category, title, description, home, site.title(), site.defaultAuthor(),
                site.language(), site.timeZone(), published, updated, shown, links, query, pageCount, ttlMinutes, hubs,
                archiveCount));
    }
}
