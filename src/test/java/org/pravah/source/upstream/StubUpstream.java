package org.pravah.source.upstream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake upstream publisher on 127.0.0.1 and a free port (JDK HttpServer): each path answers as the test says, and
 * every request is recorded so tests can check the headers we sent.
 */
public final class StubUpstream implements AutoCloseable {
    /** Answers one request. */
    @FunctionalInterface
    public interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** What a request carried. */
    public record Request(String path, Headers headers) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-upstream");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Slow answers wait on this; closing releases them, so no server thread outlives the test. */
    private final CountDownLatch released = new CountDownLatch(1);

    public StubUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders()));
                Answer answer = answers.get(exchange.getRequestURI().getPath());
                if (answer == null) {
                    send(exchange, 404, "text/plain", "no such feed".getBytes(StandardCharsets.UTF_8));
                } else {
                    answer.answer(exchange);
                }
            } catch (IOException e) {
                // the client hung up (as it should, for oversized or slow answers)
            }
        });
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public StubUpstream on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** {@code path} serves {@code body} with status 200. */
    public StubUpstream feed(String path, String contentType, byte[] body) {
        return on(path, ex -> send(ex, 200, contentType, body));
    }

    public StubUpstream feed(String path, String contentType, String body) {
        return feed(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Blocks a slow answer until the test ends. */
    public void waitForever() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (status == 304 || status == 204) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Test resource as bytes. */
    public static byte[] fixture(String name) {
        try (InputStream in = StubUpstream.class.getResourceAsStream("/fixtures/upstream/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
