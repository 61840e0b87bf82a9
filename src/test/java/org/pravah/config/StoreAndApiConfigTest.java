package org.pravah.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAndApiConfigTest {
    @TempDir
    Path dir;

    private Path config(String extra) throws Exception {
        Path file = dir.resolve("feeds-config.yaml");
        Files.writeString(file, """
                site:
                  title: "प्रवाह"
                  baseUrl: "http://samachar.example"
                sources:
                  - name: cms
                    type: store
                """ + extra, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void without_a_store_section_the_store_is_an_embedded_file_in_data_next_to_the_config() throws Exception {
        PravahConfig config = ConfigLoader.load(config(""), Map.of());
        assertEquals(List.of(new StoreSourceConfig("cms")), config.sources());
        assertEquals("jdbc:sqlite:" + dir.toAbsolutePath().normalize().resolve("data").resolve("pravah.db"),
                config.store().url());
        assertFalse(config.store().postgres());
        assertFalse(config.api().enabled(), "no token anywhere: the API is off");
    }

    @Test
    void the_data_folder_can_be_moved() throws Exception {
        PravahConfig config = ConfigLoader.load(config("store:\n  dataDir: ../pravah-data\n"), Map.of());
        assertEquals("jdbc:sqlite:" + dir.getParent().toAbsolutePath().normalize().resolve("pravah-data/pravah.db"),
                config.store().url());
    }

    @Test
    void a_postgresql_url_switches_the_store_and_the_password_may_come_from_the_environment() throws Exception {
        PravahConfig config = ConfigLoader.load(config("""
                store:
                  url: jdbc:postgresql://db.internal:5432/pravah
                  user: pravah
                  pool: 20
                  pollSeconds: 3
                """), Map.of("PRAVAH_STORE_PASSWORD", "gupt-shabd"));
        StoreConfig store = config.store();
        assertTrue(store.postgres());
        assertEquals("pravah", store.user());
        assertEquals("gupt-shabd", store.password());
        assertEquals(20, store.pool());
        assertEquals(3, store.pollSeconds());
        assertFalse(store.toString().contains("gupt-shabd"), store.toString());
    }

    @Test
    void a_password_written_into_the_url_is_masked_in_messages() {
        StoreConfig store = new StoreConfig("jdbc:postgresql://db/pravah?user=p&password=gupt&ssl=true", "", "", 4, 5);
        assertEquals("jdbc:postgresql://db/pravah?user=p&password=***&ssl=true", store.displayUrl());
    }

    @Test
    void an_unknown_database_url_is_an_error_naming_the_key() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                config("store:\n  url: jdbc:mysql://db/pravah\n"), Map.of()));
        assertTrue(e.getMessage().contains("store.url"), e.getMessage());
        assertTrue(e.getMessage().contains("line 8"), e.getMessage());
    }

    @Test
    void an_h2_url_is_refused_with_the_way_to_the_embedded_store_that_imports_it() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                config("store:\n  url: jdbc:h2:file:/srv/pravah/data/pravah\n"), Map.of()));
        assertTrue(e.getMessage().contains("store.url"), e.getMessage());
        assertTrue(e.getMessage().contains("pravah.mv.db there is imported"), e.getMessage());
    }

    @Test
    void the_token_is_kept_only_as_its_hash_from_config_or_environment() throws Exception {
        String hash = ConfigLoader.sha256Hex("kunji");
        assertEquals(64, hash.length());
        PravahConfig fromFile = ConfigLoader.load(config("api:\n  tokenSha256: " + hash.toUpperCase(Locale.ROOT)
                + "\n  maxBodyBytes: 4096\n"), Map.of());
        assertEquals(List.of(hash), fromFile.api().tokenSha256());
        assertEquals(4096, fromFile.api().maxBodyBytes());

        PravahConfig fromEnv = ConfigLoader.load(config(""), Map.of("PRAVAH_API_TOKEN", "doosri-kunji"));
        assertEquals(List.of(ConfigLoader.sha256Hex("doosri-kunji")), fromEnv.api().tokenSha256());
        assertFalse(fromEnv.toString().contains("doosri-kunji"));

        PravahConfig both = ConfigLoader.load(config("api:\n  tokenSha256: [" + hash + "]\n"),
                Map.of("PRAVAH_API_TOKEN", "doosri-kunji"));
        assertEquals(2, both.api().tokenSha256().size());
    }

    @Test
    void a_token_hash_that_is_not_sha256_hex_is_an_error() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                config("api:\n  tokenSha256: mera-token\n"), Map.of()));
        assertTrue(e.getMessage().contains("api.tokenSha256"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256sum"), e.getMessage());
    }

    @Test
    void a_store_source_takes_no_path() throws Exception {
        Path file = dir.resolve("feeds-config.yaml");
        Files.writeString(file, """
                site:
                  title: "प्रवाह"
                  baseUrl: "http://samachar.example"
                sources:
                  - name: cms
                    type: store
                    path: articles
                """, StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("sources[0].path"), e.getMessage());
    }

    @Test
    void stats_are_counted_and_kept_in_the_data_folder_unless_turned_off() throws Exception {
        StatsConfig stats = ConfigLoader.load(config(""), Map.of()).stats();
        assertTrue(stats.enabled());
        assertFalse(stats.publicPage(), "with a token, /stats needs it unless stats.public says otherwise");
        assertEquals(java.util.Optional.of(dir.toAbsolutePath().normalize().resolve("data")), stats.dataDir());
        StatsConfig off = ConfigLoader.load(config("stats:\n  enabled: false\n  public: true\n"), Map.of()).stats();
        assertFalse(off.enabled());
        assertTrue(off.publicPage());
    }

    @Test
    void a_stats_key_that_is_not_true_or_false_is_named() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(config("stats:\n  public: haan\n"), Map.of()));
        assertTrue(e.getMessage().contains("stats.public: expected true or false, found 'haan'"), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(config("stats:\n  publik: true\n"), Map.of()));
        assertTrue(unknown.getMessage().contains("stats.publik: unknown key (allowed here: enabled, public)"),
                unknown.getMessage());
    }
}
