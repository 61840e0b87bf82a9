package org.pravah.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.render.SiteLinks;

/** {@code site.icon} and {@code site.logo}: where feeds and pages take the site's pictures from. */
class SiteImagesConfigTest {
    @TempDir
    Path dir;

    private PravahConfig load(String siteExtra) throws IOException, ConfigException {
        Files.createDirectories(dir.resolve("articles"));
        Path file = dir.resolve("feeds-config.yaml");
        Files.writeString(file, """
                site:
                  title: "चित्र परीक्षण"
                  baseUrl: "https://pravah.example/"
                """ + siteExtra + """
                sources:
                  - {name: local, type: directory, path: articles}
                """, StandardCharsets.UTF_8);
        return ConfigLoader.load(file);
    }

    @Test
    void without_keys_the_shipped_icon_and_logo_are_used_with_their_sizes() throws Exception {
        PravahConfig config = load("");
        assertEquals(Optional.empty(), config.site().icon());
        SiteLinks links = SiteLinks.of(config.site());
        assertEquals("https://pravah.example/icon.png", links.icon().url());
        assertEquals("https://pravah.example/logo.png", links.logo().url());
        assertEquals(144, links.logo().width());
        assertEquals(72, links.logo().height());
    }

    @Test
    void a_path_is_on_this_site_and_follows_the_base_url_and_an_absolute_url_is_kept() throws Exception {
        PravahConfig config = load("  icon: /chitra/pratik.png\n  logo: https://cdn.example/logo-wide.png\n");
        SiteLinks links = SiteLinks.of(config.site());
        assertEquals("https://pravah.example/chitra/pratik.png", links.icon().url());
        assertEquals("https://cdn.example/logo-wide.png", links.logo().url());
        assertTrue(!links.logo().hasSize(), "a configured image's size is not known");
        SiteLinks moved = SiteLinks.of(config.withBaseUrl("http://127.0.0.1:9000").site());
        assertEquals("http://127.0.0.1:9000/chitra/pratik.png", moved.icon().url());
    }

    @Test
    void anything_else_is_an_error_naming_the_key() {
        for (String bad : new String[] {"icon: pratik.png", "icon: ftp://example.org/i.png", "logo: //cdn.example/l.png",
                "logo: /l.png?v=2", "icon: [a, b]"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> load("  " + bad + "\n"), bad);
            String key = bad.substring(0, bad.indexOf(':'));
            assertTrue(e.getMessage().contains("site." + key), e.getMessage());
        }
    }

    @Test
    void images_is_a_folder_beside_the_config_that_may_not_exist_yet() throws Exception {
        assertEquals(Optional.empty(), load("").site().images());
        Files.createDirectories(dir.resolve("chitra"));
        assertEquals(Optional.of(dir.resolve("chitra")), load("  images: chitra\n").site().images());
        assertEquals(Optional.of(dir.resolve("nayi")), load("  images: nayi\n").site().images(),
                "a site without pictures yet may name the folder it will keep them in");
    }

    @Test
    void images_naming_a_file_or_nothing_is_an_error_naming_the_key() {
        for (String bad : new String[] {"images: feeds-config.yaml", "images: \"  \"", "images: [a, b]"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> load("  " + bad + "\n"), bad);
            assertTrue(e.getMessage().contains("site.images: "), e.getMessage());
        }
    }
}
