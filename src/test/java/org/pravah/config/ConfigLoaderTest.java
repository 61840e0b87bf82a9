package org.pravah.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config that cannot be used stops the server with one message that names the file, the key path as a person would
 * look for it and, where the key was written, its line and column. The broken configs are in src/test/resources/config.
 */
class ConfigLoaderTest {
    @TempDir
    Path tmp;

    private static Path fixture(String name) {
        try {
            return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a broken fixture and returns the message, after checking that it starts with the file's name. */
    private static String errorOf(String fixture) {
        Path file = fixture(fixture);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":"), () -> "message should start with the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertNamesKey(String message, Path file, String keyPath) {
        assertTrue(message.startsWith(file + ": " + keyPath + ": "),
                () -> "message should name the key path '" + keyPath + "': " + message);
    }

    private static void assertPlace(String message, int line, int column) {
        assertTrue(message.endsWith("(line " + line + ", column " + column + ")"),
                () -> "message should end with line " + line + ", column " + column + ": " + message);
    }

    private Path writeSite(String configYaml, String... folders) throws IOException {
        Path site = Files.createDirectories(tmp.resolve("site"));
        for (String folder : folders) {
            Files.createDirectories(site.resolve(folder));
        }
        Path config = site.resolve("feeds-config.yaml");
        Files.write(config, configYaml.getBytes(StandardCharsets.UTF_8));
        return config;
    }

    private static String configWithSourcePath(String path) throws IOException {
        String yaml = new String(Files.readAllBytes(fixture("unknown-key.yaml")), StandardCharsets.UTF_8);
        return yaml.replace("  titel: \"प्रवाह\"\n", "").replace("path: articles", "path: " + path);
    }

    @Test
    void shipped_feeds_config_loads_as_a_hindi_site_reading_the_articles_folder_next_to_it() throws Exception {
        Path basedir = Path.of(System.getProperty("basedir", ""));
        PravahConfig config = ConfigLoader.load(basedir.resolve("feeds-config.yaml"));

        assertTrue(config.site().title().codePoints().anyMatch(c -> Character.UnicodeBlock.of(c)
                == Character.UnicodeBlock.DEVANAGARI), config.site().title());
        assertEquals("hi", config.site().language().value());
        assertEquals(ZoneId.of("Asia/Kolkata"), config.site().timeZone());
        assertTrue(config.categories().stream().anyMatch(c -> !c.children().isEmpty()), "a nested category");
        DirectorySourceConfig source = (DirectorySourceConfig) config.sources().get(0);
        assertEquals(basedir.resolve("articles").toAbsolutePath().normalize(), source.path());
    }

    @Test
    void missing_config_file_is_named() {
        Path missing = tmp.resolve("nahin-hai.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": "), e.getMessage());
    }

    @Test
    void colon_in_unquoted_hindi_text_is_a_yaml_syntax_error_named_with_file_line_and_column() throws IOException {
        Path file = fixture("yaml-colon-in-plain-text.yaml");
        String line3 = Files.readAllLines(file, StandardCharsets.UTF_8).get(2);
        int column = line3.indexOf(": देश") + 1;
        String message = errorOf("yaml-colon-in-plain-text.yaml");
        assertTrue(message.startsWith(file + ":3:" + column + ": YAML syntax error: "), message);
    }

    /** Line 3 indents baseUrl under title's value: the error is that key, at line 3, column 5. */
    @Test
    void wrongly_indented_key_is_a_yaml_syntax_error_named_at_that_keys_line_and_column() {
        Path file = fixture("yaml-syntax-error.yaml");
        String message = errorOf("yaml-syntax-error.yaml");
        assertTrue(message.startsWith(file + ":3:5: YAML syntax error: "), message);
    }

    @Test
    void misspelt_key_is_named_with_its_path_and_place() {
        String message = errorOf("unknown-key.yaml");
        assertNamesKey(message, fixture("unknown-key.yaml"), "site.titel");
        assertTrue(message.contains("unknown key"), message);
        assertPlace(message, 4, 3);
    }

    @Test
    void unknown_key_message_lists_the_keys_allowed_there() {
        String message = errorOf("unknown-key.yaml");
        assertTrue(message.contains("author, baseUrl, description, icon, images, language, logo, timeZone, title"), message);
    }

    @Test
    void missing_site_title_is_named_with_the_place_of_site() {
        String message = errorOf("missing-site-title.yaml");
        assertNamesKey(message, fixture("missing-site-title.yaml"), "site.title");
        assertTrue(message.contains("missing required key"), message);
        assertPlace(message, 2, 1);
    }

    @Test
    void site_author_names_who_wrote_articles_without_an_author_and_defaults_to_the_site_title() throws Exception {
        String yaml = """
                site:
                  title: "प्रवाह समाचार"
                  baseUrl: "https://pravah.example"
                @AUTHOR@
                sources:
                  - {name: local, type: directory, path: articles}
                """;
        SiteConfig plain = ConfigLoader.load(writeSite(yaml.replace("@AUTHOR@", ""), "articles")).site();
        assertEquals(Optional.empty(), plain.author());
        assertEquals("प्रवाह समाचार", plain.defaultAuthor());
        SiteConfig desk = ConfigLoader.load(writeSite(yaml.replace("@AUTHOR@", "  author: \"  प्रवाह   डेस्क \""),
                "articles")).site();
        assertEquals(Optional.of("प्रवाह डेस्क"), desk.author());
        assertEquals("प्रवाह डेस्क", desk.defaultAuthor());
        for (String bad : new String[] {"  author: \"  \"", "  author: [प्रवाह, डेस्क]",
                "  author: \"" + "क".repeat(201) + "\""}) {
            Path file = writeSite(yaml.replace("@AUTHOR@", bad), "articles");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file), bad);
            assertNamesKey(e.getMessage(), file, "site.author");
            assertPlace(e.getMessage(), 4, 3);
        }
    }


