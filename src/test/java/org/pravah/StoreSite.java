package org.pravah;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.pravah.config.ConfigLoader;

/**
 * A small site with a directory source and a store source, written to a folder for tests of the store and the
 * publish API, and a client for its HTTP interface.
 */
public final class StoreSite {
    /** The API token the tests use; the config holds only its SHA-256 (or the environment holds it). */
    public static final String TOKEN = "pravah-pariksha-kunji-7f3a";

    private StoreSite() {
    }

    /**
     * Writes {@code feeds-config.yaml} and an {@code articles/} folder with one article into {@code dir}.
     *
     * @param extra further top-level YAML (a {@code store:} or {@code api:} section), or ""
     */
    public static Path write(Path dir, String extra) throws IOException {
        Files.createDirectories(dir.resolve("articles"));
        Files.writeString(dir.resolve("articles/mausam.json"), """
                {"title": "उत्तर भारत में ठंड बढ़ी, कोहरे की चेतावनी", "body": "मौसम विभाग ने अगले तीन दिन घने कोहरे की चेतावनी दी है।",
                 "categories": ["देश"], "published": "2026-11-27T06:00:00+05:30"}
                """, StandardCharsets.UTF_8);
        Path config = dir.resolve("feeds-config.yaml");
        Files.writeString(config, """
                site:
                  title: "प्रवाह परीक्षण"
                  baseUrl: "http://samachar.example"
                  language: hi
                  timeZone: Asia/Kolkata
                server:
                  port: 0
                reload:
                  watch: false
                  rescanSeconds: 0
                categories:
                  - slug: desh
                    label: देश
                    children:
                      - slug: rajya
                        label: राज्य
                  - slug: videsh
                    label: विदेश
                    children:
                      - slug: asia
                        label: एशिया
                  - slug: khel
                    label: खेल
                    children:
                      - slug: cricket
                        label: क्रिकेट
                        aliases: [Cricket]
                sources:
                  - name: lekh
                    type: directory
                    path: articles
                  - name: cms
                    type: store
                """ + extra, StandardCharsets.UTF_8);
        return config;
    }

    /** The {@code api:} section accepting {@link #TOKEN}. */
    public static String apiWithToken() {
        return "api:\n  tokenSha256: " + ConfigLoader.sha256Hex(TOKEN) + "\n";
    }

    public static Application start(Path config) throws Exception {
        return start(config, Map.of());
    }

    public static Application start(Path config, Map<String, String> env) throws Exception {
        return new Application(ConfigLoader.load(config, env)).start("127.0.0.1");
    }

    public static String fixture(String name) throws IOException {
        try (InputStream in = StoreSite.class.getResourceAsStream("/fixtures/store/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Talks HTTP to one running application. */
    public record Client(HttpClient http, String base, Optional<String> token) {
        public static Client of(Application app) {
            return new Client(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                    "http://127.0.0.1:" + app.port(), Optional.of(TOKEN));
        }

        public Client withToken(Optional<String> other) {
            return new Client(http, base, other);
        }

        /** @param headers name, value, name, value, … */
        public HttpResponse<String> send(String method, String path, byte[] body, String... headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        public HttpResponse<String> json(String method, String path, String body, String... headers)
                throws IOException, InterruptedException {
            String[] all = new String[headers.length + 2];
            all[0] = "Content-Type";
            all[1] = "application/json";
            System.arraycopy(headers, 0, all, 2, headers.length);
            return send(method, path, body.getBytes(StandardCharsets.UTF_8), all);
        }

        public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
            return send("GET", path, null, headers);
        }

        /** A GET that never fails the caller: for polling with a deadline. */
        public Optional<HttpResponse<String>> tryGet(String path) {
            try {
                return Optional.of(get(path));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
