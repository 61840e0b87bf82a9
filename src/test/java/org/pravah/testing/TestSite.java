package org.pravah.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.pravah.Application;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.testing.TestSite;

/**
 * The test site: one Hindi category tree ({@link #CATEGORIES}) for every config written here, a site in a temporary
 * folder that a test writes articles into and starts on a free loopback port, the store-and-API site
 * ({@link #writeStoreSite}), copies of the complete sample sites in {@code src/test/resources/sites}, and the one wait
 * ({@link #waitUntil}) and {@link #freePort}. Files are written as UTF-8 bytes, never with the platform charset.
 */
public final class TestSite implements AutoCloseable {
    /**
     * The one category tree of the tests: nested categories, aliases in English and Hindi, a description (on
     * {@code desh} only: the others show the default), and a label with markup characters that every output must
     * escape. Every config written here, the mini site's and the views site's use it.
     */
    public static final String CATEGORIES = """
            categories:
              - slug: desh
                label: देश
                description: "देश भर की ख़बरें"
                aliases: [India, भारत]
                children:
                  - slug: rajya
                    label: राज्य
                    aliases: [States]
              - slug: videsh
                label: विदेश
                aliases: [World, दुनिया]
                children:
                  - slug: asia
                    label: एशिया
              - slug: khel
                label: खेल
                aliases: [Sports]
                children:
                  - slug: cricket
                    label: क्रिकेट
                    aliases: [Cricket]
              - slug: takneek
                label: "तकनीक & <विज्ञान>"
            """;
    /** The API token of the store site; its config holds only the SHA-256 (or the environment holds the token). */
    public static final String TOKEN = "pravah-pariksha-kunji-7f3a";

    private final Path root;
    private Application app;

    public TestSite(Path root) {
        this.root = root;
        write("articles/.keep", "");
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve("feeds-config.yaml");
    }

    /** Writes the config with {@code extra} YAML appended (websub, reload, feeds…). */
    public TestSite config(int port, String extra) {
        return config(port, "", extra);
    }

    /** Writes the config with {@code siteKeys} added to its {@code site} mapping, each line indented by two spaces. */
    public TestSite config(int port, String siteKeys, String extra) {
        write("feeds-config.yaml", """
                site:
                  title: "परीक्षण समाचार"
                  baseUrl: "http://127.0.0.1:%d"
                  language: hi
                  timeZone: Asia/Kolkata
                """.formatted(port) + siteKeys + """
                server:
                  port: %d
                """.formatted(port) + CATEGORIES + """
                sources:
                  - name: local
                    type: directory
                    path: articles
                """ + extra);
        return this;
    }

    /** A JSON article in {@code articles/<name>.json}. */
    public TestSite article(String name, String title, String category, String published) {
        write("articles/" + name + ".json", """
                {"title": "%s", "categories": ["%s"], "published": "%s",
                 "summary": "%s का सार", "body": "पहला अनुच्छेद।\\n\\nदूसरा अनुच्छेद।"}
                """.formatted(title, category, published, title));
        return this;
    }

