package org.pravah.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.pravah.article.Article;
import org.pravah.compact.KeyedTable;
import org.pravah.source.ArticleSource;
import org.pravah.source.SourceChange;
import org.pravah.source.SourceLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Snapshot} and moves it on at each refresh by what changed: each source's load is compared
 * with what that source offered before, and only the articles that differ (sources hand back the very same
 * {@link Article} objects for what did not change) reach the snapshot, which files them in time that follows the
 * change. A source that cannot be read at all keeps its last good articles; problems are logged once each, not on
 * every refresh, and the catalogue's size only when it changed. An article that reached us through two sources is
 * served once ({@link DuplicateLinks}).
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final CategoryTree tree;
    private final List<ArticleSource> sources;
    private final AtomicReference<Snapshot> current;
    /** What each source offered at its last good load, by key: what its next load is compared with. */
    private final Map<String, KeyedTable<Article>> offered = new HashMap<>();
    private final DuplicateLinks duplicates;
    /**
     * The served articles filed under no category, by key, each with the line that says so when it named categories
     * ("" when it named none).
     */
    private final Map<String, String> uncategorised = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private volatile List<SourceLoad> lastLoads = List.of();
    /** Whether a refresh has run: the first one is logged even when it found no article. */
    private boolean loadedOnce;

    public Catalog(CategoryTree tree, List<ArticleSource> sources) {
        this.tree = tree;
        this.sources = List.copyOf(sources);
        this.current = new AtomicReference<>(Snapshot.of(tree, List.of()));
        this.duplicates = new DuplicateLinks(this.sources.stream().map(ArticleSource::name).toList());
    }

    public Snapshot snapshot() {
        return current.get();
    }

    /** What each source's latest load produced, problems included, in config order ({@code check} and metrics). */
    public List<SourceLoad> lastLoads() {
        return lastLoads;
    }

    /**
     * Loads every source and publishes the snapshot moved on by what changed; returns it. When no article changed
     * (a periodic rescan, most of the time) the current snapshot is returned as it is, so whatever was rendered from
     * it stays cached.
     */
    public synchronized Snapshot refresh() {
        return refresh(Optional.empty());
    }

    /**
     * Loads what the file system reported changed at {@code paths}: only the sources that watch them, each reading
     * only those paths where it can ({@link ArticleSource#loadChanged}); the other sources are not loaded.
     */
    public synchronized Snapshot refresh(Set<Path> paths) {
        return refresh(Optional.of(Set.copyOf(paths)), source -> true);
    }

    /**
     * Loads only the sources {@code which} accepts (after a store write, the store's; after an upstream poll, the
     * upstreams'); the others keep serving what their last load gave, without being read. A source that can tell
     * what changed since its last load ({@link ArticleSource#loadChanges}) reads only that, here as in
     * {@link #refresh()}.
     */
    public synchronized Snapshot refresh(Predicate<ArticleSource> which) {
        return refresh(Optional.empty(), which);
    }

    private Snapshot refresh(Optional<Set<Path>> changedPaths) {
        return refresh(changedPaths, source -> true);
    }

    private Snapshot refresh(Optional<Set<Path>> changedPaths, Predicate<ArticleSource> which) {
        Set<String> problems = new LinkedHashSet<>();
        List<SourceLoad> loads = new ArrayList<>();
        List<Article> leaving = new ArrayList<>();
        List<Article> arriving = new ArrayList<>();
        for (ArticleSource source : sources) {
            KeyedTable<Article> before = offered.get(source.name());
            SourceLoad load;
            if (before != null && (!which.test(source)
                    || changedPaths.isPresent() && changedPaths.get().stream().noneMatch(source::watches))) {
                // not concerned by this refresh: it serves on what its last load gave
                load = lastLoad(source.name());
            } else {
                // a source that can tell what changed since the load the catalogue holds (the store) reads only that
                Optional<SourceChange> change = changedPaths.isPresent() ? source.loadChanged(changedPaths.get())
                        : before != null ? source.loadChanges() : Optional.empty();
                if (change.isPresent()) {
                    load = change.get().asLoad();
                    apply(before, change.get(), leaving, arriving);
                } else {
                    load = source.load();
                    if (load.complete()) {
                        offered.put(source.name(), compare(before, load.articles(), leaving, arriving));
                    }
                }
            }
            if (load == null) {
                continue;
            }
            loads.add(load);
            problems.addAll(load.problems());
            if (!load.complete() && before != null) {
                problems.add("source '" + source.name() + "' could not be read; serving its last good "
                        + before.size() + " articles");
            }
        }
        Snapshot previous = current.get();
        Snapshot next = moveOn(previous, duplicates.change(leaving, arriving));
        problems.addAll(duplicates.problems());
        uncategorised.values().stream().filter(line -> !line.isEmpty()).forEach(problems::add);
        for (String problem : problems) {
            if (reported.add(problem)) {
                LOG.warn(problem);
            }
        }
        reported.retainAll(problems);
        current.set(next);
        lastLoads = List.copyOf(loads);
        // the periodic rescan finds nothing new most of the time; a line every 30 s would bury the ones that matter.
        // Failures are warned about above, once each.
        if (next != previous || !loadedOnce) {
            LOG.info("catalogue: {} articles from {} source(s), {} uncategorised", next.entries().size(),
                    sources.size(), uncategorised.size());
        }
        loadedOnce = true;
        return next;
    }

    private SourceLoad lastLoad(String sourceName) {
        return lastLoads.stream().filter(l -> l.sourceName().equals(sourceName)).findFirst().orElse(null);
    }

    /** Applies a source's change to its offer, adding what leaves and arrives. */
    private static void apply(KeyedTable<Article> offer, SourceChange change, List<Article> leaving,
                              List<Article> arriving) {
        for (String key : change.leavingKeys()) {
            Article old = offer.remove(key);
            if (old != null) {
                leaving.add(old);
            }
        }
        for (Article a : change.arriving()) {
            Article old = offer.put(a);
            if (old != a) {
                arriving.add(a);
                if (old != null) {
                    leaving.add(old);
                }
            }
        }
    }

    /**
     * Adds to {@code leaving} and {@code arriving} what differs between a source's last offer and its new load: an
     * article object it did not hand back before arrives, one it no longer hands back leaves.
     *
     * @return the new offer, by key
     */
    private static KeyedTable<Article> compare(KeyedTable<Article> before, List<Article> now, List<Article> leaving,
                                               List<Article> arriving) {
        KeyedTable<Article> next = new KeyedTable<>(Article::key, now.size());
        for (Article a : now) {
            next.put(a);
        }
        KeyedTable<Article> was = before == null ? new KeyedTable<>(Article::key) : before;
        // in the load's order, not the table's: a start sorts what arrives, and the source's order has long runs
        for (Article a : now) {
            Article old = was.get(a.key());
            if (old != a && next.get(a.key()) == a) {
                arriving.add(a);
                if (old != null) {
                    leaving.add(old);
                }
            }
        }
        for (Article old : was.values()) {
            if (!next.containsKey(old.key())) {
                leaving.add(old);
            }
        }
        return next;
    }

    /** The snapshot after a change of the served articles, and the lines about those filed under no category. */
    private Snapshot moveOn(Snapshot previous, DuplicateLinks.Served served) {
        if (served.isEmpty()) {
            return previous;
        }
        Snapshot next;
        List<String> removedKeys = served.removed().stream().map(Article::key).toList();
        if (previous.entries().isEmpty()) {
            // a start: one sort of every article beats merging them into empty lists
            next = Snapshot.of(tree, served.added());
        } else {
            next = previous.changed(removedKeys, served.added());
        }
        removedKeys.forEach(uncategorised::remove);
        // at a start every entry was added: walk them rather than look a million keys up
        Iterable<CatalogEntry> added = previous.entries().isEmpty() ? next.entries()
                : served.added().stream().map(a -> next.entry(a.key()).orElseThrow())::iterator;
        for (CatalogEntry e : added) {
            Article a = e.article();
            if (e.categories().isEmpty()) {
                List<String> refs = new ArrayList<>(a.categoryRefs());
                refs.addAll(a.fallbackCategoryRefs());
                uncategorised.put(a.key(), refs.isEmpty() ? "" : a.origin() + ": no category matches " + refs
                        + "; the article is served in the all-feed only");
            }
        }
        return next;
    }
}
