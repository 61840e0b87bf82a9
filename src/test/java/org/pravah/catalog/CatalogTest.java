package org.pravah.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertIterableEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.pravah.catalog.TestArticles.article;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pravah.source.SourceChange;
import java.util.Set;
import java.util.Optional;
import java.util.ArrayList;
import java.nio.file.Path;
import org.pravah.article.Article;
import org.pravah.source.ArticleSource;
import org.pravah.source.SourceLoad;
import org.pravah.testing.LogCapture;

class CatalogTest {
    private final CategoryTree tree = TestCategories.tree();

    /** Hands out the loads it was given, one per call, then repeats the last. */
    private static final class ScriptedSource implements ArticleSource {
        private final String name;
        private final Deque<SourceLoad> loads = new ArrayDeque<>();
        private SourceLoad last;

        ScriptedSource(String name) {
            this.name = name;
        }

        ScriptedSource then(List<Article> articles, boolean complete, String... problems) {
            loads.add(new SourceLoad(name, articles, List.of(problems), complete));
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SourceLoad load() {
            if (!loads.isEmpty()) {
                last = loads.poll();
            }
            return last;
        }
    }

    private static List<String> keys(Snapshot s) {
        return s.entries().stream().map(e -> e.article().key()).toList();
    }

    @Test
    void new_catalog_serves_an_empty_snapshot_until_the_first_refresh() {
        Catalog catalog = new Catalog(tree, List.of(new ScriptedSource("local")
                .then(List.of(article("ek", "2026-11-25T10:00:00Z", "desh")), true)));
        assertEquals(List.of(), keys(catalog.snapshot()));
        Snapshot refreshed = catalog.refresh();
        assertSame(refreshed, catalog.snapshot());
        assertEquals(List.of("local/ek"), keys(catalog.snapshot()));
    }

    @Test
    void refresh_that_finds_no_change_keeps_the_snapshot_and_so_everything_rendered_from_it() {
        List<Article> same = List.of(article("ek", "2026-11-25T10:00:00Z", "desh"));
        ScriptedSource source = new ScriptedSource("local")
                .then(same, true)
                .then(same, true)
                .then(List.of(article("ek", "2026-11-25T10:00:00Z", "desh"),
                        article("do", "2026-11-26T10:00:00Z", "khel")), true);
        Catalog catalog = new Catalog(tree, List.of(source));
        Snapshot first = catalog.refresh();
        assertSame(first, catalog.refresh());
        Snapshot changed = catalog.refresh();
        assertNotSame(first, changed);
        assertEquals(List.of("local/do", "local/ek"), keys(changed));
    }

    @Test
    void source_whose_load_is_incomplete_keeps_serving_its_last_good_articles() {
        ScriptedSource source = new ScriptedSource("local")
                .then(List.of(article("ek", "2026-11-25T10:00:00Z", "desh"),
                        article("do", "2026-11-26T10:00:00Z", "khel")), true)
                .then(List.of(), false, "articles: folder not found (source 'local')");
        Catalog catalog = new Catalog(tree, List.of(source));
        catalog.refresh();
        Snapshot afterFailure = catalog.refresh();
        assertEquals(List.of("local/do", "local/ek"), keys(afterFailure));
        assertEquals(List.of("do"), afterFailure.entriesIn(tree.find("khel")).stream()
                .map(e -> e.article().id()).toList());
        assertEquals(List.of("local/do", "local/ek"), keys(catalog.refresh()));   // and keeps doing so
    }

    @Test
    void complete_load_replaces_the_articles_so_a_deleted_article_disappears() {
        ScriptedSource source = new ScriptedSource("local")
                .then(List.of(article("ek", "2026-11-25T10:00:00Z", "desh"),
                        article("do", "2026-11-26T10:00:00Z", "khel")), true)
                .then(List.of(article("ek", "2026-11-25T10:00:00Z", "desh")), true);
        Catalog catalog = new Catalog(tree, List.of(source));
        catalog.refresh();
        assertEquals(List.of("local/ek"), keys(catalog.refresh()));
    }

    @Test
    void complete_but_empty_load_empties_the_source() {
        ScriptedSource source = new ScriptedSource("local")
                .then(List.of(article("ek", "2026-11-25T10:00:00Z", "desh")), true)
                .then(List.of(), true);
        Catalog catalog = new Catalog(tree, List.of(source));
        catalog.refresh();
        assertEquals(List.of(), keys(catalog.refresh()));
    }

    @Test
    void one_failing_source_does_not_hide_the_others() {
        ScriptedSource good = new ScriptedSource("local")
                .then(List.of(article("local", "ek", "2026-11-25T10:00:00Z", List.of("desh"), List.of())), true)
                .then(List.of(article("local", "ek", "2026-11-25T10:00:00Z", List.of("desh"), List.of()),
                        article("local", "naya", "2026-11-27T10:00:00Z", List.of("desh"), List.of())), true);
        ScriptedSource flaky = new ScriptedSource("remote")
                .then(List.of(article("remote", "door", "2026-11-26T10:00:00Z", List.of("videsh"), List.of())), true)
                .then(List.of(), false, "remote: upstream down");
        Catalog catalog = new Catalog(tree, List.of(good, flaky));
        assertEquals(List.of("remote/door", "local/ek"), keys(catalog.refresh()));
        assertEquals(List.of("local/naya", "remote/door", "local/ek"), keys(catalog.refresh()));
    }