    @Test
    void missing_sources_is_named() {
        String message = errorOf("missing-sources.yaml");
        assertNamesKey(message, fixture("missing-sources.yaml"), "sources");
        assertTrue(message.contains("missing required key"), message);
    }

    @Test
    void duplicate_slug_in_a_child_category_names_its_full_path_and_the_first_use() {
        String message = errorOf("duplicate-nested-slug.yaml");
        assertNamesKey(message, fixture("duplicate-nested-slug.yaml"), "categories[2].children[0].slug");
        assertTrue(message.contains("'desh'"), message);
        assertTrue(message.contains("categories[0].slug"), message);
        assertPlace(message, 12, 9);
    }

    @Test
    void alias_used_by_two_categories_is_refused_with_both_places() {
        String message = errorOf("duplicate-alias.yaml");
        assertNamesKey(message, fixture("duplicate-alias.yaml"), "categories[1].aliases");
        assertTrue(message.contains("'भारत'"), message);
        assertTrue(message.contains("categories[0].aliases"), message);
        assertPlace(message, 10, 5);
    }

    @Test
    void label_equal_to_another_categorys_alias_in_other_case_is_refused() {
        String message = errorOf("duplicate-label.yaml");
        assertNamesKey(message, fixture("duplicate-label.yaml"), "categories[1].label");
        assertTrue(message.contains("'world'"), message);
        assertTrue(message.contains("categories[0].aliases"), message);
        assertPlace(message, 10, 5);
    }

    @Test
    void slug_with_capitals_and_underscore_is_refused_with_the_rule() {
        String message = errorOf("bad-slug.yaml");
        assertNamesKey(message, fixture("bad-slug.yaml"), "categories[0].children[0].slug");
        assertTrue(message.contains("'Rajya_Samachar'"), message);
        assertTrue(message.contains("lower-case"), message);
        assertPlace(message, 8, 9);
    }

    /** SiteLinks.ALL: /feeds/all.rss is every article, so a category slugged "all" could never be reached. */
    @Test
    void top_level_category_slug_all_is_refused_because_it_is_the_feed_of_every_article() {
        String message = errorOf("reserved-slug-all.yaml");
        assertNamesKey(message, fixture("reserved-slug-all.yaml"), "categories[1].slug");
        assertTrue(message.contains("'all'"), message);
    }

    /** An article that writes "Asia" meant purv (its alias) but is filed under the category slugged asia. */
    @Test
    void alias_equal_to_another_categorys_slug_is_refused() {
        String message = errorOf("alias-is-another-slug.yaml");
        assertNamesKey(message, fixture("alias-is-another-slug.yaml"), "categories[1].aliases");
        assertTrue(message.contains("Asia"), message);
    }

