package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/**
 * SIGTERM to the real program in its own JVM, with a response still being read: the response must arrive whole, the
 * port must close to new connections meanwhile, and the process must exit 0.
 */
class GracefulShutdownTest {
    private static final Pattern SERVING = Pattern.compile("Pravah serving .* on http://127\\.0\\.0\\.1:(\\d+)/");
    /** Well beyond what the kernel buffers on loopback (a 4 MB send buffer at most here): the server must wait. */
    private static final int FEED_BYTES_AT_LEAST = 8_000_000;

    @Test
    void sigterm_finishes_the_request_in_flight_refuses_new_ones_and_exits_0(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8)
                .replace("itemsPerFeed: 2", "itemsPerFeed: 1000"), StandardCharsets.UTF_8);
        TestSite.writeLongArticles(dir.resolve("articles/lambe"), 160);

        // output to a file, not a pipe: a pipe read while the process exits can lose the last lines
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.pravah.Main",
                "--config", config.toString(), "--port", "0", "--host", "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Supplier<String> output = () -> read(log);
        try {
            int port = awaitPort(server, output);
            try (Socket slow = new Socket()) {
                // a small window: the client takes the response only as fast as it reads, so it stays in flight
                slow.setReceiveBufferSize(16 * 1024);
                slow.connect(new InetSocketAddress("127.0.0.1", port));
                OutputStream request = slow.getOutputStream();
                request.write("GET /feeds/all.rss HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                request.flush();
                InputStream response = slow.getInputStream();
                String head = readHead(response);
                assertTrue(head.startsWith("HTTP/1.1 200 "), head);
                long length = contentLength(head);
                assertTrue(length > FEED_BYTES_AT_LEAST, "the feed is too small to stay in flight: " + length);

                server.destroy(); // SIGTERM
                awaitRefused(port, server, output);
                assertTrue(server.isAlive(), "the server quit with a response half sent:\n" + output.get());

                ByteArrayOutputStream body = new ByteArrayOutputStream();
                response.transferTo(body);
                assertEquals(length, body.size(), "the response was cut off");
                assertTrue(body.toString(StandardCharsets.UTF_8).endsWith("</rss>\n"));
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop:\n" + output.get());
            assertEquals(0, server.exitValue(), output.get());
            assertTrue(output.get().lines().anyMatch(l -> l.matches(".* access - method=GET path=\"/feeds/all\\.rss\" "
                    + "status=200 bytes=[0-9]+ .*")), output.get());
            assertTrue(output.get().lines().anyMatch("Pravah stopped"::equals), output.get());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void sigterm_after_a_burst_of_polls_leaves_every_polls_access_line_in_the_log(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        int polls = 300;
        try (ChildServer server = ChildServer.start(config, dir.resolve("server.log"))) {
            Client client = Client.at(server.port());
            for (int i = 0; i < polls; i++) {
                assertEquals(200, client.get("/feeds/all.rss", "User-Agent", "AntimPathak/1.0").statusCode());
            }

            server.process().destroy(); // SIGTERM, right after the last answer: its line may not be written yet
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server did not stop:\n" + server.output());
            assertEquals(0, server.process().exitValue(), server.output());
            long lines = server.output().lines().filter(l -> l.contains(" access - method=GET path=\"/feeds/all.rss\"")
                    && l.contains("ua=\"AntimPathak/1.0\"")).count();
            assertEquals(polls, lines, "one line per poll, the last ones included");
        }
    }

    private static String read(Path log) {
        try {
            // the child writes with the platform's charset; only ASCII parts are matched
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static int awaitPort(Process server, Supplier<String> output) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(end) && server.isAlive()) {
            Matcher m = SERVING.matcher(output.get());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            server.waitFor(50, TimeUnit.MILLISECONDS); // a pause between looks that ends early if the server exits
        }
        return fail("the server did not start:\n" + output.get());
    }

    /** Polls until a new connection is refused: the server has stopped accepting. */
    private static void awaitRefused(int port, Process server, Supplier<String> output) throws Exception {
        Instant end = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(end)) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return;
            }
            server.waitFor(20, TimeUnit.MILLISECONDS); // a pause between probes that ends early if the server exits
        }
        fail("the server kept accepting connections after SIGTERM:\n" + output.get());
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static long contentLength(String head) {
        Matcher m = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n").matcher(head);
        if (!m.find()) {
            fail("no Content-Length in " + head);
        }
        return Long.parseLong(m.group(1));
    }
}
