package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/**
 * The real program in its own JVM, killed with SIGKILL while API writers are still sending: every write it had
 * answered 201 must be there after the restart, and every restart must open the store. {@code bench/durability.py}
 * runs the same for many cycles and reports the counts in BENCHMARKS.md.
 */
class CrashDurabilityTest {
    private static final int CYCLES = 3;
    private static final int WRITERS = 4;
    /** Acknowledgements per cycle before the kill; the writers are still sending when it lands. */
    private static final int KILL_AFTER = 25;

    @TempDir
    Path dir;
    private int starts;

    @Test
    void every_acknowledged_write_survives_kill_9_mid_burst_and_every_restart_opens() throws Exception {
        Path config = TestSite.writeStoreSite(dir, TestSite.apiWithToken());
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        ChildServer server = start(config);
        try {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                List<Thread> writers = burst(server.port(), cycle, acknowledged, server.process());
                server.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no close, no flush
                for (Thread writer : writers) {
                    writer.join(TimeUnit.SECONDS.toMillis(30));
                }
                server = start(config);
                List<String> lost = new ArrayList<>();
                for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
                    HttpResponse<byte[]> read = Client.at(server.port()).withToken(TestSite.TOKEN).get("/api/articles/" + write.getKey());
                    long revision = read.headers().firstValue("ETag").map(e -> Long.parseLong(e.replace("\"", "")))
                            .orElse(0L);
                    if (read.statusCode() != 200 || revision < write.getValue()) {
                        lost.add(write.getKey() + " (" + read.statusCode() + ")");
                    }
                }
                assertEquals(List.of(), lost, "cycle " + cycle + ": acknowledged writes lost after kill -9, of "
                        + acknowledged.size() + "\n" + server.output());
            }
            assertTrue(acknowledged.size() >= CYCLES * KILL_AFTER, "writes acknowledged: " + acknowledged.size());
        } finally {
            server.process().destroyForcibly();
        }
    }

    /**
     * Writers that PUT small articles until the server dies; returns once {@link #KILL_AFTER} of them are answered,
     * with the writers still running.
     */
    private List<Thread> burst(int port, int cycle, Map<String, Long> acknowledged, Process server)
            throws InterruptedException {
        CountDownLatch enough = new CountDownLatch(KILL_AFTER);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (int n = 1; ; n++) {
                    String id = "c" + cycle + "-w" + writer + "-" + n;
                    String body = "{\"title\": \"दुर्घटना जाँच की ख़बर " + id + "\", \"body\": \"बिजली जाने पर भी यह"
                            + " ख़बर बची रहनी चाहिए।\", \"categories\": [\"देश\"]}";
                    try {
                        HttpResponse<byte[]> r = Client.at(port).withToken(TestSite.TOKEN).json("PUT", "/api/articles/" + id, body);
                        if (r.statusCode() == 201) {
                            acknowledged.put(id, Long.parseLong(r.headers().firstValue("ETag").orElseThrow()
                                    .replace("\"", "")));
                            enough.countDown();
                        } else if (failures.incrementAndGet() > 5) {
                            return;
                        }
                    } catch (RuntimeException e) {
                        return; // the server is gone
                    }
                }
            }, "writer-" + w);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
        if (!enough.await(60, TimeUnit.SECONDS)) {
            fail("writers got only " + (KILL_AFTER - enough.getCount()) + " answers; failures " + failures.get()
                    + (server.isAlive() ? "" : " (the server died)"));
        }
        return writers;
    }

    private ChildServer start(Path config) throws IOException, InterruptedException {
        ChildServer server = ChildServer.start(config, dir.resolve("server-" + ++starts + ".log"));
        assertFalse(server.output().contains("store: cannot"), "start " + starts + " did not open the store:\n"
                + server.output());
        return server;
    }
}
