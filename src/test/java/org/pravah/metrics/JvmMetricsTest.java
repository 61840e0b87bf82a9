package org.pravah.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The JVM's own meters, which the server asks for at start-up and which are bound only when first scraped. */
class JvmMetricsTest {
    private static final List<String> JVM_SERIES = List.of("jvm_memory_used_bytes", "jvm_threads_live_threads",
            "jvm_classes_loaded_classes", "process_uptime_seconds", "system_cpu_count");

    @Test
    void the_first_scrape_after_asking_for_jvm_metrics_shows_them() {
        String scrape = new PravahMetrics().withJvmMetrics().scrape();

        for (String series : JVM_SERIES) {
            assertTrue(scrape.lines().anyMatch(l -> l.startsWith(series)), "no " + series + " in:\n" + scrape);
        }
    }

    @Test
    void without_asking_there_are_no_jvm_metrics() {
        String scrape = new PravahMetrics().scrape();

        assertFalse(scrape.contains("jvm_"), scrape);
        assertTrue(scrape.contains("pravah_catalog_articles"), scrape);
    }

    @Test
    void scrapes_racing_to_be_first_each_show_every_jvm_series() throws Exception {
        PravahMetrics metrics = new PravahMetrics().withJvmMetrics();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> scrapes = pool.invokeAll(List.of(metrics::scrape, metrics::scrape, metrics::scrape,
                    metrics::scrape));
            for (Future<String> scrape : scrapes) {
                String text = scrape.get();
                for (String series : JVM_SERIES) {
                    assertTrue(text.lines().anyMatch(l -> l.startsWith(series)), "no " + series + " in:\n" + text);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
