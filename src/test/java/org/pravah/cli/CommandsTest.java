package org.pravah.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.ChildServer;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

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
        Path config = TestSite.writeStoreSite(dir.resolve("site"), TestSite.apiWithToken());
        try (ChildServer server = ChildServer.start(config, dir.resolve("server.log"))) {
            Client api = Client.at(server.port()).withToken(TestSite.TOKEN);
            HttpResponse<byte[]> put = api.json("PUT", "/api/articles/bihar-matdan-doosra-charan",
                    TestSite.storeArticle("chunav.json"));
            assertEquals(201, put.statusCode(), Client.text(put));

            CheckCommandTest.Run check = run("check", "--config", config.toString());
            assertEquals(0, check.status(), check.out() + check.err());
            assertLine(check.out(), " +cms +1 articles +ok");
            Path out = dir.resolve("public");
            CheckCommandTest.Run export = run("export", out.toString(), "--config", config.toString());
            assertEquals(0, export.status(), export.out() + export.err());
            assertTrue(Files.readString(out.resolve("articles/cms/bihar-matdan-doosra-charan.html"),
                    StandardCharsets.UTF_8).contains("बिहार में दूसरे चरण का मतदान शुरू"));

            HttpResponse<byte[]> second = api.json("PUT", "/api/articles/tokyo-bhukamp", TestSite.storeArticle("tokyo.json"));
            assertEquals(201, second.statusCode(), Client.text(second) + "\n" + server.output());
            TestSite.waitUntil(Duration.ofSeconds(20), "the second article in the feed", () -> api.tryGet("/feeds/all.rss")
                    .map(Client::text).filter(f -> f.contains("tokyo-bhukamp")).isPresent());
            assertTrue(Client.text(api.get("/feeds/all.rss")).contains("bihar-matdan-doosra-charan"));
            assertFalse(server.output().contains("Exception"), server.output());
        }
    }

    @Test
    void check_and_export_of_a_store_never_created_read_it_as_empty_and_create_no_file() throws Exception {
        Path config = TestSite.writeStoreSite(dir.resolve("site"), "");
        CheckCommandTest.Run check = run("check", "--config", config.toString());
        assertEquals(0, check.status(), check.out() + check.err());
        assertLine(check.out(), " +cms +0 articles +ok");
        CheckCommandTest.Run export = run("export", dir.resolve("public").toString(), "--config", config.toString());
        assertEquals(0, export.status(), export.out() + export.err());
        assertFalse(Files.exists(storeFile()), "check or export created the store");
    }

    @Test
    void check_and_export_read_a_store_of_an_older_schema_without_upgrading_it() throws Exception {
        Path config = TestSite.writeStoreSite(dir.resolve("site"), "");
        Files.createDirectories(storeFile().getParent());
        String url = "jdbc:sqlite:" + storeFile();
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/store").table("store_schema_history")
                .target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                     + " revision, deleted, document, created_at, updated_at) VALUES ('cms', 'bihar-matdan-doosra-charan', 3, 0, ?,"
                     + " '2026-11-28T02:45:00Z', '2026-11-28T03:00:00Z')")) {
            insert.setString(1, TestSite.storeArticle("chunav.json"));
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

    @Test
    void check_before_a_server_imported_an_h2_store_says_so_and_leaves_the_file_alone() throws Exception {
        Path config = TestSite.writeStoreSite(dir.resolve("site"), "");
        Path h2 = Files.createDirectories(storeFile().getParent()).resolve("pravah.mv.db");
        Files.writeString(h2, "पुराने संस्करण की फ़ाइल", StandardCharsets.UTF_8);
        CheckCommandTest.Run check = run("check", "--config", config.toString());
        assertEquals(1, check.status(), check.out() + check.err());
        assertLine(check.out(), " +problem: store: " + Pattern.quote(h2.toString()) + " .*imported when the server"
                + " next starts.*");
        assertEquals("पुराने संस्करण की फ़ाइल", Files.readString(h2, StandardCharsets.UTF_8));
        assertFalse(Files.exists(storeFile()), "check created the store");
    }

    /** Progress lines (stderr, not errors) of the runs below, which stop before or right after loading. */
    private static final Pattern PROGRESS = Pattern.compile("loading \\d+ source\\(s\\)…");

    /** The run failed with {@code status} and said why in exactly one line on stderr, naming each of {@code names}. */
    private static void assertOneLine(CheckCommandTest.Run run, int status, String... names) {
        String what = "stderr:\n" + run.err() + "\nstdout:\n" + run.out();
        assertEquals(status, run.status(), what);
        List<String> lines = run.err().lines().filter(l -> !PROGRESS.matcher(l).matches()).toList();
        assertEquals(1, lines.size(), what);
        assertTrue(lines.get(0).startsWith("pravah: "), what);
        for (String name : names) {
            assertTrue(lines.get(0).contains(name), "'" + name + "' not named; " + what);
        }
    }

    @Test
    void every_wrong_argument_is_one_line_naming_it_with_exit_2() throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        assertOneLine(run("check", "--bogus"), 2, "'--bogus'", "--help");
        assertOneLine(run("check", "--config"), 2, "--config needs a value");
        assertOneLine(run("check", "--max-feed-bytes", "lakh"), 2, "--max-feed-bytes");
        assertOneLine(run("check", "--base-url", "ftp://samachar.example"), 2, "--base-url",
                "ftp://samachar.example");
        assertOneLine(run("export"), 2, "export needs the folder");
        assertOneLine(run("export", dir.resolve("ek").toString(), "do", "--config", config.toString()), 2, "'do'");
        assertOneLine(run("export", dir.resolve("ek").toString(), "--max-feed-bytes", "9"), 2, "--max-feed-bytes");
    }

    @Test
    void a_config_file_missing_a_folder_or_not_yaml_is_one_line_naming_it_with_exit_1() throws Exception {
        Path missing = dir.resolve("nahin.yaml");
        assertOneLine(run("check", "--config", missing.toString()), 1, missing.toString(), "not found");
        assertOneLine(run("export", dir.resolve("public").toString(), "--config", dir.toString()), 1,
                dir.toString());
        Path broken = dir.resolve("toota.yaml");
        Files.writeString(broken, "site: [\n  - शीर्षक: समाचार\n x", StandardCharsets.UTF_8);
        assertOneLine(run("check", "--config", broken.toString()), 1, broken.toString(), "YAML");
    }

    @Test
    void an_export_folder_that_is_a_file_not_empty_or_cannot_be_made_is_one_line_naming_it_with_exit_1()
            throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        assertOneLine(run("export", config.toString(), "--config", config.toString()), 1, config.toString());
        Path full = Files.createDirectories(dir.resolve("bhara"));
        Files.writeString(full.resolve("purana.html"), "पुराना", StandardCharsets.UTF_8);
        assertOneLine(run("export", full.toString(), "--config", config.toString()), 1, full.toString());
        Path underFile = config.resolve("public");
        assertOneLine(run("export", underFile.toString(), "--config", config.toString()), 1, underFile.toString());
    }

    @Test
    void a_store_file_that_is_no_database_fails_check_and_export_naming_it() throws Exception {
        Path config = TestSite.writeStoreSite(dir.resolve("site"), "");
        Files.createDirectories(storeFile().getParent());
        Files.writeString(storeFile(), "यह डेटाबेस नहीं है, बस कुछ अक्षर हैं।\n".repeat(200), StandardCharsets.UTF_8);

        CheckCommandTest.Run check = run("check", "--config", config.toString());
        assertEquals(1, check.status(), check.out() + check.err());
        assertLine(check.out(), " +problem: store: cannot read jdbc:sqlite:" + Pattern.quote(storeFile().toString())
                + ": .*not a database.*");
        // the all-feed and the seven categories of TestSite.CATEGORIES, in RSS, Atom and JSON Feed
        assertEquals(List.of("checking feeds: 24 feeds, 24 documents"), check.err().lines()
                .filter(l -> !PROGRESS.matcher(l).matches()).toList(), check.err());

        // a site without the store's articles is not what the server serves (it keeps the last good ones)
        Path out = dir.resolve("public");
        CheckCommandTest.Run export = run("export", out.toString(), "--config", config.toString());
        assertOneLine(export, 1, "source 'cms'", storeFile().toString(), "nothing exported");
        assertFalse(Files.exists(out), "export wrote into " + out);
    }

    @Test
    void an_unexpected_failure_is_one_line_naming_what_failed_and_why_and_the_trace_only_when_asked_for() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = Commands.lastResort("export", err, false, () -> {
            throw new IllegalStateException("the renderer lost its template",
                    new UncheckedIOException(new IOException("No space left on device")));
        });
        assertEquals(1, status);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("pravah: export failed: the renderer lost its template"), lines.get(0));
        assertTrue(lines.get(0).contains("No space left on device"), lines.get(0));
        assertTrue(lines.get(0).contains("PRAVAH_DEBUG=1"), lines.get(0));

        bytes.reset();
        Commands.lastResort("export", err, true, () -> {
            throw new IllegalStateException("the renderer lost its template");
        });
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("\tat org.pravah.cli.CommandsTest"),
                bytes.toString(StandardCharsets.UTF_8));
    }
}
