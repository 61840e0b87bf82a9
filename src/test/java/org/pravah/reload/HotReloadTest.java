package org.pravah.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;

/** Article and config edits reach the served feeds without a restart, and bad edits never replace good content. */
class HotReloadTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private TestSite site;

    private TestSite startSite() {
        site = new TestSite(dir).config(0, "reload: {watch: true, rescanSeconds: 0}\n")
                .article("desh-1", "संसद में बजट पर बहस", "desh", "2026-11-27T09:30:00+05:30")
                .article("khel-1", "कबड्डी लीग का फ़ाइनल", "khel", "2026-11-28T18:00:00+05:30");
        site.start();
        return site;
    }

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void new_article_file_appears_in_its_category_feed_without_restart() {
        startSite();
        site.article("khel-2", "महिला हॉकी टीम सेमीफ़ाइनल में", "khel", "2026-11-29T10:00:00+05:30");
        TestSite.waitUntil(WITHIN, "new article in khel feed",
                () -> site.getText("/feeds/khel.rss").contains("महिला हॉकी टीम सेमीफ़ाइनल में"));
    }

    @Test
    void rescan_that_finds_no_change_does_not_render_the_feeds_again() {
        startSite();
        site.getText("/feeds/desh.rss");
        String rendersBefore = renderCount("rss");
        // what the periodic rescan does every rescanSeconds on a quiet site
        site.app().reloadArticles();
        site.app().reloadArticles();
        assertTrue(site.getText("/feeds/desh.rss").contains("संसद में बजट पर बहस"));
        assertEquals(rendersBefore, renderCount("rss"), "the cached feed is served, not rendered again");
    }

    private String renderCount(String format) {
        String prefix = "pravah_render_seconds_count{format=\"" + format + "\"} ";
        return site.getText("/metrics").lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void changed_article_is_served_with_its_new_title() {
        startSite();
        site.article("desh-1", "संसद में बजट पारित", "desh", "2026-11-27T09:30:00+05:30");
        TestSite.waitUntil(WITHIN, "new title", () -> site.getText("/feeds/desh.atom").contains("संसद में बजट पारित"));
        assertFalse(site.getText("/feeds/desh.atom").contains("संसद में बजट पर बहस"));
    }

    @Test
    void deleted_article_file_disappears_from_every_feed() {
        startSite();
        site.delete("articles/khel-1.json");
        TestSite.waitUntil(WITHIN, "article gone", () -> !site.getText("/feeds/all.rss").contains("कबड्डी लीग का फ़ाइनल"));
        assertFalse(site.getText("/feeds/khel.rss").contains("कबड्डी लीग का फ़ाइनल"));
    }

    @Test
    void saving_through_temp_file_and_rename_never_serves_a_feed_without_the_article() throws Exception {
        startSite();
        AtomicInteger polls = new AtomicInteger();
        AtomicReference<String> missing = new AtomicReference<>();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && missing.get() == null) {
                String body = site.getText("/feeds/khel.rss");
                polls.incrementAndGet();
                if (!body.contains("कबड्डी लीग")) {
                    missing.set(body);
                }
            }
        });
        poller.start();
        for (int i = 1; i <= 20; i++) {
            site.writeByRename("articles/khel-1.json", """
                    {"title": "कबड्डी लीग का फ़ाइनल, संस्करण %d", "categories": ["khel"],
                     "published": "2026-11-28T18:00:00+05:30"}
                    """.formatted(i));
            int seen = polls.get();
            TestSite.waitUntil(WITHIN, "a poll after save " + i, () -> polls.get() > seen + 2 || missing.get() != null);
        }
        TestSite.waitUntil(WITHIN, "last version", () -> site.getText("/feeds/khel.rss").contains("संस्करण 20"));
        poller.interrupt();
        poller.join(10_000);
        assertEquals(null, missing.get(), "a poll saw the feed without the article being saved");
    }

    @Test
    void a_broken_edit_keeps_serving_the_last_good_version_of_that_file() {
        startSite();
        site.write("articles/khel-1.json", "{\"title\": \"अधूरा लेख\", ");
        site.article("desh-2", "नई रेल लाइन को मंज़ूरी", "desh", "2026-11-29T08:00:00+05:30");
        TestSite.waitUntil(WITHIN, "the later good edit", () -> site.getText("/feeds/all.rss").contains("नई रेल लाइन"));
        String all = site.getText("/feeds/all.rss");
        assertTrue(all.contains("कबड्डी लीग का फ़ाइनल"), "the last good version of the broken file is still served");
        assertFalse(all.contains("अधूरा लेख"));
    }

    @Test
    void an_invalid_config_edit_is_ignored_and_a_valid_one_is_applied_live() throws Exception {
        startSite();
        String before = site.getText("/feeds/all.rss");
        String good = java.nio.file.Files.readString(site.config(), java.nio.charset.StandardCharsets.UTF_8);
        site.write("feeds-config.yaml", good.replace("title: \"परीक्षण समाचार\"", "titel: \"टूटा\""));
        // a later valid edit proves the invalid one was seen and skipped, not merely not yet read
        site.article("khel-3", "शतरंज ओलंपियाड", "khel", "2026-11-29T12:00:00+05:30");
        TestSite.waitUntil(WITHIN, "article after invalid config", () -> site.getText("/feeds/all.rss").contains("शतरंज"));
        HttpResponse<byte[]> response = site.get("/feeds/all.rss");
        assertEquals(200, response.statusCode());
        assertTrue(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("<title>परीक्षण समाचार</title>"), "still the last good site title");
        assertTrue(before.contains("<title>परीक्षण समाचार</title>"));

        site.write("feeds-config.yaml", good.replace("title: \"परीक्षण समाचार\"", "title: \"नया नाम समाचार\""));
        TestSite.waitUntil(WITHIN, "renamed site", () -> site.getText("/feeds/all.rss").contains("<title>नया नाम समाचार</title>"));
    }

    @Test
    void a_feed_whose_content_did_not_change_keeps_its_etag_across_reloads_and_restarts() {
        startSite();
        String etag = site.get("/feeds/desh.rss").headers().firstValue("ETag").orElseThrow();
        String khelBefore = site.get("/feeds/khel.rss").headers().firstValue("ETag").orElseThrow();
        site.article("khel-2", "टेनिस में नया रिकॉर्ड", "khel", "2026-11-29T10:00:00+05:30");
        TestSite.waitUntil(WITHIN, "khel changed", () -> !site.get("/feeds/khel.rss").headers().firstValue("ETag")
                .orElseThrow().equals(khelBefore));
        assertEquals(etag, site.get("/feeds/desh.rss").headers().firstValue("ETag").orElseThrow());
        site.close();
        site.start();
        assertEquals(etag, site.get("/feeds/desh.rss").headers().firstValue("ETag").orElseThrow());
    }
}
