package org.pravah.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.config.ConfigLoader;
import org.pravah.store.ArticleStore;
import org.pravah.store.Precondition;
import org.pravah.store.StoredArticle;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** {@code pravah import FOLDER}: an existing archive of article files brought into a store source. */
class ImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Application server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CheckCommandTest.Run run(String... args) {
        return CheckCommandTest.run(false, args);
    }

    private static void assertLine(String report, String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(report).find(),
                "no line matching " + regex + " in:\n" + report);
    }

    /** The site of the store tests: a directory source 'lekh' and the store source 'cms'. */
    private Path site() throws IOException {
        return TestSite.writeStoreSite(dir.resolve("site"), "");
    }

    private Path archive() {
        return dir.resolve("archive");
    }

    private void write(String relative, String text) throws IOException {
        write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String relative, byte[] bytes) throws IOException {
        Path file = archive().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** Three layouts in YEAR/MONTH folders, five articles, and what an editor leaves lying around. */
    private void mixedArchive() throws IOException {
        write("2026/11/bihar-matdan.json", """
                {"id": "bihar-matdan", "title": "बिहार में दूसरे चरण का मतदान शुरू",
                 "body": "पटना: सुबह सात बजे से मतदान केंद्रों पर लंबी कतारें दिखीं।",
                 "categories": ["राज्य"], "published": "2026-11-11T07:30:00+05:30"}
                """);
        write("2026/11/ranji-trophy.md", """
                ---
                title: रणजी ट्रॉफ़ी में विदर्भ की बड़ी जीत
                categories: [Cricket]
                published: 2026-11-20T18:00:00+05:30
                ---
                नागपुर में खेले गए मुक़ाबले में विदर्भ ने **एक पारी** से जीत दर्ज की।
                """);
        write("2026/12/kohra.txt", """
                Hindi News देश कोहरे से रेलगाड़ियां देर से चलीं
                कोहरे से रेलगाड़ियां देर से चलीं

                उत्तर भारत में घने कोहरे के कारण कई रेलगाड़ियां घंटों देर से पहुंचीं।

                नई दिल्ली: रेलवे ने बताया कि दृश्यता पचास मीटर से कम रही।

                Latest India News
                """);
        write("2026/12/do-khabren.json", """
                [{"title": "जयपुर में पुस्तक मेला शुरू", "categories": ["देश"], "published": "2026-12-02T10:00:00+05:30"},
                 {"title": "टोक्यो में भूकंप के हल्के झटके", "categories": ["एशिया"],
                  "published": "2026-12-02T11:00:00+05:30"}]
                """);
        write("2026/12/.kohra.txt.swp", "संपादक की अस्थायी फ़ाइल");
        write("2026/12/kohra.txt~", "संपादक की पुरानी प्रति");
        write(".masaude/adhoora.json", "{\"title\": \"अधूरा मसौदा\"");
    }

    private ArticleStore store(Path config) throws Exception {
        return ArticleStore.openToRead(ConfigLoader.load(config).store()).orElseThrow();
    }

    private static JsonNode document(ArticleStore store, String id) throws Exception {
        return JSON.readTree(store.get("cms", id).orElseThrow().document());
    }

    @Test
    void a_folder_of_json_markdown_and_plain_text_articles_is_imported_into_the_store_source() throws Exception {
        Path config = site();
        mixedArchive();
        CheckCommandTest.Run run = run("import", archive().toString(), "--config", config.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertLine(run.out(), "import into 'cms': 5 imported \\(5 new, 0 changed\\), 0 unchanged, 0 bad files,"
                + " 0 warnings");

        try (ArticleStore store = store(config)) {
            assertEquals(Map.of("bihar-matdan", 1L, "2026/11/ranji-trophy", 1L, "2026/12/kohra", 1L,
                    "2026/12/do-khabren-1", 1L, "2026/12/do-khabren-2", 1L), store.liveRevisions("cms"));
            // stored in the shape the API stores: the id first, then the article's fields
            assertEquals("{\"id\":\"bihar-matdan\",\"title\":\"बिहार में दूसरे चरण का मतदान शुरू\","
                    + "\"body\":\"पटना: सुबह सात बजे से मतदान केंद्रों पर लंबी कतारें दिखीं।\",\"categories\":[\"राज्य\"],"
                    + "\"published\":\"2026-11-11T07:30:00+05:30\"}",
                    store.get("cms", "bihar-matdan").orElseThrow().document());
            assertTrue(document(store, "2026/11/ranji-trophy").path("contentHtml").asText()
                    .contains("<strong>एक पारी</strong>"));
            JsonNode kohra = document(store, "2026/12/kohra");
            assertEquals(List.of("देश"), List.of(kohra.path("categories").get(0).asText()));
            assertFalse(kohra.path("published").asText().isEmpty(), "an undated file is dated by the file: " + kohra);
        }
    }

    /**
     * The batches are committed without waiting for the disk and synced once at the end: whatever the closing line
     * counts is in the store when it is opened again, the last, partial batch included.
     */
    @Test
    void every_article_the_import_reports_is_in_the_store_when_it_is_opened_again() throws Exception {
        Path config = site();
        int files = 2 * ImportCommand.BATCH + 3;
        for (int i = 1; i <= files; i++) {
            write("2026/12/khabar-" + i + ".json", "{\"title\": \"संग्रह की ख़बर क्रमांक " + i + "\","
                    + " \"categories\": [\"देश\"], \"published\": \"2026-12-01T10:00:00+05:30\"}");
        }
        CheckCommandTest.Run run = run("import", archive().toString(), "--config", config.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertLine(run.out(), "import into 'cms': " + files + " imported \\(" + files + " new, 0 changed\\),"
                + " 0 unchanged, 0 bad files, 0 warnings");
        try (ArticleStore store = ArticleStore.open(ConfigLoader.load(config).store())) {
            Map<String, Long> live = store.liveRevisions("cms");
            assertEquals(files, live.size());
            assertEquals(1L, live.get("2026/12/khabar-" + files));
            assertEquals("संग्रह की ख़बर क्रमांक 1", document(store, "2026/12/khabar-1").path("title").asText());
        }
    }

    @Test
    void a_bad_file_is_reported_with_its_name_and_position_and_the_rest_is_imported() throws Exception {
        Path config = site();
        mixedArchive();
        write("2026/12/toota.json", "{\"title\": \"टूटी फ़ाइल\",\n \"body\": }\n");
        // a file saved in Latin-1 by an old tool: é is one byte, 0xE9, where UTF-8 needs two
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes("{\"title\": \"Caf".getBytes(StandardCharsets.UTF_8));
        latin1.write(0xe9);
        latin1.writeBytes(" में कॉफ़ी उत्सव\"}".getBytes(StandardCharsets.UTF_8));
        write("2026/12/latin.json", latin1.toByteArray());
        write("2026/12/bina-shirshak.json", "{\"body\": \"शीर्षक के बिना ख़बर\"}");
        // a copy that kept the id: the first file in path order keeps it, so every run keeps the same one
        write("2026/12/bihar-prati.json", "{\"id\": \"bihar-matdan\", \"title\": \"बिहार मतदान की पुरानी प्रति\"}");

        CheckCommandTest.Run run = run("import", archive().toString(), "--config", config.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        String folder = Pattern.quote(archive().toString());
        assertLine(run.out(), "bad: " + folder + "/2026/12/toota\\.json: broken JSON at line 2, column 10: .*");
        assertLine(run.out(), "bad: " + folder + "/2026/12/latin\\.json: not valid UTF-8 at byte offset 14 .*");
        assertLine(run.out(), "bad: " + folder + "/2026/12/bina-shirshak\\.json: missing required field 'title'.*");
        assertLine(run.out(), "bad: " + folder + "/2026/12/bihar-prati\\.json: duplicate id 'bihar-matdan', which "
                + folder + "/2026/11/bihar-matdan\\.json gave first \\(article skipped\\)");
        assertLine(run.out(), "import into 'cms': 5 imported \\(5 new, 0 changed\\), 0 unchanged, 4 bad files,"
                + " 0 warnings");
        try (ArticleStore store = store(config)) {
            assertEquals(5, store.liveRevisions("cms").size());
            assertEquals("बिहार में दूसरे चरण का मतदान शुरू", document(store, "bihar-matdan").path("title").asText());
        }
    }

    @Test
    void a_second_run_writes_nothing_and_a_later_run_only_what_is_new() throws Exception {
        Path config = site();
        mixedArchive();
        assertEquals(0, run("import", archive().toString(), "--config", config.toString()).status());
        long mark;
        try (ArticleStore store = store(config)) {
            mark = store.changeMark();
        }

        CheckCommandTest.Run again = run("import", archive().toString(), "--config", config.toString());
        assertEquals(0, again.status(), again.out() + again.err());
        assertLine(again.out(), "import into 'cms': 0 imported \\(0 new, 0 changed\\), 5 unchanged, 0 bad files,"
                + " 0 warnings");
        try (ArticleStore store = store(config)) {
            assertEquals(mark, store.changeMark(), "a run over the same files wrote something");
        }

        // as after a run that was stopped half-way: what is already there stays, the rest is written
        write("2026/12/pustak-mela.json", """
                {"title": "पुस्तक मेले में बच्चों की भीड़", "categories": ["देश"],
                 "published": "2026-12-03T12:00:00+05:30"}
                """);
        CheckCommandTest.Run more = run("import", archive().toString(), "--config", config.toString());
        assertLine(more.out(), "import into 'cms': 1 imported \\(1 new, 0 changed\\), 5 unchanged, 0 bad files,"
                + " 0 warnings");
    }

    @Test
    void an_edited_file_gets_a_new_revision_and_an_undated_one_keeps_its_date() throws Exception {
        Path config = site();
        mixedArchive();
        assertEquals(0, run("import", archive().toString(), "--config", config.toString()).status());
        String published;
        try (ArticleStore store = store(config)) {
            published = document(store, "2026/12/kohra").path("published").asText();
        }

        write("2026/11/bihar-matdan.json", """
                {"id": "bihar-matdan", "title": "बिहार में दूसरे चरण में दोपहर तक चालीस प्रतिशत मतदान",
                 "categories": ["राज्य"], "published": "2026-11-11T07:30:00+05:30"}
                """);
        Path kohra = archive().resolve("2026/12/kohra.txt");
        Files.writeString(kohra, Files.readString(kohra, StandardCharsets.UTF_8)
                .replace("पचास मीटर", "तीस मीटर"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(kohra, FileTime.from(Instant.now().plusSeconds(3600)));

        CheckCommandTest.Run run = run("import", archive().toString(), "--config", config.toString());
        assertLine(run.out(), "import into 'cms': 2 imported \\(0 new, 2 changed\\), 3 unchanged, 0 bad files,"
                + " 0 warnings");
        try (ArticleStore store = store(config)) {
            assertEquals(Map.of("bihar-matdan", 2L, "2026/11/ranji-trophy", 1L, "2026/12/kohra", 2L,
                    "2026/12/do-khabren-1", 1L, "2026/12/do-khabren-2", 1L), store.liveRevisions("cms"));
            assertEquals("बिहार में दूसरे चरण में दोपहर तक चालीस प्रतिशत मतदान",
                    document(store, "bihar-matdan").path("title").asText());
            JsonNode edited = document(store, "2026/12/kohra");
            assertTrue(edited.path("body").asText().contains("तीस मीटर"), edited::toString);
            assertEquals(published, edited.path("published").asText(), "an edit moved the article in the feeds");
        }
    }

    @Test
    void an_article_deleted_in_the_store_stays_deleted_while_its_file_is_unchanged() throws Exception {
        Path config = site();
        mixedArchive();
        assertEquals(0, run("import", archive().toString(), "--config", config.toString()).status());
        try (ArticleStore store = ArticleStore.open(ConfigLoader.load(config).store())) {
            store.delete("cms", "bihar-matdan", Precondition.NONE);
        }
        CheckCommandTest.Run run = run("import", archive().toString(), "--config", config.toString());
        assertLine(run.out(), "import into 'cms': 0 imported \\(0 new, 0 changed\\), 5 unchanged, 0 bad files,"
                + " 0 warnings");
        try (ArticleStore store = store(config)) {
            StoredArticle tombstone = store.get("cms", "bihar-matdan").orElseThrow();
            assertTrue(tombstone.deleted());
        }
    }

    @Test
    void a_server_started_on_the_store_afterwards_serves_the_imported_articles_in_its_feeds() throws Exception {
        Path config = site();
        mixedArchive();
        assertEquals(0, run("import", archive().toString(), "--config", config.toString()).status());
        server = TestSite.serve(config);
        Client client = Client.of(server).withToken(TestSite.TOKEN);
        String all = Client.text(client.get("/feeds/all.rss"));
        for (String title : List.of("बिहार में दूसरे चरण का मतदान शुरू", "रणजी ट्रॉफ़ी में विदर्भ की बड़ी जीत",
                "कोहरे से रेलगाड़ियां देर से चलीं", "जयपुर में पुस्तक मेला शुरू", "टोक्यो में भूकंप के हल्के झटके")) {
            assertTrue(all.contains(title), title + " not in\n" + all);
        }
        assertTrue(Client.text(client.get("/feeds/khel/cricket.atom")).contains("रणजी ट्रॉफ़ी"));
        assertTrue(Client.text(client.get("/feeds/videsh/asia.rss")).contains("टोक्यो में भूकंप"));
        // a path id keeps the directory source's article address, segment by segment
        assertTrue(Client.text(client.get("/articles/cms/2026/12/kohra")).contains("दृश्यता पचास मीटर से कम रही"));
    }

    @Test
    void an_import_beside_a_running_server_reaches_its_feeds() throws Exception {
        Path config = site();
        server = TestSite.serve(config);
        Client client = Client.of(server).withToken(TestSite.TOKEN);
        assertFalse(Client.text(client.get("/feeds/all.rss")).contains("रणजी ट्रॉफ़ी"));
        mixedArchive();
        CheckCommandTest.Run run = run("import", archive().toString(), "--config", config.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        TestSite.waitUntil(Duration.ofSeconds(15), "the server's feeds show the imported articles", () -> client.tryGet("/feeds/all.rss")
                .map(r -> Client.text(r).contains("रणजी ट्रॉफ़ी") && Client.text(r).contains("टोक्यो में भूकंप")).orElse(false));
    }

    @Test
    void progress_shows_on_a_terminal_and_elsewhere_only_the_closing_line() throws Exception {
        Path config = site();
        mixedArchive();
        CheckCommandTest.Run quiet = run("import", archive().toString(), "--config", config.toString());
        assertEquals(1, quiet.err().lines().count(), quiet.err());
        assertLine(quiet.err(), "importing: 4 files in [0-9.]+ s, [0-9]+ articles/s");

        CheckCommandTest.Run terminal = CheckCommandTest.run(true, "import", archive().toString(), "--config",
                config.toString());
        assertTrue(terminal.err().startsWith("\rimporting: "), terminal.err());
        assertTrue(terminal.err().contains("importing: 4 files in "), terminal.err());
    }

    @Test
    void the_store_source_is_the_only_one_or_named_and_anything_else_is_one_line() throws Exception {
        Path config = site();
        mixedArchive();
        assertOneLine(run("import", "--config", config.toString()), 2, "import needs the folder");
        assertOneLine(run("import", archive().toString(), "--config", config.toString(), "--source", "lekh"), 2,
                "'lekh'", "not a store source");
        assertOneLine(run("import", archive().toString(), "--config", config.toString(), "--source", "koi"), 2,
                "'koi'");
        assertOneLine(run("import", dir.resolve("nahin").toString(), "--config", config.toString()), 1,
                dir.resolve("nahin").toString());
        assertEquals(0, run("import", archive().toString(), "--config", config.toString(), "--source", "cms")
                .status());

        Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8)
                .replace("  - name: cms\n    type: store\n", ""), StandardCharsets.UTF_8);
        assertOneLine(run("import", archive().toString(), "--config", config.toString()), 1, "no source of type"
                + " 'store'");
    }

    private static void assertOneLine(CheckCommandTest.Run run, int status, String... names) {
        String what = "stderr:\n" + run.err() + "\nstdout:\n" + run.out();
        assertEquals(status, run.status(), what);
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), what);
        assertTrue(lines.get(0).startsWith("pravah: "), what);
        for (String name : names) {
            assertTrue(lines.get(0).contains(name), "'" + name + "' not named; " + what);
        }
        assertEquals("", run.out(), what);
    }
}
