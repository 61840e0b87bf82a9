package org.pravah.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.ChildServer;
import org.pravah.StoreSite;
import org.pravah.store.Await;

/** {@code check} and {@code export} as a publisher runs them: in CI, from cron, beside a server on the same config. */
class CommandsTest {
    @TempDir
    Path dir;

    private static CheckCommandTest.Run run(String... args) {
        return CheckCommandTest.run(false, args);
    }

    private static void assertLine(String report, String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(report).find(),
                "no line matching " + regex + " in:\n" + report);
    }

    private Path storeFile() {
        return dir.resolve("site/data/pravah.db");
    }

    @Test
    void check_and_export_beside_a_running_server_read_its_store_and_leave_it_serving_and_taking_writes()
            throws Exception {
        Path config = StoreSite.write(dir.resolve("site"), StoreSite.apiWithToken());
        try (ChildServer server = ChildServer.start(config, dir.resolve("server.log"))) {
            StoreSite.Client api = new StoreSite.Client(HttpClient.newHttpClient(), server.url(),
                    Optional.of(StoreSite.TOKEN));
            HttpResponse<String> put = api.json("PUT", "/api/articles/bihar-matdan-doosra-charan",
                    StoreSite.fixture("chunav.json"));
            assertEquals(201, put.statusCode(), put.body());

            CheckCommandTest.Run check = run("check", "--config", config.toString());
            assertEquals(0, check.status(), check.out() + check.err());
            assertLine(check.out(), " +cms +1 articles +ok");
            Path out = dir.resolve("public");
            CheckCommandTest.Run export = run("export", out.toString(), "--config", config.toString());
            assertEquals(0, export.status(), export.out() + export.err());
            assertTrue(Files.readString(out.resolve("articles/cms/bihar-matdan-doosra-charan.html"),
                    StandardCharsets.UTF_8).contains("बिहार में दूसरे चरण का मतदान शुरू"));

            HttpResponse<String> second = api.json("PUT", "/api/articles/tokyo-bhukamp", StoreSite.fixture("tokyo.json"));
            assertEquals(201, second.statusCode(), second.body() + "\n" + server.output());
            Await.until("the second article in the feed", Duration.ofSeconds(20), () -> api.tryGet("/feeds/all.rss")
                    .map(HttpResponse::body).filter(f -> f.contains("tokyo-bhukamp")).isPresent());
            assertTrue(api.get("/feeds/all.rss").body().contains("bihar-matdan-doosra-charan"));
            assertFalse(server.output().contains("Exception"), server.output());
        }
    }

    @Test
    void check_and_export_of_a_store_never_created_read_it_as_empty_and_create_no_file() throws Exception {
        Path config = StoreSite.write(dir.resolve("site"), "");
        CheckCommandTest.Run check = run("check", "--config", config.toString());
        assertEquals(0, check.status(), check.out() + check.err());
        assertLine(check.out(), " +cms +0 articles +ok");
        CheckCommandTest.Run export = run("export", dir.resolve("public").toString(), "--config", config.toString());
        assertEquals(0, export.status(), export.out() + export.err());
        assertFalse(Files.exists(storeFile()), "check or export created the store");
    }

    @Test
    void check_and_export_read_a_store_of_an_older_schema_without_upgrading_it() throws Exception {
        Path config = StoreSite.write(dir.resolve("site"), "");
        Files.createDirectories(storeFile().getParent());
        String url = "jdbc:sqlite:" + storeFile();
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/store").table("store_schema_history")
                .target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                     + " revision, deleted, document, created_at, updated_at) VALUES ('cms', 'bihar-matdan-doosra-charan', 3, 0, ?,"
                     + " '2026-11-28T02:45:00Z', '2026-11-28T03:00:00Z')")) {
            insert.setString(1, StoreSite.fixture("chunav.json"));
            insert.executeUpdate();
        }

        CheckCommandTest.Run check = run("check", "--config", config.toString());
        assertEquals(0, check.status(), check.out() + check.err());
        assertLine(check.out(), " +cms +1 articles +ok");
        CheckCommandTest.Run export = run("export", dir.resolve("public").toString(), "--config", config.toString());
        assertEquals(0, export.status(), export.out() + export.err());
        assertTrue(Files.exists(dir.resolve("public/articles/cms/bihar-matdan-doosra-charan.html")));

        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM store_schema_history")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "check or export migrated the store");
        }
    }
}
