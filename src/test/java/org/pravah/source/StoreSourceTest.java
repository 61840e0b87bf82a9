package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.catalog.Catalog;
import org.pravah.catalog.CategoryTree;
import org.pravah.config.StoreConfig;
import org.pravah.store.ArticleStore;
import org.pravah.store.Precondition;

class StoreSourceTest {
    private static final ArticleNormaliser NORMALISER = new ArticleNormaliser(new SiteDefaults(
            LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "https://samachar.example"));

    @TempDir
    Path dir;
    private ArticleStore store;

    @BeforeEach
    void open() throws Exception {
        store = ArticleStore.open(StoreConfig.embeddedIn(dir.resolve("data")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_load_serves_the_live_articles_of_its_own_source_only() throws Exception {
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"पहली ख़बर\"}", Precondition.NONE);
        store.put("cms", "do", "{\"id\":\"do\",\"title\":\"दूसरी ख़बर\"}", Precondition.NONE);
        store.put("agency", "teen", "{\"id\":\"teen\",\"title\":\"एजेंसी की ख़बर\"}", Precondition.NONE);
        store.delete("cms", "do", Precondition.NONE);

        SourceLoad load = new StoreSource("cms", store, NORMALISER).load();
        assertTrue(load.complete());
        assertEquals(List.of("cms/ek"), load.articles().stream().map(Article::key).toList());
        assertEquals("store cms/ek", load.articles().get(0).origin());
    }

    @Test
    void a_replaced_article_is_read_again_and_a_deleted_one_disappears() throws Exception {
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"पहला शीर्षक\"}", Precondition.NONE);
        assertEquals("पहला शीर्षक", source.load().articles().get(0).title());
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"बदला हुआ शीर्षक\"}", Precondition.NONE);
        assertEquals("बदला हुआ शीर्षक", source.load().articles().get(0).title());
        store.delete("cms", "ek", Precondition.NONE);
        assertEquals(List.of(), source.load().articles());
    }

    @Test
    void a_stored_document_that_breaks_the_rules_is_reported_and_the_others_are_served() throws Exception {
        store.put("cms", "theek", "{\"id\":\"theek\",\"title\":\"ठीक ख़बर\"}", Precondition.NONE);
        store.put("cms", "kharab", "{\"id\":\"kharab\",\"title\":\"तारीख़ ग़लत\",\"published\":\"कभी\"}",
                Precondition.NONE);
        SourceLoad load = new StoreSource("cms", store, NORMALISER).load();
        assertEquals(List.of("cms/theek"), load.articles().stream().map(Article::key).toList());
        assertEquals(1, load.problems().size());
        assertTrue(load.problems().get(0).startsWith("store cms/kharab revision 1: "), load.problems().get(0));
    }

    @Test
    void when_the_store_cannot_be_reached_the_catalogue_keeps_the_last_good_articles() throws Exception {
        store.put("cms", "ek", "{\"id\":\"ek\",\"title\":\"बची रहने वाली ख़बर\"}", Precondition.NONE);
        StoreSource source = new StoreSource("cms", store, NORMALISER);
        Catalog catalog = new Catalog(new CategoryTree(List.of()), List.of(source));
        assertEquals(1, catalog.refresh().entries().size());

        store.close();
        SourceLoad failed = source.load();
        assertFalse(failed.complete());
        assertTrue(failed.problems().get(0).contains("cms"), failed.problems().toString());
        assertEquals(1, catalog.refresh().entries().size(), "still serving the last good article");
    }
}
