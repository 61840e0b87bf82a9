package org.pravah.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        Set<String> problems = new HashSet<>();
        Article older = article("partner", "old", "https://news.example/s", "2026-11-27T04:00:00Z");
        Article newer = article("partner", "new", "https://news.example/s", "2026-11-27T06:00:00Z");
        List<Article> kept = DuplicateLinks.remove(List.of(older, newer), problems);
        assertEquals(List.of(newer), kept);
        assertEquals(1, problems.size());
        assertTrue(problems.iterator().next().startsWith("partner/old: same link as partner/new"), problems.toString());
    }

    @Test
    void articles_without_a_link_of_their_own_are_never_duplicates() {
        Set<String> problems = new HashSet<>();
        List<Article> all = List.of(article("a", "1", null, "2026-11-27T04:00:00Z"),
                article("b", "1", null, "2026-11-27T04:00:00Z"));
        assertEquals(all, DuplicateLinks.remove(all, problems));
        assertTrue(problems.isEmpty());
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
