package org.pravah.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.pravah.article.Article;

/**
 * Everything the site shows at one moment, immutable: requests read one snapshot from start to end, so no response
 * ever mixes two states of the catalogue. The next snapshot is either built from every article ({@link #of}) or
 * made from this one and a change ({@link #changed}), in time that follows the change: the category lists the
 * change does not touch are shared, the others copied once.
 */
public final class Snapshot {

    /** The entries in {@link Article#NEWEST_FIRST} order. */
    static final Comparator<CatalogEntry> NEWEST_FIRST =
            (a, b) -> Article.NEWEST_FIRST.compare(a.article(), b.article());

    private static final AtomicLong VERSIONS = new AtomicLong();

    private final CategoryTree tree;
    /** Newest first (by publication, then key, so equal content always gives equal order). */
    private final EntryList entries;
    private final KeyIndex byKey;
    /** Each category's entries, its descendants' included, newest first. */
    private final Map<String, EntryList> byCategory;
    private final Instant newestUpdate;
    /** How many served entries each source gave (the metrics' per-source gauge). */
    private final Map<String, Integer> bySource;
    /** Tells snapshots apart for {@link #changeFrom}; never reused within a process. */
    private final long version = VERSIONS.incrementAndGet();
    private final Optional<Change> change;

    private Snapshot(CategoryTree tree, EntryList entries, KeyIndex byKey, Map<String, EntryList> byCategory,
                     Instant newestUpdate, Map<String, Integer> bySource, Optional<Change> change) {
        this.change = change;
        this.bySource = bySource;
        this.tree = tree;
        this.entries = entries;
        this.byKey = byKey;
        this.byCategory = byCategory;
        this.newestUpdate = newestUpdate;
    }

    public static Snapshot of(CategoryTree tree, List<Article> articles) {
        // the articles of a site share a few dozen distinct category lists: resolve each list once, not per article
        Map<List<String>, List<Category>> resolved = new HashMap<>();
        CatalogEntry[] sorted = new CatalogEntry[articles.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = entry(tree, articles.get(i), resolved);
        }
        Arrays.sort(sorted, NEWEST_FIRST);
        EntryList entries = EntryList.ofSorted(sorted);
        return new Snapshot(tree, entries, KeyIndex.of(entries), byCategory(tree, sorted), newestUpdate(entries),
                countBySource(entries, Map.of(), 1), Optional.empty());
    }

    private static CatalogEntry entry(CategoryTree tree, Article a, Map<List<String>, List<Category>> resolved) {
        List<Category> categories = resolved.computeIfAbsent(a.categoryRefs(), tree::resolveAll);
        if (categories.isEmpty()) {
            categories = resolved.computeIfAbsent(a.fallbackCategoryRefs(), tree::resolveAll);
        }
        return new CatalogEntry(a, categories);
    }

    /**
     * Files every entry under its categories and their ancestors in one pass, instead of filtering all entries once
     * per category.
     */
    private static Map<String, EntryList> byCategory(CategoryTree tree, CatalogEntry[] sorted) {
        Map<String, List<CatalogEntry>> lists = new HashMap<>();
        for (Category c : tree.all()) {
            lists.put(c.path(), new ArrayList<>());
        }
        // entries share their category lists (a few dozen in a site): the lists each is filed in, found once per list
        Map<List<Category>, List<List<CatalogEntry>>> filed = new IdentityHashMap<>();
        for (CatalogEntry e : sorted) {
            for (List<CatalogEntry> list : filed.computeIfAbsent(e.categories(), c -> filedIn(lists, e))) {
                list.add(e);
            }
        }
        Map<String, EntryList> out = new HashMap<>();
        lists.forEach((path, list) -> out.put(path, EntryList.ofSorted(list.toArray(new CatalogEntry[0]))));
        return out;
    }

    /**
     * The paths whose feeds list {@code e}: its categories and their ancestors, each once (an entry filed under two
     * categories of one branch is still one item of their parent). The search index files entries the same way.
     */
    private static List<List<CatalogEntry>> filedIn(Map<String, List<CatalogEntry>> lists, CatalogEntry e) {
        return filedUnder(e).stream().map(lists::get).filter(Objects::nonNull).toList();
    }

