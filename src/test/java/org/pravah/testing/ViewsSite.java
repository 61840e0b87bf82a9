package org.pravah.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            Path template = Path.of(ViewsSite.class.getResource("/views/feeds-config.yaml.template").toURI());
            String text = Files.readString(template, StandardCharsets.UTF_8).replace("@CATEGORIES@", TestSite.CATEGORIES);
            // beside the articles, which the config names relative to itself; through a rename, so that a test
            // class reading it meanwhile never sees half a file
            Path written = Files.createTempFile(template.getParent(), "feeds-config", ".tmp");
            Files.writeString(written, text, StandardCharsets.UTF_8);
            Path config = Files.move(written, template.resolveSibling("feeds-config.yaml"),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return ConfigLoader.load(config);
        } catch (ConfigException | URISyntaxException | IOException e) {
            throw new IllegalStateException("the views test site's config does not load: " + e.getMessage(), e);
        }
    }

    public RenderedSite rendered() {
        return app.site();
    }

    public String url(String path) {
        return BASE + path;
    }

    /** A client that sends the site's public URLs (and plain paths) to where it listens. */
    public Client client() {
        if (!serving) {
            throw new IllegalStateException("start() the site to make requests");
        }
        return Client.of(app).servingAs(BASE);
    }

    /** GET with request headers given as name, value, name, value… */
    public HttpResponse<byte[]> get(String urlOrPath, String... headers) {
        return client().get(urlOrPath, headers);
    }

    public HttpResponse<byte[]> request(String method, String urlOrPath, String... headers) {
        return client().send(method, urlOrPath, null, headers);
    }

    public static String text(HttpResponse<byte[]> response) {
        return Client.text(response);
    }

    @Override
    public void close() {
        app.close();
    }
}
