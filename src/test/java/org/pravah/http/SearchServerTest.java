package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.search.SearchIndex;
import org.pravah.testing.LogCapture;
import org.pravah.testing.TestSite;

/** {@code ?q=} served from the search index in {@code <dataDir>/search}: over HTTP, across edits and restarts. */
class SearchServerTest {
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final Pattern RSS_GUID = Pattern.compile("<guid[^>]*>([^<]+)</guid>");

    @TempDir
    Path dir;
    private TestSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An article with tags, as a JSON file. */
    private void article(String name, String title, String category, String day, String... tags) {
        StringBuilder list = new StringBuilder();
        for (String tag : tags) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(tag).append('"');
        }
        site.write("articles/" + name + ".json", """
                {"title": "%s", "categories": ["%s"], "published": "2026-11-%sT09:00:00+05:30",
                 "summary": "%s पर हमारे संवाददाता की रिपोर्ट।", "body": "पूरी ख़बर।", "tags": [%s]}
                """.formatted(title, category, day, title, list));
    }

    /** Seven cricket reports, two about kabaddi, one from parliament. */
    private TestSite cricketSite() {
        site = new TestSite(dir).config(0, "feeds: {itemsPerFeed: 4}\nreload: {watch: false, rescanSeconds: 0}\n");
        for (int i = 1; i <= 7; i++) {
            article("cricket-" + i, "क्रिकेट: रणजी ट्रॉफ़ी के " + i + "वें मैच में शतक", "cricket", "%02d".formatted(i),
                    i == 3 ? new String[] {"रणजी", "शतक"} : new String[] {"रणजी"});
        }
        article("kabaddi-1", "कबड्डी लीग में ज़िला टीम जीती", "khel", "10", "कबड्डी");
        article("kabaddi-2", "प्रो कबड्डी: खिलाड़ियों की नीलामी", "khel", "11", "कबड्डी");
        article("sansad", "संसद में खेल विधेयक पर बहस", "desh", "12", "संसद");
        return site;
    }

    private SearchIndex startInStep() {
        site.start();
        SearchIndex index = site.app().search().orElseThrow();
        TestSite.waitUntil(WITHIN, "the search index to catch up", index::inStep);
        return index;
    }

    private List<String> rssIds(String path) {
        var response = site.get(path);
        assertEquals(200, response.statusCode(), path);
        Matcher m = RSS_GUID.matcher(new String(response.body(), StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).substring(m.group(1).lastIndexOf('/') + 1));
        }
        return out;
    }

    @Test
    void q_pages_through_the_matches_of_a_category_in_every_format_and_on_the_feed_page() throws Exception {
        cricketSite();
        assertEquals(dir.resolve("data/search").toString(), startInStep().where());
        String q = "?q=" + enc("क्रिकेट शतक") + "&limit=3";
        assertEquals(List.of("cricket-7", "cricket-6", "cricket-5"), rssIds("/feeds/khel.rss" + q));
        assertEquals(List.of("cricket-1"), rssIds("/feeds/khel.rss" + q + "&page=3"));
        assertEquals(404, site.get("/feeds/khel.rss" + q + "&page=4").statusCode());
        String atom = site.getText("/feeds/khel/cricket.atom" + q + "&page=2");
        assertTrue(atom.contains("<link rel=\"last\" type=\"application/atom+xml\" href=\"http://127.0.0.1:0"
                + "/feeds/khel/cricket.atom?page=3&amp;limit=3&amp;q=%E0%A4%95"), atom);
        assertTrue(atom.contains("— खोज: “क्रिकेट शतक”"), "a filtered feed names its filter");
        var json = new ObjectMapper().readTree(site.get("/feeds/all.json" + q + "&page=2").body());
        assertEquals(3, json.get("items").size());
        assertTrue(json.get("next_url").asText().contains("/feeds/all.json?page=3&limit=3&q="), json.toString());
        String page = site.getText("/feeds/khel" + q + "&page=3");
        assertTrue(page.contains("रणजी ट्रॉफ़ी के 1वें मैच में शतक") && !page.contains("2वें मैच"), page);
        // category, tag and words together; a word in another inflection (खिलाड़ी, खिलाड़ियों)
        assertEquals(List.of("cricket-3"), rssIds("/feeds/khel.rss?q=" + enc("मैच") + "&tag=" + enc("शतक")));
        assertEquals(List.of("kabaddi-2"), rssIds("/feeds/all.rss?q=" + enc("खिलाड़ी")));
        assertEquals(List.of(), rssIds("/feeds/desh.rss?q=" + enc("कबड्डी")));
        assertEquals(List.of("kabaddi-1"), rssIds("/feeds/khel.rss?q=" + enc("जिला") + "&tag=" + enc("कबड्डी")));
    }

    @Test
    void an_edit_or_a_deletion_is_found_by_the_next_search() {
        cricketSite();
        startInStep();
        assertEquals(List.of("sansad"), rssIds("/feeds/all.rss?q=" + enc("विधेयक")));
        article("sansad", "संसद में बजट पारित", "desh", "12", "संसद");
        site.delete("articles/kabaddi-1.json");
        site.app().reloadArticles();
        assertEquals(List.of(), rssIds("/feeds/all.rss?q=" + enc("विधेयक")));
        assertEquals(List.of("sansad"), rssIds("/feeds/all.rss?q=" + enc("बजट")));
        assertEquals(List.of("kabaddi-2"), rssIds("/feeds/all.rss?q=" + enc("कबड्डी")));
    }

    @Test
    void a_restart_indexes_only_what_changed_while_the_server_was_down() {
        cricketSite();
        assertEquals(10, startInStep().written());
        site.close();
        assertEquals(0, startInStep().written(), "nothing changed");
        site.close();
        article("cricket-8", "क्रिकेट: रणजी ट्रॉफ़ी का फ़ाइनल", "cricket", "13", "रणजी");
        SearchIndex index = startInStep();
        // a restart serves the article cache first, and the index may be in step with that before the load that
        // reads the new file: wait for that load, not for a moment
        TestSite.waitUntil(WITHIN, "the new article to be found",
                () -> rssIds("/feeds/all.rss?q=" + enc("फ़ाइनल")).equals(List.of("cricket-8")));
        assertEquals(1, index.written());
    }

    @Test
    void a_damaged_index_is_reported_and_built_anew_while_the_server_serves() throws IOException {
        cricketSite();
        startInStep();
        site.close();
        try (Stream<Path> files = Files.list(dir.resolve("data/search"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
                Files.write(file, new byte[] {0, 1, 2, 3});
            }
        }
        List<String> warnings;
        try (LogCapture logged = LogCapture.of(SearchIndex.class)) {
            site.start();
            assertEquals(List.of("cricket-3"), rssIds("/feeds/all.rss?q=" + enc("मैच") + "&tag=" + enc("शतक")));
            SearchIndex index = site.app().search().orElseThrow();
            TestSite.waitUntil(WITHIN, "the index to be rebuilt", index::inStep);
            assertEquals(10, index.written());
            assertEquals(List.of("kabaddi-1"), rssIds("/feeds/all.rss?q=" + enc("ज़िला")));
            warnings = logged.messages(Level.WARN);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("search index: " + dir.resolve("data/search") + " is damaged"),
                warnings.get(0));
        assertFalse(warnings.get(0).contains("\n"));
    }
}
