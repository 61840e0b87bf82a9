package org.pravah.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.pravah.Application;

/**
 * The one HTTP client of the tests, for a server on 127.0.0.1: HTTP/1.1, no redirects followed, no decompression,
 * headers exactly as given (name, value, name, value…), paths sent as written. {@code publicBase}, when set, is the
 * site's published base URL: a URL under it is sent to the local port, so links found in responses can be followed.
 */
public record Client(int port, Optional<String> token, Optional<String> publicBase) {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public static Client at(int port) {
        return new Client(port, Optional.empty(), Optional.empty());
    }

    public static Client of(Application app) {
        return at(app.port());
    }

    /** Every request carries {@code Authorization: Bearer token}; empty: none. */
    public Client withToken(Optional<String> other) {
        return new Client(port, other, publicBase);
    }

    public Client withToken(String other) {
        return withToken(Optional.of(other));
    }

    public Client servingAs(String base) {
        return new Client(port, token, Optional.of(base));
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** The local URL for a path or, with {@link #publicBase}, a public URL of the site. */
    public String url(String urlOrPath) {
        String path = publicBase.filter(urlOrPath::startsWith).map(b -> urlOrPath.substring(b.length()))
                .orElse(urlOrPath);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not a path or a URL of this site: " + urlOrPath);
        }
        return origin() + path;
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public HttpResponse<byte[]> head(String path, String... headers) {
        return send("HEAD", path, null, headers);
    }

    /** Any method; {@code body} null for none. */
    public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code body} as UTF-8 JSON. */
    public HttpResponse<byte[]> json(String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send(method, path, body.getBytes(StandardCharsets.UTF_8), all);
    }

    /** A GET whose failure to connect is no answer rather than an error: for polling a server that may be down. */
    public Optional<HttpResponse<byte[]>> tryGet(String path, String... headers) {
        try {
            return Optional.of(get(path, headers));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The body as UTF-8. */
    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    public static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** An answer read off the wire: the status line's code, the header block as sent, and the body as UTF-8. */
    public record Raw(int status, String head, String body) {
        /** The whole answer as sent, headers and body. */
        public String all() {
            return head + "\r\n\r\n" + body;
        }
    }

    /**
     * Sends {@code request} byte for byte (ISO-8859-1, so any octet can be written) on a fresh connection and reads
     * until the server closes it; for what {@link HttpClient} refuses to send, such as a malformed escape or Host.
     */
    public Raw raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Raw(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of {@code target} exactly as written on a fresh connection, which the server must answer and close. */
    public Raw rawGet(String target) {
        return raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }
}