    @Test
    void java_style_language_tag_hi_IN_is_refused_with_a_hint_to_write_hi_hyphen_IN() {
        String message = errorOf("underscore-language.yaml");
        assertNamesKey(message, fixture("underscore-language.yaml"), "site.language");
        assertTrue(message.contains("'hi_IN'"), message);
        assertTrue(message.contains("write 'hi-IN'"), message);
        assertPlace(message, 4, 3);
    }

    @Test
    void time_zone_abbreviation_IST_is_refused_with_an_example_zone_id() {
        String message = errorOf("bad-time-zone.yaml");
        assertNamesKey(message, fixture("bad-time-zone.yaml"), "site.timeZone");
        assertTrue(message.contains("'IST'"), message);
        assertTrue(message.contains("Asia/Kolkata"), message);
        assertPlace(message, 5, 3);
    }

    @Test
    void unknown_source_type_is_named_with_the_known_types() {
        String message = errorOf("unknown-source-type.yaml");
        assertNamesKey(message, fixture("unknown-source-type.yaml"), "sources[1].type");
        assertTrue(message.contains("'rss'"), message);
        assertTrue(message.contains("directory"), message);
        assertPlace(message, 9, 5);
    }

    @Test
    void missing_source_directory_is_named_as_written_and_as_resolved() {
        Path file = fixture("missing-directory.yaml");
        String message = errorOf("missing-directory.yaml");
        assertNamesKey(message, file, "sources[0].path");
        assertTrue(message.contains("'khabar-jo-nahin-hai'"), message);
        assertTrue(message.contains(file.getParent().resolve("khabar-jo-nahin-hai").toString()), message);
        assertPlace(message, 7, 5);
    }

    @Test
    void base_url_without_scheme_is_refused() {
        String message = errorOf("bad-base-url.yaml");
        assertNamesKey(message, fixture("bad-base-url.yaml"), "site.baseUrl");
        assertTrue(message.contains("'www.pravah.example/samachar'"), message);
        assertTrue(message.contains("http(s)"), message);
        assertPlace(message, 3, 3);
    }

    @Test
    void port_above_65535_is_refused_with_the_range() {
        String message = errorOf("port-out-of-range.yaml");
        assertNamesKey(message, fixture("port-out-of-range.yaml"), "server.port");
        assertTrue(message.contains("0 to 65535"), message);
        assertTrue(message.contains("'70000'"), message);
        assertPlace(message, 5, 3);
    }

    @Test
    void connection_limits_under_server_have_defaults_can_be_set_and_are_checked_with_their_key_path()
            throws Exception {
        String site = configWithSourcePath("articles");
        assertEquals(new ServerConfig(8080, 15, 256), ConfigLoader.load(writeSite(site, "articles")).server());
        Path tuned = writeSite(site + "server:\n  port: 8081\n  requestHeadersSeconds: 5\n  connectionsPerAddress: 0\n",
                "articles");
        assertEquals(new ServerConfig(8081, 5, 0), ConfigLoader.load(tuned).server());
        Path tooLong = writeSite(site + "server:\n  requestHeadersSeconds: 301\n", "articles");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(tooLong));
        assertNamesKey(e.getMessage(), tooLong, "server.requestHeadersSeconds");
        assertTrue(e.getMessage().contains("1 to 300"), e.getMessage());
        Path negative = writeSite(site + "server:\n  connectionsPerAddress: -1\n", "articles");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(negative));
        assertNamesKey(e.getMessage(), negative, "server.connectionsPerAddress");
    }

    @Test
    void relative_source_path_resolves_against_the_config_files_folder() throws Exception {
        Path config = writeSite(configWithSourcePath("samachar"), "samachar");
        // load through a path relative to the working directory, as `--config ../x/feeds-config.yaml` would
        Path relative = Path.of("").toAbsolutePath().relativize(config);

        PravahConfig loaded = ConfigLoader.load(relative);

        DirectorySourceConfig source = (DirectorySourceConfig) loaded.sources().get(0);
        assertEquals(config.getParent().resolve("samachar").toRealPath(), source.path().toRealPath());
        assertEquals("samachar", source.written());
    }

    @Test
    void source_path_that_exists_only_under_the_working_directory_is_refused() throws Exception {
        // src/main/java exists in the project folder, the working directory of the tests, but not next to the config
        assertTrue(Files.isDirectory(Path.of("src/main/java")), "precondition: tests run in the project folder");
        Path config = writeSite(configWithSourcePath("src/main/java"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(config));
        assertTrue(e.getMessage().startsWith(config + ": sources[0].path: "), e.getMessage());
    }
}
