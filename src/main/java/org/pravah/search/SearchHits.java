package org.pravah.search;

import java.util.List;
import org.pravah.catalog.CatalogEntry;

/**
 * One page of a filtered feed.
 *
 * @param entries the page's entries, newest first, as the request's snapshot holds them
 * @param total   how many entries of the feed match, on every page
 */
public record SearchHits(List<CatalogEntry> entries, int total) {
    public SearchHits {
        entries = List.copyOf(entries);
    }
}