    @Test
    void source_that_was_never_readable_serves_nothing_while_others_are_served() {
        ScriptedSource good = new ScriptedSource("local")
                .then(List.of(article("local", "ek", "2026-11-25T10:00:00Z", List.of("desh"), List.of())), true);
        ScriptedSource broken = new ScriptedSource("remote").then(List.of(), false, "remote: upstream down");
        Catalog catalog = new Catalog(tree, List.of(good, broken));
        assertEquals(List.of("local/ek"), keys(catalog.refresh()));
    }

    @Test
    void a_rescan_that_finds_no_change_logs_nothing_and_a_change_logs_one_info_line() {
        List<Article> same = List.of(article("ek", "2026-11-25T10:00:00Z", "desh"));
        ScriptedSource source = new ScriptedSource("local")
                .then(same, true)
                .then(same, true)
                .then(same, true)
                .then(List.of(article("ek", "2026-11-25T10:00:00Z", "desh"),
                        article("do", "2026-11-26T10:00:00Z", "khel")), true)
                .then(List.of(), false, "articles: folder not found (source 'local')");
        Catalog catalog = new Catalog(tree, List.of(source));
        try (LogCapture log = LogCapture.of(Catalog.class)) {
            catalog.refresh();
            assertIterableEquals(List.of("INFO catalogue: 1 articles from 1 source(s), 0 uncategorised"), log.lines());
            log.clear();
            catalog.refresh();
            catalog.refresh();
            assertIterableEquals(List.of(), log.lines());
            catalog.refresh();
            assertIterableEquals(List.of("INFO catalogue: 2 articles from 1 source(s), 0 uncategorised"), log.lines());
            log.clear();
            // the last good articles stay: a warning saying so, and no catalogue line, since nothing served changed
            catalog.refresh();
            catalog.refresh();
            assertIterableEquals(List.of("WARN articles: folder not found (source 'local')",
                    "WARN source 'local' could not be read; serving its last good 2 articles"),
                    log.lines().stream().sorted().toList());
        }
    }

    @Test
    void file_events_load_only_the_source_whose_folder_holds_the_changed_file_and_only_that_change() {
        Path folder = Path.of("/srv/samachar/articles");
        Article ek = article("ek", "2026-11-20T10:00:00Z", "desh");
        Article naya = article("naya", "2026-11-22T10:00:00Z", "khel");
        List<String> calls = new ArrayList<>();
        ArticleSource files = new ArticleSource() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public SourceLoad load() {
                calls.add("local: whole");
                return new SourceLoad("local", List.of(ek), List.of(), true);
            }

            @Override
            public boolean watches(Path path) {
                return path.startsWith(folder);
            }

            @Override
            public Optional<SourceChange> loadChanged(Set<Path> paths) {
                calls.add("local: " + paths);
                return Optional.of(new SourceChange("local", List.of(naya), List.of(), List.of(), 2));
            }
        };
        ScriptedSource remote = new ScriptedSource("remote")
                .then(List.of(article("remote", "door", "2026-11-21T10:00:00Z", List.of("videsh"), List.of())), true);
        Catalog catalog = new Catalog(tree, List.of(files, remote));
        catalog.refresh();
        calls.clear();

        Snapshot after = catalog.refresh(Set.of(folder.resolve("2026/11/naya.json")));

        assertEquals(List.of("local: [/srv/samachar/articles/2026/11/naya.json]"), calls);
        assertEquals(List.of("local/naya", "remote/door", "local/ek"), keys(after));
        assertEquals(List.of("local", "remote"), catalog.lastLoads().stream().map(SourceLoad::sourceName).toList());
    }

    @Test
    void a_refresh_of_some_sources_reads_only_those_and_serves_the_others_as_they_were() {
        ScriptedSource local = new ScriptedSource("local")
                .then(List.of(article("ek", "2026-11-20T10:00:00Z", "desh")), true)
                .then(List.of(), true);
        ScriptedSource store = new ScriptedSource("cms")
                .then(List.of(article("cms", "pehla", "2026-11-21T10:00:00Z", List.of("khel"), List.of())), true)
                .then(List.of(article("cms", "doosra", "2026-11-22T10:00:00Z", List.of("khel"), List.of())), true);
        Catalog catalog = new Catalog(tree, List.of(local, store));
        catalog.refresh();

        Snapshot after = catalog.refresh(source -> source.name().equals("cms"));

        assertEquals(List.of("cms/doosra", "local/ek"), keys(after), "local was not read, so not emptied");
        assertEquals(List.of("local", "cms"), catalog.lastLoads().stream().map(SourceLoad::sourceName).toList());
    }
}
