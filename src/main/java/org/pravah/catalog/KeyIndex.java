package org.pravah.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.pravah.compact.KeyedTable;

/**
 * The entries by article key, immutable. A change copies only the recent changes (the overlay), never the map of
 * every article: that map is shared by successive snapshots and rebuilt only once the overlay has grown to a
 * sixty-fourth of it, so a change costs a small copy, and the rebuild, spread over the changes before it, a few
 * entries each. The map of every article is a {@link KeyedTable}: a reference per article.
 */
final class KeyIndex {
    static final KeyIndex EMPTY = new KeyIndex(new KeyedTable<>(KeyIndex::keyOf), Map.of());
    private static final int SMALLEST_OVERLAY = 1024;

    /** Never changed once built. */
    private final KeyedTable<CatalogEntry> base;
    /** Keys changed since {@link #base} was built; a null value is a removed article. */
    private final Map<String, CatalogEntry> overlay;

    private KeyIndex(KeyedTable<CatalogEntry> base, Map<String, CatalogEntry> overlay) {
        this.base = base;
        this.overlay = overlay;
    }

    static KeyIndex of(Collection<CatalogEntry> entries) {
        KeyedTable<CatalogEntry> byKey = new KeyedTable<>(KeyIndex::keyOf, entries.size());
        for (CatalogEntry e : entries) {
            byKey.put(e);
        }
        return new KeyIndex(byKey, Map.of());
    }

    private static String keyOf(CatalogEntry e) {
        return e.article().key();
    }

    CatalogEntry get(String key) {
        if (overlay.containsKey(key)) {
            return overlay.get(key);
        }
        return base.get(key);
    }

    /**
     * @param removed keys no longer served
     * @param added   entries now served (replacing any of the same key)
     * @param all     every entry after the change, for when the overlay is folded into a new base
     */
    KeyIndex with(Collection<String> removed, Collection<CatalogEntry> added, Collection<CatalogEntry> all) {
        if (overlay.size() + removed.size() + added.size() > Math.max(SMALLEST_OVERLAY, base.size() / 64)) {
            return of(all);
        }
        Map<String, CatalogEntry> next = new HashMap<>(overlay);
        for (String key : removed) {
            next.put(key, null);
        }
        for (CatalogEntry e : added) {
            next.put(e.article().key(), e);
        }
        return new KeyIndex(base, next);
    }
}
