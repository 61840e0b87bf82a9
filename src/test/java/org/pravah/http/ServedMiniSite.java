package org.pravah.http;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.testing.Client;
import org.pravah.testing.MiniSite;

/**
 * {@link MiniSite} served once for all tests of a class, on 127.0.0.1 with a base URL that matches its port, so self
 * links equal the URLs requested.
 */
abstract class ServedMiniSite {
    @TempDir
    static Path siteDir;
    static Application app;
    static Client http;
    static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        app = MiniSite.startWithMatchingBaseUrl(siteDir);
        http = Client.of(app);
        baseUrl = http.origin();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }
}