    public static Set<String> filedUnder(CatalogEntry e) {
        if (e.categories().size() == 1 && e.categories().get(0).path().indexOf('/') < 0) {
            return Set.of(e.categories().get(0).path());
        }
        Set<String> paths = new LinkedHashSet<>();
        for (Category c : e.categories()) {
            String path = c.path();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                paths.add(path.substring(0, slash));
            }
            paths.add(path);
        }
        return paths;
    }

    /** {@code counts} with each entry's source counted {@code by} more, as a new map. */
    private static Map<String, Integer> countBySource(Collection<CatalogEntry> entries, Map<String, Integer> counts,
                                                      int by) {
        Map<String, Integer> out = new HashMap<>(counts);
        // one map update per run of a source's articles, not per article: a start counts a million of them
        String source = null;
        int run = 0;
        for (CatalogEntry e : entries) {
            String next = e.article().sourceName();
            if (!next.equals(source)) {
                if (source != null) {
                    out.merge(source, by * run, Integer::sum);
                }
                source = next;
                run = 0;
            }
            run++;
        }
        if (source != null) {
            out.merge(source, by * run, Integer::sum);
        }
        out.values().removeIf(n -> n == 0);
        return Map.copyOf(out);
    }

    private static Instant newestUpdate(Collection<CatalogEntry> entries) {
        Instant newest = Instant.EPOCH;
        for (CatalogEntry e : entries) {
            if (e.article().updated().isAfter(newest)) {
                newest = e.article().updated();
            }
        }
        return newest;
    }

    /**
     * This snapshot after a change.
     *
     * @param removedKeys keys of articles no longer served
     * @param added       articles now served; one with the key of a served article replaces it
     * @return the next snapshot, which shares with this one every category list the change does not touch
     */
    public Snapshot changed(Collection<String> removedKeys, Collection<Article> added) {
        Map<String, CatalogEntry> gone = new LinkedHashMap<>();
        for (String key : removedKeys) {
            CatalogEntry e = byKey.get(key);
            if (e != null) {
                gone.put(key, e);
            }
        }
        Map<List<String>, List<Category>> resolved = new HashMap<>();
        Map<String, CatalogEntry> coming = new LinkedHashMap<>();
        for (Article a : added) {
            CatalogEntry was = byKey.get(a.key());
            if (was != null) {
                gone.put(a.key(), was);
            }
            coming.put(a.key(), entry(tree, a, resolved));
        }
        if (gone.isEmpty() && coming.isEmpty()) {
            return this;
        }
        EntryList nextEntries = entries.merge(gone.values(), coming.values());
        Map<String, List<CatalogEntry>> goneByPath = new HashMap<>();
        Map<String, List<CatalogEntry>> comingByPath = new HashMap<>();
        gone.values().forEach(e -> filedUnder(e).forEach(p -> goneByPath.computeIfAbsent(p, k -> new ArrayList<>()).add(e)));
        coming.values().forEach(e -> filedUnder(e).forEach(p -> comingByPath.computeIfAbsent(p, k -> new ArrayList<>()).add(e)));
        Map<String, EntryList> nextByCategory = new HashMap<>(byCategory);
        Set<String> touched = new LinkedHashSet<>(goneByPath.keySet());
        touched.addAll(comingByPath.keySet());
        Set<String> changedPaths = new LinkedHashSet<>();
        for (String path : touched) {
            EntryList list = byCategory.get(path);
            if (list != null) {
                EntryList next = list.merge(goneByPath.getOrDefault(path, List.of()),
                        comingByPath.getOrDefault(path, List.of()));
                nextByCategory.put(path, next);
                if (next != list) {
                    changedPaths.add(path);
                }
            }
        }
        Set<String> removed = new LinkedHashSet<>(gone.keySet());
        removed.removeAll(coming.keySet());
        KeyIndex nextByKey = byKey.with(removed, coming.values(), nextEntries);
        Instant newest = newestUpdate(coming.values());
        boolean newestGone = gone.values().stream().anyMatch(e -> !e.article().updated().isBefore(newestUpdate));
        newest = newestGone ? newestUpdate(nextEntries) : (newest.isAfter(newestUpdate) ? newest : newestUpdate);
        Set<String> keys = new LinkedHashSet<>(gone.keySet());
        keys.addAll(coming.keySet());
        Map<String, Integer> counts = countBySource(coming.values(), countBySource(gone.values(), bySource, -1), 1);
        return new Snapshot(tree, nextEntries, nextByKey, nextByCategory, newest, counts,
                Optional.of(new Change(version, Set.copyOf(keys), Set.copyOf(changedPaths))));
    }

    public CategoryTree tree() {
        return tree;
    }

    /** Every served entry, newest first (by publication, then key, so equal content always gives equal order). */
    public List<CatalogEntry> entries() {
        return entries;
    }

    /** The entries of a category feed (its own and its descendants'), or of the all-feed when empty. */
    public List<CatalogEntry> entriesIn(Optional<Category> category) {
        return category.<List<CatalogEntry>>map(c -> byCategory.getOrDefault(c.path(), EntryList.EMPTY)).orElse(entries);
    }

    public Optional<CatalogEntry> entry(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The latest {@code updated} of every served article; the epoch when there is none. */
    public Instant newestUpdate() {
        return newestUpdate;
    }

    /** How many of the served articles come from {@code source}. */
    public int servedFrom(String source) {
        return bySource.getOrDefault(source, 0);
    }

    /** Entries filed under no category: they are served in the all-feed only. */
    public List<CatalogEntry> uncategorised() {
        return entries.stream().filter(e -> e.categories().isEmpty()).toList();
    }

    /**
     * What changed from {@code previous} to this snapshot, when this one was made from it by {@link #changed}: the
     * rendered documents the change does not touch can be kept as they are. Empty otherwise (built anew, or made from
     * another snapshot).
     */
    public Optional<Change> changeFrom(Snapshot previous) {
        return change.filter(c -> c.from() == previous.version);
    }

    /**
     * @param from  the version of the snapshot the change was applied to
     * @param keys  the keys of every article added, removed or changed
     * @param paths the category paths whose feeds list other entries now (the all-feed is not named: it changes
     *              with any)
     */
    public record Change(long from, Set<String> keys, Set<String> paths) {
    }
}
