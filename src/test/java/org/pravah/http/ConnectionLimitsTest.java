package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pravah.config.ServerConfig;
import org.pravah.testing.TestSite;

/**
 * What a client that holds connections open gets: a slowloris that drips its headers is cut off once the header time
 * is up, and one address cannot hold more than its share of connections; ordinary keep-alive clients notice nothing.
 */
class ConnectionLimitsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    private static Javalin start(int headerSeconds, int connectionsPerAddress) {
        return new Server(() -> null).create("127.0.0.1", new ServerConfig(0, headerSeconds, connectionsPerAddress))
                .start();
    }

    /** One request on a kept-alive connection; the answer's status code. */
    private static int exchange(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after " + head.size() + " bytes of an answer");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = CONTENT_LENGTH.matcher(text);
        in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return Integer.parseInt(text.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    /**
     * Polls until the server closes the connection, sending one more byte of {@code drip} before each look; the
     * time it took, or null if it stayed open past the deadline.
     */
    private static Duration untilClosed(Socket socket, byte[] drip) throws IOException {
        socket.setSoTimeout(50);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long started = System.nanoTime();
        long deadline = started + DEADLINE.toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            try {
                if (drip.length > 0) {
                    out.write(drip[i % drip.length]);
                    out.flush();
                }
                if (in.read() < 0) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (SocketTimeoutException stillOpen) {
                // nothing to read yet: the connection is open, the next look comes after the next byte
            } catch (IOException reset) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
        }
        return null;
    }

    @Test
    void a_client_dripping_its_headers_one_byte_at_a_time_is_disconnected_once_the_header_time_is_up()
            throws Exception {
        Javalin http = start(1, 256);
        try (Socket slow = new Socket("127.0.0.1", http.port()); Socket silent = new Socket("127.0.0.1", http.port())) {
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            Duration dripping = untilClosed(slow, "X-Boond: ".getBytes(StandardCharsets.US_ASCII));
            assertTrue(dripping != null, "a client dripping its headers was still connected after " + DEADLINE);
            assertTrue(dripping.toMillis() >= 500, "closed after " + dripping.toMillis() + " ms, before the header time");
            // a connection that never starts a request is held no longer
            assertTrue(untilClosed(silent, new byte[0]) != null, "a silent client was still connected after " + DEADLINE);
        } finally {
            http.stop();
        }
    }

    @Test
    void a_kept_alive_connection_may_rest_between_requests_longer_than_the_header_time() throws Exception {
        Javalin http = start(1, 256);
        try (Socket socket = new Socket("127.0.0.1", http.port())) {
            assertEquals(200, exchange(socket, "/health"));
            socket.setSoTimeout(2500);
            // the rest: Jetty's idle timeout (30 s) governs it, not the header time
            try {
                int b = socket.getInputStream().read();
                throw new AssertionError("the server " + (b < 0 ? "closed" : "wrote to") + " a resting connection");
            } catch (SocketTimeoutException rested) {
                // still open after two and a half header times
            }
            assertEquals(200, exchange(socket, "/health"));
        } finally {
            http.stop();
        }
    }

    @Test
    void connections_over_the_limit_for_one_address_are_closed_while_those_within_are_served() throws Exception {
        Javalin http = start(15, 4);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("127.0.0.1", http.port());
                socket.setSoTimeout((int) DEADLINE.toMillis());
                held.add(socket);
                assertEquals(200, exchange(socket, "/health"));
            }
            try (Socket fifth = new Socket("127.0.0.1", http.port())) {
                fifth.setSoTimeout((int) DEADLINE.toMillis());
                try {
                    int status = exchange(fifth, "/health");
                    throw new AssertionError("a fifth connection from the same address was answered " + status);
                } catch (EOFException | SocketException closed) {
                    // closed without an answer; a timeout instead would fail the test
                }
            }
            for (Socket socket : held) {
                assertEquals(200, exchange(socket, "/health"), "a connection within the limit is still served");
            }
            held.remove(0).close();
            // the server hears of the close asynchronously: retry until the freed place is taken
            int[] status = {0};
            TestSite.waitUntil(DEADLINE, "a new connection once one of the four has closed", () -> {
                try (Socket again = new Socket("127.0.0.1", http.port())) {
                    again.setSoTimeout((int) DEADLINE.toMillis());
                    status[0] = exchange(again, "/health");
                    return true;
                } catch (EOFException | SocketException stillFull) {
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertEquals(200, status[0], "a new connection once one of the four has closed");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            http.stop();
        }
    }
}
