package org.pravah.render;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.Snapshot;
import org.pravah.config.PravahConfig;
import org.pravah.search.FeedSearch;
import org.pravah.search.SearchIndex;
import org.pravah.source.SourceLoad;

/**
 * Loads the catalogue and swaps in the site rendered from it, in one step: requests read the current
 * {@link RenderedSite} from one atomic reference, so no request ever sees half of a refresh. The server and the
 * {@code check} and {@code export} commands render through the same one, so they serve and write the same bytes.
 */
public final class SiteRefresher {
    /**
     * What one config renders with; the server makes a new one when a config edit is loaded.
     *
     * @param language the site's language, which every rendered page declares
     */
    public record Setup(Catalog catalog, FeedSelector selector, HtmlPages pages, LanguageTag language) {
        /** @param links how the site links its pages: as served, or as a static copy must ({@code export}) */
        public static Setup of(PravahConfig config, SiteLinks links, Catalog catalog) {
            return new Setup(catalog,
                    new FeedSelector(config.site(), links, config.feeds().itemsPerFeed(), config.feeds().ttlMinutes(),
                            config.websub().hubs()),
                    new HtmlPages(config.site(), links), config.site().language());
        }
    }

    /** Hears of every refresh, also one that changed nothing (the metrics count reloads). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (took, snapshot, loads) -> { };

        void refreshed(Duration took, Snapshot snapshot, List<SourceLoad> loads);
    }

    private final AtomicReference<RenderedSite> site = new AtomicReference<>();
    /** Outlives every snapshot: a feed's Last-Modified moves only when its bytes do. */
    private final LastModifiedLog changes = new LastModifiedLog(Clock.systemUTC());
    /** Wraps the renderers of each new site (the metrics time them). */
    private final UnaryOperator<List<FeedRenderer>> renderers;
    private final Listener listener;
    /** The setup the current site was rendered with: a config reload renders anew even when no article changed. */
    private Setup renderedBy;
    /** Follows every snapshot served; none for {@code check} and {@code export}, which read the feeds to search. */
    private volatile Optional<SearchIndex> search = Optional.empty();

    public SiteRefresher() {
        this(UnaryOperator.identity(), Listener.NONE);
    }

    public SiteRefresher(UnaryOperator<List<FeedRenderer>> renderers, Listener listener) {
        this.renderers = renderers;
        this.listener = listener;
    }

    /** Filtered feeds are searched in {@code index} from the next refresh on; it follows every snapshot served. */
    public void searchWith(SearchIndex index) {
        search = Optional.of(index);
    }

    /**
     * Dates the feeds kept from before a restart as they were served, so that a feed rendered to the same bytes keeps
     * its Last-Modified across the restart; before the first refresh.
     */
    public void rememberServed(KeptFeeds kept) {
        String firstPage = FeedQuery.FIRST_PAGE.cacheKey().orElseThrow();
        kept.feeds().forEach((feed, r) -> changes.remember(
                RenderedSite.feedKey(feed.categoryPath(), feed.format(), firstPage), r.etag(), r.lastModified()));
    }

    /** The site being served; {@code null} until the first refresh is done. */
    public RenderedSite current() {
        return site.get();
    }

    /**
     * Loads every source of {@code setup}'s catalogue and swaps in the new snapshot with its (lazily) rendered feeds.
     *
     * @return the site now served: the same object as before when nothing changed, so every rendered feed keeps its
     *         bytes and ETag
     */
    public synchronized RenderedSite refresh(Setup setup) {
        return refresh(setup, Catalog::refresh);
    }

    /**
     * Like {@link #refresh(Setup)}, but the catalogue loads as {@code load} says: only what file events named
     * ({@link Catalog#refresh(Set)}), only some sources ({@link Catalog#refresh(java.util.function.Predicate)}).
     */
    public synchronized RenderedSite refresh(Setup setup, Function<Catalog, Snapshot> load) {
        long started = System.nanoTime();
        Snapshot snapshot = load.apply(setup.catalog());
        RenderedSite current = site.get();
        // nothing changed (a rescan that found no edits): keep every rendered feed, and its ETag, as it is. Setups
        // compare by identity: one is made per loaded config
        if (current != null && current.snapshot() == snapshot && renderedBy == setup) {
            listener.refreshed(Duration.ofNanos(System.nanoTime() - started), snapshot, setup.catalog().lastLoads());
            return current;
        }
        Optional<SearchIndex> index = search;
        // before the snapshot is served: a search on it finds what it holds
        index.ifPresent(i -> i.follow(snapshot));
        RenderedSite next = new RenderedSite(snapshot, setup.selector(), setup.pages(), setup.language(),
                renderers.apply(List.of(new RssRenderer(), new AtomRenderer(), new JsonFeedRenderer())), changes,
                index.<FeedSearch>map(i -> i).orElse(FeedSearch.SCAN));
        if (current != null && renderedBy == setup) {
            // cost follows the change: what it did not touch is served on as it was, not rendered again
            snapshot.changeFrom(current.snapshot()).ifPresent(change -> next.keepUnchanged(current, change));
        }
        renderedBy = setup;
        listener.refreshed(Duration.ofNanos(System.nanoTime() - started), snapshot, setup.catalog().lastLoads());
        site.set(next);
        return next;
    }
}
