package org.pravah.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pravah.catalog.TestArticles.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;

/** A snapshot made from the one before and a change must serve exactly what one built from every article would. */
class SnapshotChangeTest {
    private static final List<List<String>> FILINGS = List.of(List.of("desh"), List.of("राज्य"), List.of("videsh/asia"),
            List.of("USA"), List.of("खेल", "व्यापार"), List.of("विदेश", "एशिया"), List.of("Cricket"), List.of(),
            List.of("कोई नहीं"), List.of("Health"));
    private final CategoryTree tree = TestCategories.tree();

    private static Article random(Random random, String id) {
        // few distinct dates, so equal dates are ordered by key as a full build orders them
        String when = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * random.nextInt(40)).toString();
        return article("local", id, when, FILINGS.get(random.nextInt(FILINGS.size())), List.of());
    }

    private static List<String> keys(List<CatalogEntry> entries) {
        return entries.stream().map(e -> e.article().key() + "@" + e.article().published()).toList();
    }

    private void assertServesTheSame(Snapshot built, Snapshot changed) {
        assertEquals(keys(built.entries()), keys(changed.entries()), "all-feed");
        for (Category c : tree.all()) {
            assertEquals(keys(built.entriesIn(Optional.of(c))), keys(changed.entriesIn(Optional.of(c))), c.path());
        }
        for (CatalogEntry e : built.entries()) {
            assertSame(e.article(), changed.entry(e.article().key()).orElseThrow().article());
        }
        assertEquals(built.newestUpdate(), changed.newestUpdate());
        assertEquals(built.servedFrom("local"), changed.servedFrom("local"));
    }

    @Test
    void hundreds_of_random_edits_additions_and_deletions_serve_what_a_full_build_serves() {
        Random random = new Random(2026);
        Map<String, Article> served = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            served.put("local/lekh-" + i, random(random, "lekh-" + i));
        }
        Snapshot snapshot = Snapshot.of(tree, new ArrayList<>(served.values()));
        for (int round = 0; round < 400; round++) {
            List<String> removed = new ArrayList<>();
            List<Article> added = new ArrayList<>();
            int changes = 1 + random.nextInt(round % 50 == 0 ? 2000 : 4);
            for (int c = 0; c < changes; c++) {
                String id = "lekh-" + random.nextInt(400);
                if (random.nextInt(3) == 0) {
                    added.removeIf(x -> x.id().equals(id));
                    removed.add("local/" + id);
                    served.remove("local/" + id);
                } else {
                    Article a = random(random, id);
                    added.removeIf(x -> x.key().equals(a.key()));
                    removed.removeIf(k -> k.equals(a.key()));
                    added.add(a);
                    served.put(a.key(), a);
                }
            }
            snapshot = snapshot.changed(removed, added);
            for (String key : removed) {
                assertTrue(snapshot.entry(key).isEmpty(), key + " was deleted");
            }
            assertServesTheSame(Snapshot.of(tree, new ArrayList<>(served.values())), snapshot);
        }
    }

    @Test
    void a_change_names_the_feeds_it_touches_and_leaves_the_others_as_they_were() {
        Snapshot before = Snapshot.of(tree, List.of(
                article("khel-lekh", "2026-11-20T10:00:00Z", "Cricket"),
                article("desh-lekh", "2026-11-21T10:00:00Z", "desh"),
                article("asia-lekh", "2026-11-22T10:00:00Z", "एशिया")));
        Snapshot after = before.changed(List.of(), List.of(article("khel-lekh", "2026-11-25T10:00:00Z", "Cricket")));

        Snapshot.Change change = after.changeFrom(before).orElseThrow();
        assertEquals(Set.of("khel", "khel/cricket"), change.paths());
        assertEquals(Set.of("local/khel-lekh"), change.keys());
        assertSame(before.entriesIn(tree.find("desh")), after.entriesIn(tree.find("desh")));
        assertEquals(List.of("khel-lekh", "asia-lekh", "desh-lekh"),
                after.entries().stream().map(e -> e.article().id()).toList());
        assertTrue(after.changeFrom(Snapshot.of(tree, List.of())).isEmpty(), "made from another snapshot");
    }

    @Test
    void deleting_the_most_recently_updated_article_dates_the_site_by_the_next_one() {
        Snapshot before = Snapshot.of(tree, List.of(
                article("purana", "2026-11-20T10:00:00Z", "desh"),
                article("naya", "2026-11-28T10:00:00Z", "desh")));
        Snapshot after = before.changed(List.of("local/naya"), List.of());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), after.newestUpdate());
    }
}
