package org.pravah.catalog;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.RandomAccess;

/**
 * Catalogue entries newest first ({@link Snapshot#NEWEST_FIRST}), immutable, in one array. A change of k articles
 * makes the next list with k binary searches and one copy of the array, instead of sorting every article again:
 * on a million articles that copy is a few milliseconds, the sort seconds.
 */
final class EntryList extends AbstractList<CatalogEntry> implements RandomAccess {
    static final EntryList EMPTY = new EntryList(new CatalogEntry[0]);

    private final CatalogEntry[] entries;

    private EntryList(CatalogEntry[] entries) {
        this.entries = entries;
    }

    /** Takes {@code sorted} as it is: the caller sorted it and hands it over. */
    static EntryList ofSorted(CatalogEntry[] sorted) {
        return new EntryList(sorted);
    }

    @Override
    public CatalogEntry get(int index) {
        return entries[index];
    }

    @Override
    public int size() {
        return entries.length;
    }

    /**
     * This list without {@code removed} (entries of this list; others are ignored) and with {@code added} (entries
     * not in it), still newest first.
     */
    EntryList merge(Collection<CatalogEntry> removed, Collection<CatalogEntry> added) {
        int[] drops = new int[removed.size()];
        int dropCount = 0;
        for (CatalogEntry r : removed) {
            int at = Collections.binarySearch(this, r, Snapshot.NEWEST_FIRST);
            // the order is total over keys, so a match is the entry itself unless an equal key was never filed here
            if (at >= 0 && entries[at] == r) {
                drops[dropCount++] = at;
            }
        }
        Arrays.sort(drops, 0, dropCount);
        CatalogEntry[] adds = added.toArray(new CatalogEntry[0]);
        Arrays.sort(adds, Snapshot.NEWEST_FIRST);
        if (dropCount == 0 && adds.length == 0) {
            return this;
        }
        CatalogEntry[] out = new CatalogEntry[entries.length - dropCount + adds.length];
        int from = 0;
        int written = 0;
        int drop = 0;
        for (CatalogEntry a : adds) {
            int at = Collections.binarySearch(this, a, Snapshot.NEWEST_FIRST);
            // an added entry that compares equal to one here replaces it (same key and date): it goes before it,
            // and the old one is among the drops
            int insertAt = at >= 0 ? at : -at - 1;
            while (drop < dropCount && drops[drop] < insertAt) {
                written = copy(from, drops[drop], out, written);
                from = drops[drop] + 1;
                drop++;
            }
            written = copy(from, insertAt, out, written);
            from = Math.max(from, insertAt);
            out[written++] = a;
        }
        while (drop < dropCount) {
            written = copy(from, drops[drop], out, written);
            from = drops[drop] + 1;
            drop++;
        }
        copy(from, entries.length, out, written);
        return new EntryList(out);
    }

    private int copy(int from, int to, CatalogEntry[] out, int written) {
        if (to <= from) {
            return written;
        }
        System.arraycopy(entries, from, out, written, to - from);
        return written + to - from;
    }
}
