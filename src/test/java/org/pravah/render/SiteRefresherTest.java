package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.Category;
import org.pravah.catalog.TestCategories;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.pravah.source.ArticleSource;
import org.pravah.source.SourceLoad;
import org.pravah.testing.MiniSite;

/** An edit re-renders the documents it changes, and only those: the rest keep their bytes without rendering. */
class SiteRefresherTest {
    @TempDir
    Path dir;

    private final List<Article> articles = new ArrayList<>();
    /** Renders by feed path ("all" for the all-feed). */
    private final ConcurrentHashMap<String, AtomicInteger> renders = new ConcurrentHashMap<>();

    private static Article article(String id, String title, String published, String category) {
        Instant when = Instant.parse(published);
        return new Article(Article.keyOf("local", id), "local", id, title, "सार: " + title, "<p>" + title + "</p>",
                List.of(category), List.of(), List.of(), when, when, Optional.empty(), Optional.empty(),
                Optional.empty(), LanguageTag.HINDI, "articles/" + id + ".json");
    }

    private SiteRefresher refresher() {
        return new SiteRefresher(list -> list.stream().<FeedRenderer>map(r -> new FeedRenderer() {
            @Override
            public FeedFormat format() {
                return r.format();
            }

            @Override
            public byte[] render(FeedView view) {
                renders.computeIfAbsent(view.category().map(Category::path).orElse(SiteLinks.ALL),
                        k -> new AtomicInteger()).incrementAndGet();
                return r.render(view);
            }
        }).toList(), SiteRefresher.Listener.NONE);
    }

    private SiteRefresher.Setup setup() throws Exception {
        PravahConfig config = ConfigLoader.load(MiniSite.create(dir, 0, "https://pravah.example"));
        ArticleSource source = new ArticleSource() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public SourceLoad load() {
                return new SourceLoad("local", articles, List.of(), true);
            }
        };
        return SiteRefresher.Setup.of(config, SiteLinks.of(config.site()),
                new Catalog(TestCategories.tree(), List.of(source)));
    }

    private int rendersOf(String path) {
        return renders.getOrDefault(path, new AtomicInteger()).get();
    }

    private static String text(Optional<Rendered> rendered) {
        return new String(rendered.orElseThrow().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void an_edit_in_one_category_renders_that_category_and_the_all_feed_again_and_nothing_else() throws Exception {
        articles.add(article("match", "बारिश से मैच रुका", "2026-11-20T10:00:00Z", "khel"));
        articles.add(article("sansad", "संसद में बहस", "2026-11-21T10:00:00Z", "desh"));
        SiteRefresher refresher = refresher();
        SiteRefresher.Setup setup = setup();
        RenderedSite first = refresher.refresh(setup);
        for (String path : List.of("all", "khel", "desh")) {
            first.feed(path, FeedFormat.RSS);
        }
        Rendered deshBefore = first.feed("desh", FeedFormat.RSS).orElseThrow();
        Rendered khelBefore = first.feed("khel", FeedFormat.RSS).orElseThrow();

        articles.set(0, article("match", "बारिश के बाद मैच फिर शुरू", "2026-11-20T10:00:00Z", "khel"));
        RenderedSite second = refresher.refresh(setup);

        assertTrue(text(second.feed("khel", FeedFormat.RSS)).contains("बारिश के बाद मैच फिर शुरू"));
        assertTrue(text(second.feed("all", FeedFormat.RSS)).contains("बारिश के बाद मैच फिर शुरू"));
        assertEquals(deshBefore.etag(), second.feed("desh", FeedFormat.RSS).orElseThrow().etag());
        assertNotEquals(khelBefore.etag(), second.feed("khel", FeedFormat.RSS).orElseThrow().etag());
        assertEquals(1, rendersOf("desh"), "desh was not touched by the edit");
        assertEquals(2, rendersOf("khel"));
        assertEquals(2, rendersOf("all"));
    }

    @Test
    void an_empty_category_feed_is_dated_anew_when_the_site_s_newest_article_changes() throws Exception {
        articles.add(article("sansad", "संसद में बहस", "2026-11-21T10:00:00Z", "desh"));
        SiteRefresher refresher = refresher();
        SiteRefresher.Setup setup = setup();
        String before = text(refresher.refresh(setup).feed("vyapar", FeedFormat.ATOM));

        articles.add(article("chunav", "चुनाव के नतीजे", "2026-11-25T10:00:00Z", "desh"));
        String after = text(refresher.refresh(setup).feed("vyapar", FeedFormat.ATOM));

        assertTrue(before.contains("2026-11-21T"), before);
        assertTrue(after.contains("2026-11-25T"), after);
    }

    @Test
    void article_pages_beyond_what_is_kept_are_rendered_again_with_the_same_bytes_and_validators() throws Exception {
        for (int i = 0; i < 120; i++) {
            articles.add(article("samachar-" + i, "नगर निगम की बैठक, प्रस्ताव संख्या " + i,
                    Instant.parse("2026-11-01T06:00:00Z").plusSeconds(3600L * i).toString(), "desh"));
        }
        SiteRefresher.Setup setup = setup();
        long kept = 48 * 1024;
        RenderedSite site = new RenderedSite(setup.catalog().refresh(), setup.selector(), setup.pages(),
                setup.language(), List.of(new RssRenderer(), new AtomRenderer(), new JsonFeedRenderer()),
                new LastModifiedLog(java.time.Clock.systemUTC()), org.pravah.search.FeedSearch.SCAN, kept);
        List<Rendered> first = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            first.add(site.article(Article.keyOf("local", "samachar-" + i)).orElseThrow());
        }
        assertTrue(site.keptBytes() <= kept, site.keptBytes() + " bytes kept, more than " + kept);
        assertTrue(first.stream().mapToLong(r -> r.bytes().length).sum() > 2 * kept, "the crawl fits the bound");

        for (int i = 0; i < 120; i++) {
            Rendered again = site.article(Article.keyOf("local", "samachar-" + i)).orElseThrow();
            assertEquals(first.get(i).etag(), again.etag());
            assertEquals(first.get(i).lastModified(), again.lastModified());
            assertEquals(new String(first.get(i).bytes(), StandardCharsets.UTF_8),
                    new String(again.bytes(), StandardCharsets.UTF_8));
        }
        assertTrue(site.keptBytes() <= kept);
    }
}
