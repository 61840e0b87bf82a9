package org.pravah.search;

import java.util.List;
import java.util.Optional;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;

/** Finds the entries of a feed that a {@code ?q=} and {@code ?tag=} select, a page at a time. */
public interface FeedSearch {
    /**
     * Reads every entry of the feed, as a request did before there was an index: for {@code check} and
     * {@code export}, which must not write a server's index, and while an index catches up.
     */
    FeedSearch SCAN = (snapshot, category, text, tag, page, size) -> {
        SearchWords words = SearchWords.of(text);
        List<CatalogEntry> matching = snapshot.entriesIn(category).stream()
                .filter(e -> tag.isEmpty() || e.article().tags().stream().anyMatch(t -> SearchWords.foldCase(t).equals(tag)))
                .filter(e -> text.isEmpty() || words.matches(e.article()))
                .toList();
        long from = (long) (page - 1) * size;
        if (from >= matching.size()) {
            return new SearchHits(List.of(), matching.size());
        }
        return new SearchHits(matching.subList((int) from, (int) Math.min(from + size, matching.size())),
                matching.size());
    };

    /**
     * @param category the category feed, or empty for the all-feed
     * @param text     the query's words ({@link SearchWords}); empty for none
     * @param tag      a tag the entries must have, folded by {@link SearchWords#foldCase}; empty for none
     * @param page     1-based
     * @param size     entries per page
     * @return the page's entries, newest first (none past the last page), and how many match in all
     */
    SearchHits find(Snapshot snapshot, Optional<Category> category, String text, String tag, int page, int size);
}
