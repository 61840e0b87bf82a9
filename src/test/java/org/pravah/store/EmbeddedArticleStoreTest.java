package org.pravah.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.config.StoreConfig;

/** The store contract on the embedded default: an H2 file under the data folder. */
class EmbeddedArticleStoreTest extends ArticleStoreContract {
    @TempDir
    Path dir;
    private int count;

    @Override
    StoreConfig emptyStore() {
        return StoreConfig.embeddedIn(dir.resolve("data-" + ++count));
    }

    @Test
    void the_embedded_store_is_a_file_in_the_data_folder_and_its_process_always_holds_the_cluster_lock()
            throws Exception {
        ArticleStore store = open(StoreConfig.embeddedIn(dir.resolve("data")));
        assertTrue(Files.isRegularFile(dir.resolve("data").resolve("pravah.mv.db")));
        try (ClusterLock lock = store.clusterLock("upstream:agency")) {
            assertTrue(lock.held());
        }
    }
}
