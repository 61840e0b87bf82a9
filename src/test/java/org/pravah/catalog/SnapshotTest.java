package org.pravah.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pravah.catalog.TestArticles.article;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;

class SnapshotTest {
    private final CategoryTree tree = TestCategories.tree();

    private static List<String> ids(List<CatalogEntry> entries) {
        return entries.stream().map(e -> e.article().id()).toList();
    }

    private List<String> idsIn(Snapshot snapshot, String path) {
        return ids(snapshot.entriesIn(tree.find(path)));
    }

    @Test
    void all_feed_lists_newest_first() {
        Snapshot s = Snapshot.of(tree, List.of(
                article("purana", "2026-11-20T10:00:00Z", "desh"),
                article("naya", "2026-11-28T10:00:00Z", "khel"),
                article("beech", "2026-11-24T10:00:00Z", "videsh")));
        assertEquals(List.of("naya", "beech", "purana"), ids(s.entries()));
        assertEquals(List.of("naya", "beech", "purana"), ids(s.entriesIn(Optional.empty())));
    }

    @Test
    void parent_category_feed_includes_its_childrens_articles_newest_first() {
        Snapshot s = Snapshot.of(tree, List.of(
                article("asia-lekh", "2026-11-25T10:00:00Z", "videsh/asia"),
                article("videsh-lekh", "2026-11-22T10:00:00Z", "World"),
                article("america-lekh", "2026-11-27T10:00:00Z", "USA"),
                article("khel-lekh", "2026-11-28T10:00:00Z", "खेल")));
        assertEquals(List.of("america-lekh", "asia-lekh", "videsh-lekh"), idsIn(s, "videsh"));
        assertEquals(List.of("asia-lekh"), idsIn(s, "videsh/asia"));
        assertEquals(List.of("america-lekh"), idsIn(s, "videsh/america"));
        assertEquals(List.of("khel-lekh"), idsIn(s, "khel"));
        assertEquals(List.of(), idsIn(s, "khel/cricket"));
    }

    @Test
    void article_filed_under_parent_and_child_is_listed_once_in_each_feed() {
        Snapshot s = Snapshot.of(tree, List.of(article("lekh", "2026-11-25T10:00:00Z", "विदेश", "एशिया")));
        CatalogEntry entry = s.entry("local/lekh").orElseThrow();
        assertEquals(List.of("videsh/asia"), entry.categories().stream().map(Category::path).toList());
        assertEquals(List.of("lekh"), idsIn(s, "videsh"));
        assertEquals(List.of("lekh"), idsIn(s, "videsh/asia"));
    }

    @Test
    void article_in_two_branches_appears_in_both_feeds() {
        Snapshot s = Snapshot.of(tree, List.of(article("lekh", "2026-11-25T10:00:00Z", "खेल", "व्यापार")));
        assertEquals(List.of("lekh"), idsIn(s, "khel"));
        assertEquals(List.of("lekh"), idsIn(s, "vyapar"));
        assertEquals(List.of(), idsIn(s, "desh"));
    }

    @Test
    void uncategorised_article_is_only_in_the_all_feed() {
        Snapshot s = Snapshot.of(tree, List.of(
                article("kahin-nahin", "2026-11-25T10:00:00Z", "राजनीति"),
                article("bina-shreni", "2026-11-24T10:00:00Z"),
                article("desh-lekh", "2026-11-23T10:00:00Z", "desh")));
        assertEquals(List.of("kahin-nahin", "bina-shreni", "desh-lekh"), ids(s.entries()));
        assertEquals(List.of("kahin-nahin", "bina-shreni"), ids(s.uncategorised()));
        for (Category c : tree.all()) {
            List<String> inFeed = idsIn(s, c.path());
            assertTrue(!inFeed.contains("kahin-nahin") && !inFeed.contains("bina-shreni"), c.path() + ": " + inFeed);
        }
        assertEquals(List.of("desh-lekh"), idsIn(s, "desh"));
    }

    @Test
    void fallback_section_is_used_only_when_no_category_reference_resolves() {
        Snapshot s = Snapshot.of(tree, List.of(
                article("local", "breadcrumb", "2026-11-25T10:00:00Z", List.of("खेल क्रिकेट"), List.of("World")),
                article("local", "section", "2026-11-24T10:00:00Z", List.of("ताज़ा"), List.of("World")),
                article("local", "none", "2026-11-23T10:00:00Z", List.of(), List.of("Sports"))));
        assertEquals(List.of("breadcrumb"), idsIn(s, "khel/cricket"));
        assertEquals(List.of("section"), idsIn(s, "videsh"));
        assertEquals(List.of("breadcrumb", "none"), idsIn(s, "khel"));
        assertEquals(List.of(), ids(s.uncategorised()));
    }

    @Test
    void equal_dates_are_ordered_by_key_whatever_the_input_order() {
        List<Article> articles = new ArrayList<>(List.of(
                article("local", "ga", "2026-11-25T10:00:00Z", List.of("desh"), List.of()),
                article("local", "ka", "2026-11-25T10:00:00Z", List.of("desh"), List.of()),
                article("remote", "ka", "2026-11-25T10:00:00Z", List.of("desh"), List.of()),
                article("local", "kha", "2026-11-25T10:00:00Z", List.of("desh"), List.of()),
                article("local", "naya", "2026-11-26T10:00:00Z", List.of("desh"), List.of())));
        List<String> expected = List.of("local/naya", "local/ga", "local/ka", "local/kha", "remote/ka");
        for (int i = 0; i < 5; i++) {
            Snapshot s = Snapshot.of(tree, articles);
            assertEquals(expected, s.entries().stream().map(e -> e.article().key()).toList());
            assertEquals(expected, s.entriesIn(tree.find("desh")).stream().map(e -> e.article().key()).toList());
            Collections.rotate(articles, 2);
            Collections.reverse(articles);
        }
    }

    @Test
    void entry_is_found_by_key() {
        Snapshot s = Snapshot.of(tree, List.of(article("lekh", "2026-11-25T10:00:00Z", "desh")));
        assertEquals("lekh", s.entry("local/lekh").orElseThrow().article().id());
        assertEquals(Optional.empty(), s.entry("local/koi-aur"));
    }

    @Test
    void unknown_category_has_an_empty_feed_not_the_all_feed() {
        Snapshot s = Snapshot.of(tree, List.of(article("lekh", "2026-11-25T10:00:00Z", "desh")));
        Category stray = new Category("videsh/europe", "europe", "यूरोप", "", List.of(), List.of("विदेश", "यूरोप"),
                List.of());
        assertEquals(List.of(), s.entriesIn(Optional.of(stray)));
    }
}
