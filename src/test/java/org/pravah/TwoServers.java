package org.pravah;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.store.TestPostgres;
import org.pravah.testing.TestSite;

/** Two applications on one config, as two processes behind a load balancer that share one store; closed after each test. */
abstract class TwoServers {
    @TempDir
    Path dir;
    Path config;
    Application one;
    Application two;

    /** The store site of {@link TestSite#writeStoreSite} with its API, its store a fresh PostgreSQL database polled rarely: changes travel by NOTIFY. */
    Path storeSiteOnFreshPostgres() throws IOException {
        return TestSite.writeStoreSite(dir, TestSite.apiWithToken()
                + "store:\n  url: " + TestPostgres.freshDatabaseUrl() + "\n  user: postgres\n  pollSeconds: 600\n");
    }

    void startBoth(Path config) throws Exception {
        this.config = config;
        one = TestSite.serve(config);
        two = TestSite.serve(config);
    }

    @AfterEach
    void stopBoth() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }
}
