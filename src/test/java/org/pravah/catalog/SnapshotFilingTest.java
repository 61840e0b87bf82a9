package org.pravah.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pravah.catalog.TestArticles.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;

/**
 * {@link Snapshot#of} files each entry under its categories and their ancestors in one pass. These tests hold the
 * category feeds to their definition: every entry that {@link CatalogEntry#isIn} the category, newest first, once.
 */
class SnapshotFilingTest {
    private final CategoryTree tree = TestCategories.tree();

    private static List<String> ids(List<CatalogEntry> entries) {
        return entries.stream().map(e -> e.article().id()).toList();
    }

    @Test
    void article_in_two_children_of_one_parent_is_listed_once_in_the_parent_feed() {
        Snapshot s = Snapshot.of(tree, List.of(
                article("dono", "2026-11-25T10:00:00Z", "एशिया", "अमेरिका"),
                article("ek", "2026-11-24T10:00:00Z", "Asia")));
        assertEquals(List.of("dono", "ek"), ids(s.entriesIn(tree.find("videsh"))));
        assertEquals(List.of("dono", "ek"), ids(s.entriesIn(tree.find("videsh/asia"))));
        assertEquals(List.of("dono"), ids(s.entriesIn(tree.find("videsh/america"))));
    }

    @Test
    void every_category_feed_holds_exactly_the_entries_filed_in_it_or_below_newest_first() {
        List<String> refs = List.of("देश", "राज्य", "World", "एशिया", "USA", "खेल", "Cricket", "व्यापार", "बॉलीवुड",
                "तकनीक", "Health", "खगोल", "videsh/asia", "khel/cricket");
        Random random = new Random(2026);
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            List<String> mine = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                mine.add(refs.get(random.nextInt(refs.size())));
            }
            String day = String.format(java.util.Locale.ROOT, "2026-11-%02dT%02d:00:00Z", 1 + random.nextInt(28),
                    random.nextInt(24));
            articles.add(article("lekh-" + i, day, mine.toArray(String[]::new)));
        }
        Snapshot s = Snapshot.of(tree, articles);
        for (Category c : tree.all()) {
            List<CatalogEntry> expected = s.entries().stream().filter(e -> e.isIn(c)).toList();
            assertEquals(ids(expected), ids(s.entriesIn(Optional.of(c))), c.path());
        }
    }
}
