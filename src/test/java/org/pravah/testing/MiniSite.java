package org.pravah.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pravah.Application;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;

/**
 * The small Hindi site in {@code src/test/resources/site}, copied into a temporary folder (see its README.md): five good
 * articles in {@code desh}, {@code desh/rajya} and {@code videsh}, the other categories of {@link TestSite#CATEGORIES}
 * empty, and two unreadable files.
 */
public final class MiniSite {
    /** The modification time of the good {@code .txt} export, which carries no date: its articles' date. */
    public static final Instant FILE_TIME = Instant.parse("2026-11-17T06:30:00Z");
    /**
     * The other files are a day older: files seen together in one second would each be moved to a second of their
     * own (see {@code FirstSeen}), and the export's date would depend on how many files sort before it.
     */
    private static final String UNDATED_EXPORT = "articles/videsh/samudri-samjhauta.txt";
    /** Every category feed of the site, parents before children. */
    public static final List<String> CATEGORY_PATHS = List.of("desh", "desh/rajya", "videsh", "videsh/asia", "khel",
            "khel/cricket", "takneek");
    public static final String SOURCE = "local";

    /** One good article as its source file writes it. */
    public record Expected(String file, String key, String category, String title, Instant published,
                           String language) {
        /** The title as a feed must carry it: NFC. */
        public String nfcTitle() {
            return Normalizer.normalize(title, Normalizer.Form.NFC);
        }

        /** True if this article belongs in the feed of {@code categoryPath} ({@code all}: every feed). */
        public boolean isIn(String categoryPath) {
            return categoryPath.equals("all") || category.equals(categoryPath) || category.startsWith(categoryPath + "/");
        }

        /** Its RSS guid and Atom id on a site published at {@code baseUrl}. */
        public String id(String baseUrl) {
            return baseUrl + "/articles/" + key;
        }
    }

    private MiniSite() {
    }

    /** Copies the articles into {@code dir} and writes {@code dir/feeds-config.yaml}; returns the config file. */
    public static Path create(Path dir, int port, String baseUrl) throws IOException {
        Path source = resource("/site");
        TestSite.copyTree(source.resolve("articles"), dir.resolve("articles"));
        try (Stream<Path> files = Files.walk(dir.resolve("articles"))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                boolean export = dir.relativize(file).toString().replace('\\', '/').equals(UNDATED_EXPORT);
                Files.setLastModifiedTime(file, FileTime.from(export ? FILE_TIME : FILE_TIME.minus(Duration.ofDays(1))));
            }
        }
        return writeConfig(dir, port, baseUrl);
    }

    /** (Re)writes the config of a site in {@code dir} for another port and base URL. */
    public static Path writeConfig(Path dir, int port, String baseUrl) throws IOException {
        String template = new String(Files.readAllBytes(resource("/site/feeds-config.yaml.template")),
                StandardCharsets.UTF_8);
        Path config = dir.resolve("feeds-config.yaml");
        Files.write(config, template.replace("@PORT@", Integer.toString(port)).replace("@BASE_URL@", baseUrl)
                .replace("@CATEGORIES@", TestSite.CATEGORIES)
                .getBytes(StandardCharsets.UTF_8));
        return config;
    }

    /** The good articles, newest first. */
    public static List<Expected> expected() {
        try (InputStream in = MiniSite.class.getResourceAsStream("/site/expected-articles.json")) {
            JsonNode root = new ObjectMapper().readTree(in.readAllBytes());
            List<Expected> out = new ArrayList<>();
            for (JsonNode n : root) {
                out.add(new Expected(n.get("file").asText(), n.get("key").asText(), n.get("category").asText(),
                        n.get("title").asText(), Instant.parse(n.get("published").asText()), n.get("language").asText()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Expected> expectedIn(String categoryPath) {
        return expected().stream().filter(e -> e.isIn(categoryPath)).toList();
    }

    /**
     * Creates the site in {@code dir} with a base URL that matches the port it is served on, so that self links equal
     * the URLs requested, and starts it on 127.0.0.1. The port is picked free first; if another process takes it
     * before Jetty binds, a fresh one is tried.
     */
    public static Application startWithMatchingBaseUrl(Path dir) throws IOException, ConfigException {
        create(dir, 0, "http://127.0.0.1");
        JavalinBindException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = TestSite.freePort();
            Path config = writeConfig(dir, port, "http://127.0.0.1:" + port);
            Application app = new Application(ConfigLoader.load(config));
            try {
                return app.start("127.0.0.1");
            } catch (JavalinBindException e) {
                app.close();
                last = e;
            }
        }
        throw last;
    }

    private static Path resource(String name) {
        try {
            return Path.of(MiniSite.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
