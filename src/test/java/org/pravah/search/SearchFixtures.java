package org.pravah.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pravah.article.Article;
import org.pravah.article.LanguageTag;
import org.pravah.article.Text;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.catalog.TestCategories;
import org.pravah.testing.TestSite;

/** Articles and queries for the search tests: the categories of {@code feeds-config.yaml}, one source. */
final class SearchFixtures {
    static final CategoryTree TREE = TestCategories.tree();

    private SearchFixtures() {
    }

    /** Texts are made NFC, as every source makes them ({@link Text#clean}). */
    static Article article(String id, String published, String title, String summary, String category,
                           String... tags) {
        Instant when = Instant.parse(published);
        return new Article(Article.keyOf("local", id), "local", id, Text.cleanLine(title), Text.clean(summary),
                "<p>" + Text.clean(summary) + "</p>", category.isEmpty() ? List.of() : List.of(category), List.of(),
                List.of(tags), when, when, Optional.empty(), Optional.empty(), Optional.empty(), LanguageTag.HINDI,
                "articles/" + id + ".json");
    }

    static Optional<Category> category(String path) {
        return path.isEmpty() ? Optional.empty() : Optional.of(TREE.find(path).orElseThrow());
    }

    /** The ids of every match, page by page. */
    static List<String> ids(FeedSearch search, Snapshot snapshot, String category, String text, String tag) {
        return search.find(snapshot, category(category), text, tag, 1, 1000).entries().stream()
                .map(CatalogEntry::article).map(Article::id).toList();
    }

    /** An index that holds {@code snapshot}, waiting (with a deadline) for it to be built. */
    static SearchIndex following(SearchIndex index, Snapshot snapshot) {
        index.follow(snapshot);
        awaitInStep(index);
        return index;
    }

    static void awaitInStep(SearchIndex index) {
        TestSite.waitUntil(Duration.ofSeconds(20), "the index to catch up", index::inStep);
    }
}
