package org.pravah.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.LanguageTag;

class ConfigLoaderFeedSourceTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            site:
              title: "प्रवाह"
              baseUrl: "https://news.example"
            categories:
              - slug: videsh
                label: विदेश
                aliases: [World]
                children:
                  - slug: asia
                    label: एशिया
              - slug: khel
                label: खेल
            """;

    private PravahConfig load(String yaml) throws IOException, ConfigException {
        Path file = dir.resolve("feeds-config.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return ConfigLoader.load(file);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void a_feed_source_takes_defaults_for_everything_but_name_and_url() throws Exception {
        PravahConfig config = load(HEAD + """
                sources:
                  - name: partner
                    type: feed
                    url: https://partner.example/rss/world.xml?format=rss
                """);
        FeedSourceConfig feed = (FeedSourceConfig) config.sources().get(0);
        assertEquals(URI.create("https://partner.example/rss/world.xml?format=rss"), feed.url());
        assertEquals(10, feed.refreshMinutes());
        assertEquals(5L * 1024 * 1024, feed.maxBytes());
        assertEquals(20, feed.timeoutSeconds());
        assertEquals("", feed.category());
        assertEquals(Map.of(), feed.categoryMap());
        assertEquals(Optional.empty(), feed.language());
        assertEquals(dir.toAbsolutePath().normalize().resolve("data"), feed.dataDir());
        assertFalse(feed.allowInternal());
    }

    @Test
    void every_feed_key_is_read() throws Exception {
        PravahConfig config = load(HEAD + """
                dataDir: state/upstream
                sources:
                  - name: partner
                    type: feed
                    url: https://partner.example/rss/world.xml
                    refreshMinutes: 30
                    category: videsh
                    categoryMap: {World: videsh, "अंतर्राष्ट्रीय": videsh/asia, Sports: खेल}
                    language: hi-in
                    maxBytes: 2 MB
                    timeoutSeconds: 5
                    allowInternal: true
                """);
        FeedSourceConfig feed = (FeedSourceConfig) config.sources().get(0);
        assertEquals(30, feed.refreshMinutes());
        assertEquals("videsh", feed.category());
        assertEquals(Map.of("World", "videsh", "अंतर्राष्ट्रीय", "videsh/asia", "Sports", "खेल"), feed.categoryMap());
        assertEquals(Optional.of(new LanguageTag("hi-IN")), feed.language());
        assertEquals(2L * 1024 * 1024, feed.maxBytes());
        assertEquals(5, feed.timeoutSeconds());
        assertEquals(dir.toAbsolutePath().normalize().resolve("state/upstream"), feed.dataDir());
        assertTrue(feed.allowInternal());
    }

    @Test
    void max_bytes_may_be_a_plain_number_of_bytes() throws Exception {
        PravahConfig config = load(HEAD + """
                sources:
                  - {name: partner, type: feed, url: "https://partner.example/f", maxBytes: 524288}
                """);
        assertEquals(524288, ((FeedSourceConfig) config.sources().get(0)).maxBytes());
    }

    @Test
    void a_missing_or_non_http_url_is_an_error_naming_the_key() {
        assertTrue(error(HEAD + "sources:\n  - {name: partner, type: feed}\n")
                .contains("sources[0].url: missing required key"));
        assertTrue(error(HEAD + "sources:\n  - {name: partner, type: feed, url: \"ftp://partner.example/f\"}\n")
                .contains("sources[0].url: 'ftp://partner.example/f' must be an absolute http(s) URL"));
    }

    @Test
    void a_category_map_naming_no_category_is_an_error_with_its_line() {
        String message = error(HEAD + """
                sources:
                  - name: partner
                    type: feed
                    url: https://partner.example/f
                    categoryMap:
                      World: videsh/afrika
                """);
        assertTrue(message.contains("sources[0].categoryMap.World: 'videsh/afrika' names no category"), message);
        assertTrue(message.contains("(line 18, column 7)"), message);
    }

    @Test
    void an_unknown_default_category_or_key_or_bad_size_is_an_error() {
        assertTrue(error(HEAD + "sources:\n  - {name: p, type: feed, url: \"https://p.example/f\", category: sport}\n")
                .contains("sources[0].category: 'sport' names no category"));
        assertTrue(error(HEAD + "sources:\n  - {name: p, type: feed, url: \"https://p.example/f\", refresh: 5}\n")
                .contains("sources[0].refresh: unknown key"));
        assertTrue(error(HEAD + "sources:\n  - {name: p, type: feed, url: \"https://p.example/f\", maxBytes: 5 GB}\n")
                .contains("sources[0].maxBytes: expected a size"));
        assertTrue(error(HEAD + "sources:\n  - {name: p, type: feed, url: \"https://p.example/f\", refreshMinutes: 0}\n")
                .contains("sources[0].refreshMinutes: expected a whole number from 1 to 1440"));
        assertTrue(error(HEAD + "sources:\n  - {name: p, type: feed, url: \"https://p.example/f\", allowInternal: 1}"
                + "\n")
                .contains("sources[0].allowInternal: expected true or false"));
        assertTrue(error(HEAD + "sources:\n  - {name: p, type: rss, url: \"https://p.example/f\"}\n")
                .contains("unknown source type 'rss' (known: directory, store, feed)"));
    }

    @Test
    void a_category_map_may_not_name_one_upstream_category_twice() {
        String message = error(HEAD + """
                sources:
                  - name: p
                    type: feed
                    url: https://p.example/f
                    categoryMap: {World: videsh, world: khel}
                """);
        assertTrue(message.contains("'world' is mapped twice"), message);
    }

    @Test
    void a_data_dir_that_is_a_file_is_an_error() throws IOException {
        Files.writeString(dir.resolve("data"), "x", StandardCharsets.UTF_8);
        assertTrue(error(HEAD + "dataDir: data\nsources:\n  - {name: p, type: feed, url: \"https://p.example/f\"}\n")
                .contains("dataDir: 'data' is a file, not a folder"));
    }
}
