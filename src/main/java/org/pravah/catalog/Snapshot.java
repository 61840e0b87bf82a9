package org.pravah.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pravah.article.Article;

/**
 * Everything the site shows at one moment, immutable: requests read one snapshot from start to end, so no response
 * ever mixes two states of the catalogue.
 *
 * @param entries newest first (by publication, then key, so equal content always gives equal order)
 */
public record Snapshot(CategoryTree tree, List<CatalogEntry> entries, Map<String, CatalogEntry> byKey,
                       Map<String, List<CatalogEntry>> byCategory) {

    /** Written out rather than composed from key extractors: a start sorts every article on a cold JVM. */
    static final Comparator<CatalogEntry> NEWEST_FIRST = (a, b) -> {
        int byDate = b.article().published().compareTo(a.article().published());
        return byDate != 0 ? byDate : a.article().key().compareTo(b.article().key());
    };

    public static Snapshot of(CategoryTree tree, List<Article> articles) {
        // the articles of a site share a few dozen distinct category lists: resolve each list once, not per article
        Map<List<String>, List<Category>> resolved = new HashMap<>();
        List<CatalogEntry> entries = new ArrayList<>(articles.size());
        for (Article a : articles) {
            List<Category> categories = resolved.computeIfAbsent(a.categoryRefs(), tree::resolveAll);
            if (categories.isEmpty()) {
                categories = resolved.computeIfAbsent(a.fallbackCategoryRefs(), tree::resolveAll);
            }
            entries.add(new CatalogEntry(a, categories));
        }
        entries.sort(NEWEST_FIRST);
        Map<String, CatalogEntry> byKey = new HashMap<>(entries.size() * 4 / 3 + 1);
        for (CatalogEntry e : entries) {
            byKey.put(e.article().key(), e);
        }
        // read-only views rather than copies: nothing else holds these collections, and copying them again is a
        // good part of a start's work with many articles
        return new Snapshot(tree, Collections.unmodifiableList(entries), Collections.unmodifiableMap(byKey),
                byCategory(tree, entries));
    }

    /**
     * Each category's entries, its descendants' included, newest first: one pass that files every entry under its
     * categories and their ancestors, instead of filtering all entries once per category.
     */
    private static Map<String, List<CatalogEntry>> byCategory(CategoryTree tree, List<CatalogEntry> entries) {
        Map<String, List<CatalogEntry>> lists = new HashMap<>();
        for (Category c : tree.all()) {
            lists.put(c.path(), new ArrayList<>());
        }
        for (CatalogEntry e : entries) {
            for (Category c : e.categories()) {
                String path = c.path();
                for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                    file(lists.get(path.substring(0, slash)), e);
                }
                file(lists.get(path), e);
            }
        }
        lists.replaceAll((path, list) -> Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(lists);
    }

    /** Adds {@code e} once: an entry filed under two categories of one branch is still one item of their parent. */
    private static void file(List<CatalogEntry> list, CatalogEntry e) {
        if (list != null && (list.isEmpty() || list.get(list.size() - 1) != e)) {
            list.add(e);
        }
    }

    /** The entries of a category feed (its own and its descendants'), or of the all-feed when empty. */
    public List<CatalogEntry> entriesIn(Optional<Category> category) {
        return category.map(c -> byCategory.getOrDefault(c.path(), List.of())).orElse(entries);
    }

    public Optional<CatalogEntry> entry(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Entries filed under no category: they are served in the all-feed only. */
    public List<CatalogEntry> uncategorised() {
        return entries.stream().filter(e -> e.categories().isEmpty()).toList();
    }
}
