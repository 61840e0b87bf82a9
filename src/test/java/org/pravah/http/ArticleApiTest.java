package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** The publish API on the embedded store, through the real server on a free port. */
class ArticleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Application> running = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        running.forEach(Application::close);
    }

    private Client start(String extra) throws Exception {
        return start(extra, Map.of());
    }

    private Client start(String extra, Map<String, String> env) throws Exception {
        Application app = TestSite.serve(TestSite.writeStoreSite(dir, extra), env);
        running.add(app);
        return Client.of(app).withToken(TestSite.TOKEN);
    }

    private static JsonNode body(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(Client.text(response));
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), Client.text(response));
        assertEquals("application/problem+json; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = body(response);
        assertEquals("tag:pravah,2026:problem/" + type, problem.path("type").asText(), Client.text(response));
        assertEquals(status, problem.path("status").asInt());
        assertFalse(problem.path("title").asText().isEmpty());
        assertFalse(problem.path("detail").asText().isEmpty());
    }

    private static void awaitFeed(Client client, String feed, String what, boolean present) {
        TestSite.waitUntil(Duration.ofSeconds(15), feed + (present ? " shows " : " no longer shows ") + what, () -> client.tryGet(feed)
                .map(r -> r.statusCode() == 200 && Client.text(r).contains(what) == present).orElse(false));
    }

    @Test
    void an_article_written_through_the_api_is_served_replaced_and_deleted() throws Exception {
        Client api = start(TestSite.apiWithToken());
        String title = "बिहार में दूसरे चरण का मतदान शुरू, सुबह से लंबी कतारें";

        HttpResponse<byte[]> created = api.json("PUT", "/api/articles/bihar-matdan-doosra-charan",
                TestSite.storeArticle("chunav.json"));
        assertEquals(201, created.statusCode(), Client.text(created));
        assertEquals("\"1\"", created.headers().firstValue("ETag").orElseThrow());
        assertEquals("/api/articles/bihar-matdan-doosra-charan", created.headers().firstValue("Location").orElseThrow());
        assertEquals(title, body(created).path("title").asText());
        awaitFeed(api, "/feeds/desh/rajya.atom", title, true);
        awaitFeed(api, "/articles/cms/bihar-matdan-doosra-charan", "पहले दो घंटों", true);

        HttpResponse<byte[]> read = api.get("/api/articles/bihar-matdan-doosra-charan");
        assertEquals(200, read.statusCode());
        assertEquals("application/json;charset=utf-8", read.headers().firstValue("Content-Type").orElse("")
                .replace(" ", ""));
        assertEquals(JSON.readTree(TestSite.storeArticle("chunav.json")), body(read));
        assertEquals(304, api.get("/api/articles/bihar-matdan-doosra-charan", "If-None-Match", "\"1\"").statusCode());

        ObjectNode changed = (ObjectNode) JSON.readTree(TestSite.storeArticle("chunav.json"));
        changed.put("title", "बिहार में दूसरे चरण में दोपहर तक चालीस प्रतिशत मतदान");
        HttpResponse<byte[]> replaced = api.json("POST", "/api/articles", changed.toString());
        assertEquals(200, replaced.statusCode(), Client.text(replaced));
        assertEquals("\"2\"", replaced.headers().firstValue("ETag").orElseThrow());
        awaitFeed(api, "/feeds/all.rss", "दोपहर तक चालीस प्रतिशत", true);
        awaitFeed(api, "/feeds/all.rss", title, false);

        assertEquals(204, api.send("DELETE", "/api/articles/bihar-matdan-doosra-charan", null).statusCode());
        awaitFeed(api, "/feeds/all.atom", "दोपहर तक चालीस प्रतिशत", false);
        assertEquals(404, api.get("/articles/cms/bihar-matdan-doosra-charan").statusCode());
        HttpResponse<byte[]> gone = api.get("/api/articles/bihar-matdan-doosra-charan");
        assertProblem(gone, 410, "gone");
        assertEquals(3, body(gone).path("revision").asInt());
        assertProblem(api.send("DELETE", "/api/articles/bihar-matdan-doosra-charan", null), 410, "gone");
        assertProblem(api.get("/api/articles/kabhi-nahin-likha"), 404, "not-found");
        // the file article next to it was never touched
        awaitFeed(api, "/feeds/desh.atom", "कोहरे की चेतावनी", true);
    }

    @Test
    void a_burst_of_writes_is_all_served_newest_first() throws Exception {
        Client api = start(TestSite.apiWithToken());
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 10; i < 40; i++) {
            String article = "{\"title\": \"झोंके में लिखी ख़बर " + i + "\", \"categories\": [\"देश\"],"
                    + " \"published\": \"2030-01-01T10:" + i + ":00+05:30\"}";
            int n = i;
            answers.add(CompletableFuture.supplyAsync(() -> api.json("PUT", "/api/articles/jhonka-" + n, article)));
        }
        for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
            assertEquals(201, answer.get(30, TimeUnit.SECONDS).statusCode());
        }
        awaitFeed(api, "/feeds/all.rss", "झोंके में लिखी ख़बर 10<", true);
        String feed = Client.text(api.get("/feeds/all.rss"));
        int at = Integer.MAX_VALUE;
        for (int i = 10; i < 40; i++) {
            int here = feed.indexOf("झोंके में लिखी ख़बर " + i + "<");
            assertTrue(here >= 0 && here < at, "write " + i + " served, above the one written before it");
            at = here;
        }
    }

    @Test
    void a_write_gives_the_feeds_a_new_etag_promptly() throws Exception {
        Client api = start(TestSite.apiWithToken());
        String before = api.get("/feeds/videsh/asia.atom").headers().firstValue("ETag").orElseThrow();
        assertEquals(201, api.json("POST", "/api/articles", TestSite.storeArticle("tokyo.json")).statusCode());
        TestSite.waitUntil(Duration.ofSeconds(15), "the Asia feed has a new ETag", () -> api.tryGet("/feeds/videsh/asia.atom")
                .flatMap(r -> r.headers().firstValue("ETag")).filter(etag -> !etag.equals(before)).isPresent());
        String after = api.get("/feeds/videsh/asia.atom").headers().firstValue("ETag").orElseThrow();
        assertEquals(200, api.get("/feeds/videsh/asia.atom", "If-None-Match", before).statusCode(),
                "a reader holding the old ETag gets the new feed");
        assertEquals(304, api.get("/feeds/videsh/asia.atom", "If-None-Match", after).statusCode());
        assertNotEquals(before, after);
    }

    @Test
    void without_a_configured_token_the_api_is_off_not_open() throws Exception {
        Client api = start("");
        HttpResponse<byte[]> response = api.json("POST", "/api/articles", TestSite.storeArticle("tokyo.json"));
        assertProblem(response, 404, "api-off");
        assertTrue(body(response).path("detail").asText().contains("PRAVAH_API_TOKEN"));
        assertProblem(api.withToken(Optional.empty()).get("/api/articles"), 404, "api-off");
        awaitFeed(api, "/feeds/all.atom", "टोक्यो", false);
    }

    @Test
    void a_missing_or_wrong_token_is_refused_with_401_and_a_problem_body() throws Exception {
        Client api = start(TestSite.apiWithToken());
        HttpResponse<byte[]> none = api.withToken(Optional.empty()).json("POST", "/api/articles",
                TestSite.storeArticle("tokyo.json"));
        assertProblem(none, 401, "unauthorized");
        assertEquals("Bearer realm=\"pravah\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());

        HttpResponse<byte[]> wrong = api.withToken(Optional.of(TestSite.TOKEN + "x")).get("/api/articles");
        assertProblem(wrong, 401, "invalid-token");
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));

        HttpResponse<byte[]> basic = api.withToken(Optional.empty()).get("/api/articles",
                "Authorization", "Basic dXNlcjpwYXNz");
        assertProblem(basic, 401, "unauthorized");
        assertEquals(200, api.get("/api/articles").statusCode());
    }

    @Test
    void the_token_may_come_from_the_environment() throws Exception {
        Client api = start("", Map.of("PRAVAH_API_TOKEN", "paryavaran-se-kunji"));
        assertEquals(200, api.withToken(Optional.of("paryavaran-se-kunji")).get("/api/articles").statusCode());
        assertProblem(api.get("/api/articles"), 401, "invalid-token");
    }

    @Test
    void validation_errors_list_every_bad_field_with_its_pointer() throws Exception {
        Client api = start(TestSite.apiWithToken());
        HttpResponse<byte[]> response = api.json("PUT", "/api/articles/galat", """
                {"title": "  ", "published": "कल सुबह", "url": "samachar.example/x", "categories": ["देश", {"slug": "x"}],
                 "image": {"url": "javascript:alert(1)"}, "lekhak": "अज्ञात"}
                """);
        assertProblem(response, 400, "invalid-article");
        List<String> pointers = new ArrayList<>();
        body(response).path("errors").forEach(e -> {
            pointers.add(e.path("pointer").asText());
            assertFalse(e.path("detail").asText().isEmpty());
        });
        assertEquals(List.of("#/categories/1", "#/image/url", "#/lekhak", "#/published", "#/title", "#/url"),
                pointers.stream().sorted().toList());
        assertProblem(api.get("/api/articles/galat"), 404, "not-found");
    }

    @Test
    void the_body_must_be_json_in_utf8_within_the_size_limit() throws Exception {
        Client api = start(TestSite.apiWithToken() + "  maxBodyBytes: 2048\n");
        byte[] tokyo = TestSite.storeArticle("tokyo.json").getBytes(StandardCharsets.UTF_8);
        assertProblem(api.send("POST", "/api/articles", tokyo, "Content-Type", "text/plain"), 415,
                "unsupported-media-type");
        assertProblem(api.send("POST", "/api/articles", tokyo), 415, "unsupported-media-type");
        assertProblem(api.send("POST", "/api/articles", tokyo, "Content-Type", "application/json; charset=iso-8859-1"),
                415, "unsupported-media-type");
        assertEquals(201, api.send("POST", "/api/articles", tokyo, "Content-Type", "application/json; charset=UTF-8")
                .statusCode());

        byte[] latin1 = "{\"id\": \"x\", \"title\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> notUtf8 = api.send("POST", "/api/articles", latin1, "Content-Type", "application/json");
        assertProblem(notUtf8, 400, "invalid-body");
        assertTrue(body(notUtf8).path("detail").asText().contains("byte offset 25"), Client.text(notUtf8));

        HttpResponse<byte[]> broken = api.json("POST", "/api/articles", "{\"id\": \"x\",\n \"title\": }");
        assertProblem(broken, 400, "invalid-body");
        assertTrue(body(broken).path("detail").asText().contains("line 2"), Client.text(broken));

        String large = "{\"id\": \"lamba\", \"title\": \"लंबा\", \"body\": \"" + "शब्द ".repeat(400) + "\"}";
        HttpResponse<byte[]> tooLarge = api.json("POST", "/api/articles", large);
        assertProblem(tooLarge, 413, "body-too-large");
        assertProblem(api.get("/api/articles/lamba"), 404, "not-found");
    }

    @Test
    void a_body_refused_unread_closes_the_connection_and_says_so() throws Exception {
        Application app = TestSite.serve(
                TestSite.writeStoreSite(dir, TestSite.apiWithToken() + "  maxBodyBytes: 2048\n"));
        running.add(app);
        byte[] large = ("{\"id\": \"lamba\", \"body\": \"" + "शब्द ".repeat(4000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (String contentType : List.of("text/plain", "application/json")) {
            try (Socket socket = new Socket("127.0.0.1", app.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                // the whole body is sent before the answer is read, as a client does: the refusal leaves it unread
                out.write(("POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + TestSite.TOKEN + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                        + large.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(large);
                out.flush();
                String refusal = readHead(socket.getInputStream());
                assertTrue(refusal.startsWith("HTTP/1.1 41"), refusal);
                // the body it did not read must not be taken for the next request, nor the connection dropped
                // silently under a client that sends one: it says it closes it
                assertTrue(refusal.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), refusal);
            }
        }
    }

    /** The status line and headers of one response. */
    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void bytes_after_the_json_body_are_a_400_saying_where_they_start() throws Exception {
        Client api = start(TestSite.apiWithToken());
        String article = "{\"id\": \"adhuri\", \"title\": \"अधूरी ख़बर\"}";
        for (String trailing : List.of(" garbage", "\n{\"id\": \"doosri\"}", " ]", " 7")) {
            HttpResponse<byte[]> response = api.json("POST", "/api/articles", article + trailing);
            assertProblem(response, 400, "invalid-body");
            String detail = body(response).path("detail").asText();
            assertTrue(detail.contains("follows the JSON value (from line 1, column 40)"), detail);
        }
        assertProblem(api.get("/api/articles/adhuri"), 404, "not-found");
        assertEquals(201, api.json("POST", "/api/articles", article + "\r\n\t \n").statusCode(),
                "white space after the object is no content");
    }

    @Test
    void fields_over_their_limits_are_a_400_naming_each_field_and_its_limit() throws Exception {
        // a request limit far above the article's own, so that only the field limits can refuse
        Client api = start(TestSite.apiWithToken() + "  maxBodyBytes: 8388608\n");
        ObjectNode over = JSON.createObjectNode()
                .put("id", "seema-paar")
                .put("title", "क".repeat(501))
                .put("summary", "स".repeat(5001))
                .put("contentHtml", "<p>" + "श".repeat(350_000) + "</p>")
                .put("author", "ल".repeat(201))
                .put("url", "https://samachar.example/" + "a".repeat(1976));
        ObjectNode image = over.putObject("image")
                .put("url", "https://samachar.example/chitra/" + "b".repeat(1969) + ".jpg")
                .put("caption", "च".repeat(501))
                .put("credit", "प".repeat(201));
        for (int i = 0; i < 51; i++) {
            over.withArray("tags").add(i == 3 ? "ट".repeat(101) : "टैग-" + i);
        }
        for (int i = 0; i < 21; i++) {
            over.withArray("categories").add(i == 2 ? "व".repeat(201) : "देश");
        }
        HttpResponse<byte[]> response = api.json("PUT", "/api/articles/seema-paar", over.toString());
        assertProblem(response, 400, "invalid-article");
        Map<String, String> limits = Map.ofEntries(Map.entry("#/title", "500"), Map.entry("#/summary", "5000"),
                Map.entry("#/contentHtml", "1048576"), Map.entry("#/author", "200"), Map.entry("#/url", "2000"),
                Map.entry("#/image/url", "2000"), Map.entry("#/image/caption", "500"),
                Map.entry("#/image/credit", "200"), Map.entry("#/tags", "50"), Map.entry("#/tags/3", "100"),
                Map.entry("#/categories", "20"), Map.entry("#/categories/2", "200"));
        Map<String, String> details = new TreeMap<>();
        body(response).path("errors").forEach(e -> details.put(e.path("pointer").asText(), e.path("detail").asText()));
        assertEquals(new TreeSet<>(limits.keySet()), details.keySet(), details.toString());
        limits.forEach((pointer, limit) -> assertTrue(details.get(pointer).contains("more than the " + limit
                + " allowed"), pointer + ": " + details.get(pointer)));
        assertProblem(api.get("/api/articles/seema-paar"), 404, "not-found");

        // the write the adversarial run made: a 900 KB title and 100 000 tags
        ObjectNode bloated = JSON.createObjectNode().put("id", "bhari").put("title", "क".repeat(900_000));
        for (int i = 0; i < 100_000; i++) {
            bloated.withArray("tags").add("t" + i);
        }
        assertProblem(api.json("POST", "/api/articles", bloated.toString()), 400, "invalid-article");
        assertProblem(api.get("/api/articles/bhari"), 404, "not-found");

        ObjectNode atLimits = JSON.createObjectNode()
                .put("id", "seema-par")
                .put("title", "क".repeat(500))
                .put("summary", "स".repeat(5000))
                .put("author", "ल".repeat(200))
                .put("url", "https://samachar.example/" + "a".repeat(1975));
        for (int i = 0; i < 50; i++) {
            atLimits.withArray("tags").add("ट".repeat(98) + String.format("%02d", i));
        }
        HttpResponse<byte[]> accepted = api.json("PUT", "/api/articles/seema-par", atLimits.toString());
        assertEquals(201, accepted.statusCode(), Client.text(accepted));
    }

    @Test
    void a_write_based_on_an_old_revision_is_refused_with_412() throws Exception {
        Client api = start(TestSite.apiWithToken());
        String doc = TestSite.storeArticle("tokyo.json");
        assertEquals(201, api.json("PUT", "/api/articles/tokyo-bhukamp", doc, "If-None-Match", "*").statusCode());
        assertProblem(api.json("PUT", "/api/articles/tokyo-bhukamp", doc, "If-None-Match", "*"), 412,
                "precondition-failed");
        assertEquals(200, api.json("PUT", "/api/articles/tokyo-bhukamp", doc, "If-Match", "\"1\"").statusCode());

        HttpResponse<byte[]> stale = api.json("PUT", "/api/articles/tokyo-bhukamp", doc, "If-Match", "\"1\"");
        assertProblem(stale, 412, "precondition-failed");
        assertEquals(2, body(stale).path("currentRevision").asInt());
        assertEquals("\"2\"", stale.headers().firstValue("ETag").orElseThrow());
        assertProblem(api.send("DELETE", "/api/articles/tokyo-bhukamp", null, "If-Match", "\"1\""), 412,
                "precondition-failed");
        assertEquals(204, api.send("DELETE", "/api/articles/tokyo-bhukamp", null, "If-Match", "\"2\"").statusCode());
    }

    /**
     * An archive imported from YEAR/MONTH folders keeps its files' paths as ids (as a directory source names them),
     * so the API addresses such an article at the same path below /api/articles/.
     */
    @Test
    void an_id_of_path_segments_is_written_read_and_deleted_at_its_path() throws Exception {
        Client api = start(TestSite.apiWithToken());
        String body = "{\"title\": \"पुरानी फ़ाइल से आई ख़बर\", \"categories\": [\"देश\"],"
                + " \"published\": \"2024-01-05T09:00:00+05:30\"}";
        HttpResponse<byte[]> created = api.json("PUT", "/api/articles/2024/01/kohra", body);
        assertEquals(201, created.statusCode(), Client.text(created));
        assertEquals("/api/articles/2024/01/kohra", created.headers().firstValue("Location").orElseThrow());
        assertEquals("2024/01/kohra", body(created).path("id").asText());
        awaitFeed(api, "/articles/cms/2024/01/kohra", "पुरानी फ़ाइल से आई ख़बर", true);
        assertEquals(200, api.get("/api/articles/2024/01/kohra").statusCode());

        for (String bad : List.of("2024//kohra", "2024/../kohra", "2024/.chhupa", "2024/-/kohra")) {
            assertProblem(api.json("PUT", "/api/articles/" + bad, body), 400, "invalid-id");
        }
        assertEquals(204, api.send("DELETE", "/api/articles/2024/01/kohra", null).statusCode());
        assertProblem(api.get("/api/articles/2024/01/kohra"), 410, "gone");
    }

    @Test
    void the_list_filters_by_category_and_limit_newest_first() throws Exception {
        Client api = start(TestSite.apiWithToken());
        for (String name : List.of("chunav.json", "cricket.json", "tokyo.json")) {
            assertEquals(201, api.json("POST", "/api/articles", TestSite.storeArticle(name)).statusCode());
        }
        assertEquals(List.of("ranji-mumbai-jeet", "tokyo-bhukamp", "bihar-matdan-doosra-charan"),
                ids(api.get("/api/articles")));
        assertEquals(List.of("ranji-mumbai-jeet", "tokyo-bhukamp"), ids(api.get("/api/articles?limit=2")));
        assertEquals(List.of("tokyo-bhukamp"), ids(api.get("/api/articles?category=videsh")));
        assertEquals(List.of("ranji-mumbai-jeet"), ids(api.get("/api/articles?category=%E0%A4%96%E0%A5%87%E0%A4%B2")));
        assertEquals(List.of("bihar-matdan-doosra-charan"), ids(api.get("/api/articles?category=desh/rajya")));
        JsonNode item = body(api.get("/api/articles?category=asia")).path("articles").get(0);
        assertEquals(1, item.path("revision").asInt());
        assertTrue(item.path("created").asText().endsWith("+05:30"), item.toString());
        assertEquals("टोक्यो में भूकंप के हल्के झटके, कोई नुक़सान नहीं", item.path("article").path("title").asText());

        assertProblem(api.get("/api/articles?category=antariksh"), 400, "invalid-parameter");
        assertProblem(api.get("/api/articles?limit=0"), 400, "invalid-parameter");
        assertProblem(api.get("/api/articles?limit=many"), 400, "invalid-parameter");
    }

    private static List<String> ids(HttpResponse<byte[]> response) throws Exception {
        assertEquals(200, response.statusCode(), Client.text(response));
        List<String> ids = new ArrayList<>();
        body(response).path("articles").forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    @Test
    void a_restart_keeps_every_article_and_its_revision() throws Exception {
        Path config = TestSite.writeStoreSite(dir, TestSite.apiWithToken());
        Application first = TestSite.serve(config);
        Client api = Client.of(first).withToken(TestSite.TOKEN);
        assertEquals(201, api.json("POST", "/api/articles", TestSite.storeArticle("cricket.json")).statusCode());
        assertEquals(201, api.json("POST", "/api/articles", TestSite.storeArticle("tokyo.json")).statusCode());
        assertEquals(204, api.send("DELETE", "/api/articles/tokyo-bhukamp", null).statusCode());
        awaitFeed(api, "/feeds/khel/cricket.atom", "रणजी ट्रॉफ़ी", true);
        String etag = api.get("/feeds/all.atom").headers().firstValue("ETag").orElseThrow();
        first.close();

        Application second = TestSite.serve(config);
        running.add(second);
        Client again = Client.of(second).withToken(TestSite.TOKEN);
        awaitFeed(again, "/feeds/khel/cricket.atom", "रणजी ट्रॉफ़ी", true);
        assertEquals(etag, again.get("/feeds/all.atom").headers().firstValue("ETag").orElseThrow(),
                "the same articles give the same feed bytes after a restart");
        assertProblem(again.get("/api/articles/tokyo-bhukamp"), 410, "gone");
        HttpResponse<byte[]> rewritten = again.json("PUT", "/api/articles/ranji-mumbai-jeet",
                TestSite.storeArticle("cricket.json"));
        assertEquals("\"2\"", rewritten.headers().firstValue("ETag").orElseThrow());
    }
}
