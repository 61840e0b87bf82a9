package org.pravah.testing;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.pravah.Application;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.pravah.render.RenderedSite;

/**
 * The small Hindi site in {@code src/test/resources/sites/views}, copied into a temporary folder, published at
 * {@link #BASE} and, when started, served on a free loopback port. Requests name public URLs; they are sent to the local port, so links found in responses can be
 * followed as they are.
 */
public final class ViewsSite implements AutoCloseable {
    public static final String BASE = "https://pravah.example";

    private final Path dir;
    private final Application app;
    private boolean serving;

    private ViewsSite() {
        try {
            dir = Files.createTempDirectory("pravah-views-");
            app = new Application(ConfigLoader.load(TestSite.copySample("views", dir)));
        } catch (ConfigException | IOException e) {
            throw new IllegalStateException("the views test site does not load: " + e.getMessage(), e);
        }
    }

    /** The site read and rendered, without HTTP. */
    public static ViewsSite load() {
        ViewsSite site = new ViewsSite();
        site.app.refresh();
        return site;
    }

    /** The site served on 127.0.0.1 at a free port. */
    public static ViewsSite start() {
        ViewsSite site = new ViewsSite();
        site.app.start("127.0.0.1");
        site.serving = true;
        return site;
    }

    public PravahConfig config() {
        return app.config();
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

    @Override
    public void close() {
        app.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // a folder left in the temporary directory harms no test; the views it served were checked already
        }
    }
}
