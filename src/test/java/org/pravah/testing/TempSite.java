package org.pravah.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.pravah.Application;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;

/**
 * A small Hindi site in a temporary folder, started on a free loopback port: a config with two categories and an
 * articles folder the test writes into. Files are written as UTF-8 bytes, never with the platform charset.
 */
public final class TempSite implements AutoCloseable {
    public static final String CATEGORIES = """
            categories:
              - slug: desh
                label: देश
                aliases: [India]
              - slug: khel
                label: खेल
                aliases: [Sports]
                children:
                  - slug: cricket
                    label: क्रिकेट
            """;

    private final Path root;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Application app;

    public TempSite(Path root) {
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
    public TempSite config(int port, String extra) {
        return config(port, "", extra);
    }

    /** Writes the config with {@code siteKeys} added to its {@code site} mapping, each line indented by two spaces. */
    public TempSite config(int port, String siteKeys, String extra) {
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
    public TempSite article(String name, String title, String category, String published) {
        write("articles/" + name + ".json", """
                {"title": "%s", "categories": ["%s"], "published": "%s",
                 "summary": "%s का सार", "body": "पहला अनुच्छेद।\\n\\nदूसरा अनुच्छेद।"}
                """.formatted(title, category, published, title));
        return this;
    }

    public TempSite write(String relative, String text) {
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
    public TempSite writeByRename(String relative, String text) {
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

    public TempSite delete(String relative) {
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

    public HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String getText(String path) {
        return new String(get(path).body(), StandardCharsets.UTF_8);
    }

    /** Polls until {@code condition} holds, failing after {@code timeout}; no fixed sleeps. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** A free loopback port for a config that must name its own URL. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
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
