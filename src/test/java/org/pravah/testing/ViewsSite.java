package org.pravah.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.pravah.Application;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.pravah.render.RenderedSite;

/**
 * The small Hindi site in {@code src/test/resources/views}, published at {@link #BASE} and, when started, served on a
 * free loopback port. Requests name public URLs; they are sent to the local port, so links found in responses can be
 * followed as they are.
 */
public final class ViewsSite implements AutoCloseable {
    public static final String BASE = "https://pravah.example";

    private final Application app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean serving;

    private ViewsSite(Application app) {
        this.app = app;
    }

    /** The site read and rendered, without HTTP. */
    public static ViewsSite load() {
        ViewsSite site = new ViewsSite(new Application(config()));
        site.app.refresh();
        return site;
    }

    /** The site served on 127.0.0.1 at a free port. */
    public static ViewsSite start() {
        ViewsSite site = new ViewsSite(new Application(config()));
        site.app.start("127.0.0.1");
        site.serving = true;
        return site;
    }

    public static PravahConfig config() {
        try {
            return ConfigLoader.load(Path.of(ViewsSite.class.getResource("/views/feeds-config.yaml").toURI()));
        } catch (ConfigException | URISyntaxException e) {
            throw new IllegalStateException("the views test site's config does not load: " + e.getMessage(), e);
        }
    }

    public RenderedSite rendered() {
        return app.site();
    }

    public String url(String path) {
        return BASE + path;
    }

    /** Where the server really listens, for a public URL or a path. */
    public URI local(String urlOrPath) {
        String path = urlOrPath.startsWith(BASE) ? urlOrPath.substring(BASE.length()) : urlOrPath;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not a URL of this site: " + urlOrPath);
        }
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /** GET with request headers given as name, value, name, value… */
    public HttpResponse<byte[]> get(String urlOrPath, String... headers) {
        return request("GET", urlOrPath, headers);
    }

    public HttpResponse<byte[]> request(String method, String urlOrPath, String... headers) {
        if (!serving) {
            throw new IllegalStateException("start() the site to make requests");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(local(urlOrPath)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
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

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        app.close();
    }
}