    public TestSite write(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes through a temp file and an atomic rename, as many editors save. */
    public TestSite writeByRename(String relative, String text) {
        try {
            Path target = root.resolve(relative);
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(temp, text.getBytes(StandardCharsets.UTF_8));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TestSite delete(String relative) {
        try {
            Files.delete(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Application start() {
        try {
            app = new Application(ConfigLoader.load(config())).start("127.0.0.1");
            return app;
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Application app() {
        return app;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /**
     * Writes the store-and-API site into {@code dir}: {@code feeds-config.yaml} with a directory source {@code lekh}
     * holding one article and a store source {@code cms}; returns the config file.
     *
     * @param extra further top-level YAML (a {@code store:} or {@code api:} section), or ""
     */
    public static Path writeStoreSite(Path dir, String extra) throws IOException {
        Files.createDirectories(dir.resolve("articles"));
        Files.writeString(dir.resolve("articles/mausam.json"), """
                {"title": "उत्तर भारत में ठंड बढ़ी, कोहरे की चेतावनी", "body": "मौसम विभाग ने अगले तीन दिन घने कोहरे की चेतावनी दी है।",
                 "categories": ["देश"], "published": "2026-11-27T06:00:00+05:30"}
                """, StandardCharsets.UTF_8);
        return writeConfig(dir, "प्रवाह परीक्षण", "http://samachar.example", """
                sources:
                  - name: lekh
                    type: directory
                    path: articles
                  - name: cms
                    type: store
                """ + extra);
    }

    /**
     * Writes {@code dir/feeds-config.yaml}: a Hindi site called {@code title}, published at {@code baseUrl}, served
     * at a free port, reloaded only when told, with {@link #CATEGORIES} and {@code rest} (sources, store, api…);
     * returns the file.
     */
    public static Path writeConfig(Path dir, String title, String baseUrl, String rest) throws IOException {
        Path config = dir.resolve("feeds-config.yaml");
        Files.writeString(config, """
                site:
                  title: "%s"
                  baseUrl: "%s"
                  language: hi
                  timeZone: Asia/Kolkata
                server:
                  port: 0
                reload:
                  watch: false
                  rescanSeconds: 0
                """.formatted(title, baseUrl) + CATEGORIES + rest, StandardCharsets.UTF_8);
        return config;
    }

    /** The {@code api:} section accepting {@link #TOKEN}. */
    public static String apiWithToken() {
        return "api:\n  tokenSha256: " + ConfigLoader.sha256Hex(TOKEN) + "\n";
    }

    /** Starts the application of {@code config} on 127.0.0.1 at the port it names (0: a free one). */
    public static Application serve(Path config) throws ConfigException {
        return serve(config, Map.of());
    }

    public static Application serve(Path config, Map<String, String> env) throws ConfigException {
        return new Application(ConfigLoader.load(config, env)).start("127.0.0.1");
    }

    /** An article of the store's API as JSON, from {@code src/test/resources/fixtures/store}. */
    public static String storeArticle(String name) throws IOException {
        try (InputStream in = resource("/fixtures/store/" + name).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Copies the sample site {@code name} from {@code src/test/resources/sites} (see its README.md) into
     * {@code target}, where a test may change or watch it, and writes its config from its template with
     * {@link #CATEGORIES}; returns the config file.
     */
    public static Path copySample(String name, Path target) throws IOException {
        Path source;
        try {
            source = Path.of(resource("/sites/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        copyTree(source, target);
        Path template = target.resolve("feeds-config.yaml.template");
        Path config = target.resolve("feeds-config.yaml");
        Files.writeString(config, Files.readString(template, StandardCharsets.UTF_8).replace("@CATEGORIES@", CATEGORIES),
                StandardCharsets.UTF_8);
        Files.delete(template);
        return config;
    }

    /** Copies the folder {@code from} with all it holds to {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static URL resource(String path) {
        URL url = TestSite.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("no test resource " + path);
        }
        return url;
    }

    /** A client for the started site. */
    public Client client() {
        return Client.of(app);
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        return client().get(path, headers);
    }

    public String getText(String path) {
        return Client.text(get(path));
    }

    /**
     * Polls {@code condition} every 20 ms until it holds, failing once {@code within} has passed: how a test waits for
     * what another thread or process does, never by sleeping a fixed time.
     */
    public static void waitUntil(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + within.toMillis() + " ms, still not: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** Long made-up Hindi articles: each about 80 KB of UTF-8 in the feed. */
    public static void writeLongArticles(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        String paragraph = "नगर निगम की बैठक में पार्षदों ने पानी की पाइपलाइन, सड़कों की मरम्मत और पार्कों की देखभाल पर"
                + " लंबी बहस की। महापौर ने कहा कि हर वार्ड के लिए अलग बजट तय किया जाएगा।";
        String body = String.join("\\n\\n", Collections.nCopies(140, paragraph));
        for (int i = 1; i <= count; i++) {
            String day = String.format(Locale.ROOT, "%02d", 1 + i % 28);
            Files.writeString(folder.resolve("baithak-" + i + ".json"), """
                    {"id": "baithak-%d", "title": "नगर निगम की बैठक, भाग %d", "summary": "पार्षदों ने बजट पर बहस की।",
                     "body": "%s", "categories": ["desh"], "published": "2026-10-%sT10:00:00+05:30"}
                    """.formatted(i, i, body, day), StandardCharsets.UTF_8);
        }
    }

    /** A free loopback port, for a config that must name its own URL before the server starts. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
