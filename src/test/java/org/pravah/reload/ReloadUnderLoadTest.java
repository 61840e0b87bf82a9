package org.pravah.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;

/** Readers polling while articles change never get an error, a partial feed, or headers from another snapshot. */
class ReloadUnderLoadTest {
    @TempDir
    Path dir;

    @Test
    void polling_during_reloads_sees_only_complete_feeds_whose_etag_matches_their_bytes() throws Exception {
        try (TestSite site = new TestSite(dir).config(0, "reload: {watch: true, rescanSeconds: 0}\n")) {
            for (int i = 0; i < 30; i++) {
                site.article("a" + i, "ख़बर संख्या " + i, i % 2 == 0 ? "desh" : "khel",
                        "2026-11-%02dT10:00:00+05:30".formatted(1 + i % 28));
            }
            site.start();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> pollers = List.of("/feeds/all.rss", "/feeds/all.atom", "/feeds/desh.rss", "/feeds/khel.atom")
                    .stream().map(path -> new Thread(() -> {
                        while (writing.get() && failures.isEmpty()) {
                            check(site.get(path), path, failures);
                            requests.incrementAndGet();
                        }
                    })).toList();
            pollers.forEach(Thread::start);
            for (int round = 0; round < 15; round++) {
                site.article("a" + round, "बदली हुई ख़बर " + round, round % 2 == 0 ? "khel" : "desh",
                        "2026-11-29T%02d:00:00+05:30".formatted(round));
                int seen = requests.get();
                TestSite.waitUntil(Duration.ofSeconds(10), "polls after round " + round,
                        () -> requests.get() > seen + 8 || !failures.isEmpty());
            }
            writing.set(false);
            for (Thread t : pollers) {
                t.join(10_000);
            }
            assertEquals(List.of(), List.copyOf(failures));
            assertTrue(requests.get() > 100, "enough polls overlapped the reloads: " + requests.get());
        }
    }

    private static void check(HttpResponse<byte[]> response, String path, ConcurrentLinkedQueue<String> failures) {
        try {
            if (response.statusCode() != 200) {
                failures.add(path + ": HTTP " + response.statusCode());
                return;
            }
            // the tag worked out here from the body, as the server documents it: length, CRC-32C and CRC-32
            byte[] body = response.body();
            CRC32C castagnoli = new CRC32C();
            castagnoli.update(body);
            CRC32 ieee = new CRC32();
            ieee.update(body);
            String expected = Integer.toString(body.length, 36) + "-" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(8).putInt((int) castagnoli.getValue())
                            .putInt((int) ieee.getValue()).array());
            String etag = response.headers().firstValue("ETag").orElse("");
            if (!etag.equals("\"" + expected + "\"")) {
                failures.add(path + ": ETag " + etag + " does not belong to the body served with it");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        } catch (Exception e) {
            failures.add(path + ": " + e);
        }
    }
}
