package org.pravah.catalog;

import java.util.ArrayList;
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

    static final Comparator<CatalogEntry> NEWEST_FIRST = Comparator
            .comparing((CatalogEntry e) -> e.article().published()).reversed()
            .thenComparing(e -> e.article().key());

    public static Snapshot of(CategoryTree tree, List<Article> articles) {
        List<CatalogEntry> entries = new ArrayList<>();
        for (Article a : articles) {
            List<Category> categories = tree.resolveAll(a.categoryRefs());
            if (categories.isEmpty()) {
                categories = tree.resolveAll(a.fallbackCategoryRefs());
            }
            entries.add(new CatalogEntry(a, categories));
        }
        entries.sort(NEWEST_FIRST);
        Map<String, CatalogEntry> byKey = new HashMap<>();
        entries.forEach(e -> byKey.put(e.article().key(), e));
        Map<String, List<CatalogEntry>> byCategory = new HashMap<>();
        for (Category c : tree.all()) {
            byCategory.put(c.path(), entries.stream().filter(e -> e.isIn(c)).toList());
        }
        return new Snapshot(tree, List.copyOf(entries), Map.copyOf(byKey), Map.copyOf(byCategory));
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
