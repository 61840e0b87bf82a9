package org.pravah.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pravah.article.Article;
import org.pravah.article.LanguageTag;
import org.pravah.config.CategoryConfig;
import org.pravah.source.ArticleSource;
import org.pravah.source.SourceLoad;

class DuplicateLinksTest {
    private static Article article(String source, String id, String url, String updated) {
        Instant when = Instant.parse(updated);
        return new Article(Article.keyOf(source, id), source, id, "शीर्षक " + id, "", "", List.of(), List.of(),
                List.of(), when, when, Optional.empty(), Optional.ofNullable(url).map(URI::create), Optional.empty(),
                LanguageTag.HINDI, source + "/" + id);
    }

    private static ArticleSource source(String name, Article... articles) {
        return new ArticleSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SourceLoad load() {
                return new SourceLoad(name, List.of(articles), List.of(), true);
            }
        };
    }

    @Test
    void the_same_article_from_two_sources_is_served_once_from_the_source_listed_first() {
        Article local = article("local", "a", "https://www.news.example/desh/story/", "2026-11-27T04:00:00Z");
        Article partner = article("partner", "x", "http://news.example/desh/story?utm_source=rss#top",
                "2026-11-27T05:00:00Z");
        Article other = article("partner", "y", "https://news.example/desh/other", "2026-11-27T05:00:00Z");
        Catalog catalog = new Catalog(new CategoryTree(List.<CategoryConfig>of()),
                List.of(source("local", local), source("partner", partner, other)));
        List<String> keys = catalog.refresh().entries().stream().map(e -> e.article().key()).toList();
        assertEquals(List.of("partner/y", "local/a"), keys);
    }

    @Test
    void within_one_source_the_more_recently_updated_copy_stays_and_the_other_is_reported() {
        Article older = article("partner", "old", "https://news.example/s", "2026-11-27T04:00:00Z");
        Article newer = article("partner", "new", "https://news.example/s", "2026-11-27T06:00:00Z");
        DuplicateLinks links = new DuplicateLinks(List.of("partner"));
        assertEquals(List.of(newer), links.change(List.of(), List.of(older, newer)).added());
        List<String> problems = links.problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("partner/old: same link as partner/new"), problems.toString());
    }

    @Test
    void when_the_served_copy_is_deleted_the_other_source_s_copy_is_served_and_no_longer_reported() {
        Article local = article("local", "a", "https://news.example/desh/story", "2026-11-27T04:00:00Z");
        Article partner = article("partner", "x", "https://news.example/desh/story", "2026-11-27T05:00:00Z");
        DuplicateLinks links = new DuplicateLinks(List.of("local", "partner"));
        assertEquals(List.of(local), links.change(List.of(), List.of(local, partner)).added());
        assertEquals(1, links.problems().size());

        DuplicateLinks.Served afterDelete = links.change(List.of(local), List.of());
        assertEquals(List.of(local), afterDelete.removed());
        assertEquals(List.of(partner), afterDelete.added());
        assertEquals(List.of(), links.problems());
    }

    @Test
    void articles_without_a_link_of_their_own_are_never_duplicates() {
        List<Article> all = List.of(article("a", "1", null, "2026-11-27T04:00:00Z"),
                article("b", "1", null, "2026-11-27T04:00:00Z"));
        DuplicateLinks links = new DuplicateLinks(List.of("a", "b"));
        assertEquals(all, links.change(List.of(), all).added());
        assertTrue(links.problems().isEmpty());
    }

    @Test
    void links_differing_in_more_than_spelling_stay_distinct() {
        assertEquals(DuplicateLinks.normalise(URI.create("https://NEWS.example:443/a/")),
                DuplicateLinks.normalise(URI.create("http://www.news.example/a?utm_medium=x")));
        assertTrue(!DuplicateLinks.normalise(URI.create("https://news.example/a?id=1"))
                .equals(DuplicateLinks.normalise(URI.create("https://news.example/a?id=2"))));
        assertTrue(!DuplicateLinks.normalise(URI.create("https://news.example:8080/a"))
                .equals(DuplicateLinks.normalise(URI.create("https://news.example/a"))));
    }
}
