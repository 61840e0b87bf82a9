package org.pravah.source.upstream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLException;

/**
 * Fetches one upstream feed over HTTP, defensively: whatever the other end does, a fetch ends within the timeout,
 * holds at most {@code maxBytes} in memory (also after gzip), and fails with a message an operator understands.
 *
 * <ul>
 * <li>Conditional requests: the last answer's validators go back as {@code If-None-Match}/{@code If-Modified-Since},
 *     so an unchanged feed costs a 304.</li>
 * <li>Redirects are followed here, not by the client, so that we can count them (at most {@value #MAX_REDIRECTS}),
 *     spot loops, refuse non-http(s) targets and internal addresses ({@link AddressPolicy}) before connecting, and
 *     keep one deadline over the whole chain.</li>
 * <li>{@code Accept-Encoding: gzip} only; decompression stops at {@code maxBytes}, so a gzip bomb (a few KB that
 *     expand to gigabytes) is refused rather than inflated.</li>
 * <li>The request timeout of {@code java.net.http} ends when the headers arrive; a server that then dribbles the
 *     body would hold us forever, so the whole exchange is bounded by waiting on the future instead.</li>
 * </ul>
 */
public final class FeedFetcher {
    static final int MAX_REDIRECTS = 5;
    /** Longer waits than this are not honoured as asked: the operator would think the source dead. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/rdf+xml;q=0.9, application/xml;q=0.9, application/json;q=0.9, text/xml;q=0.8, */*;q=0.5";

    private final HttpClient client;
    private final String userAgent;
    private final Duration timeout;
    private final long maxBytes;
    private final AddressPolicy addresses;

    /**
     * @param client    made by {@link #newClient()}: it must not follow redirects itself
     * @param userAgent says who we are, so that an upstream's operator can find us
     * @param addresses where redirects may lead
     */
    public FeedFetcher(HttpClient client, String userAgent, Duration timeout, long maxBytes,
                       AddressPolicy addresses) {
        this.client = client;
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.addresses = addresses;
    }

    /** A client for {@link FeedFetcher}s; one may be shared by all of them. */
    public static HttpClient newClient() {
        // HTTP/1.1: plain-http HTTP/2 would send an h2c upgrade that some old servers answer badly, and one feed per
        // request gains nothing from multiplexing
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** One client for all upstreams of the process: it pools connections and owns a selector thread. */
    public static HttpClient sharedClient() {
        return SharedClient.CLIENT;
    }

    private static final class SharedClient {
        static final HttpClient CLIENT = newClient();
    }

    /** The User-Agent of Pravah at {@code baseUrl}. */
    public static String userAgent(String baseUrl) {
        return "Pravah/0.1 (+" + baseUrl + ")";
    }

    public Fetched fetch(URI url, CacheValidators validators) throws UpstreamException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<URI> visited = new ArrayList<>();
        URI current = url;
        visited.add(current);
        while (true) {
            HttpResponse<byte[]> response = send(current, validators, deadline);
            int status = response.statusCode();
            HttpHeaders headers = response.headers();
            if (isRedirect(status)) {
                URI next = redirectTarget(current, status, headers);
                if (visited.contains(next)) {
                    throw new UpstreamException("redirect loop: " + chain(visited, next), OptionalInt.of(status),
                            Optional.empty());
                }
                if (visited.size() > MAX_REDIRECTS) {
                    throw new UpstreamException("more than " + MAX_REDIRECTS + " redirects: " + chain(visited, next),
                            OptionalInt.of(status), Optional.empty());
                }
                addresses.checkRedirect(url, next, status);
                visited.add(next);
                current = next;
                continue;
            }
            if (status == 304) {
                // a 304 may carry fresh validators; otherwise the ones we sent stay valid
                CacheValidators kept = new CacheValidators(headers.firstValue("ETag").orElse(validators.etag()),
                        headers.firstValue("Last-Modified").orElse(validators.lastModified()));
                return new Fetched(304, current, "", new byte[0], kept);
            }
            if (status != 200) {
                throw new UpstreamException(describe(status), OptionalInt.of(status),
                        retryAfter(headers.firstValue("Retry-After").orElse(""), Instant.now()));
            }
            byte[] body = decode(response.body(), headers.firstValue("Content-Encoding").orElse(""));
            return new Fetched(200, current, headers.firstValue("Content-Type").orElse(""), body,
                    new CacheValidators(headers.firstValue("ETag").orElse(""),
                            headers.firstValue("Last-Modified").orElse("")));
        }
    }

    private HttpResponse<byte[]> send(URI uri, CacheValidators validators, long deadline) throws UpstreamException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip");
        if (!validators.etag().isEmpty()) {
            request.header("If-None-Match", validators.etag());
        }
        if (!validators.lastModified().isEmpty()) {
            request.header("If-Modified-Since", validators.lastModified());
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), this::bodyFor);
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted (the server is stopping or the config was reloaded)");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), uri);
        }
    }

    /** Reads only a 200's body, and only while it stays within the limit. */
    private HttpResponse.BodySubscriber<byte[]> bodyFor(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            return LimitedBody.skipped();
        }
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            return LimitedBody.refused(new LimitedBody.TooLarge(declared.getAsLong() + " bytes"));
        }
        return new LimitedBody(maxBytes);
    }

    private byte[] decode(byte[] body, String contentEncoding) throws UpstreamException {
        String coding = contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity")) {
            return body;
        }
        if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
            throw new UpstreamException("the upstream sent Content-Encoding '" + contentEncoding
                    + "', which we did not ask for (only gzip)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new UpstreamException("the gzip body expands to more than " + size(maxBytes)
                            + " (maxBytes); refused, it may be a gzip bomb");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw new UpstreamException("the gzip body is broken: " + e.getMessage());
        } catch (IOException e) {
            throw new UpstreamException("the gzip body is cut short or broken: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private UpstreamException timedOut() {
        return new UpstreamException("no complete answer within " + timeout.toSeconds() + " s (timeoutSeconds)");
    }

    /** The cause of a failed exchange in plain words; the innermost useful cause decides. */
    private UpstreamException failure(Throwable cause, URI uri) {
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedBody.TooLarge tooLarge) {
                return new UpstreamException("the feed is larger than the " + size(maxBytes)
                        + " limit (maxBytes; the upstream sent " + tooLarge.getMessage() + ")");
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new UpstreamException("could not connect to " + host + " in time");
            }
            if (t instanceof HttpTimeoutException) {
                return timedOut();
            }
            if (t instanceof UnknownHostException) {
                return new UpstreamException("unknown host " + uri.getHost());
            }
            if (t instanceof SSLException) {
                return new UpstreamException("TLS failed with " + host + ": " + t.getMessage());
            }
            if (t instanceof ConnectException) {
                return new UpstreamException("cannot connect to " + host + " (connection refused or unreachable)");
            }
        }
        String message = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        return new UpstreamException("the connection to " + host + " failed: " + message);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, int status, HttpHeaders headers) throws UpstreamException {
        String location = headers.firstValue("Location").orElse("").strip();
        if (location.isEmpty()) {
            throw new UpstreamException("HTTP " + status + " redirect without a Location header",
                    OptionalInt.of(status), Optional.empty());
        }
        URI next;
        try {
            next = from.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UpstreamException("HTTP " + status + " redirect to a malformed address '" + location + "'",
                    OptionalInt.of(status), Optional.empty());
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
            throw new UpstreamException("HTTP " + status + " redirect to '" + location + "', which is not http(s)",
                    OptionalInt.of(status), Optional.empty());
        }
        return next;
    }

    private static String chain(List<URI> visited, URI next) {
        StringBuilder out = new StringBuilder();
        for (URI u : visited) {
            out.append(display(u)).append(" → ");
        }
        return out.append(display(next)).toString();
    }

    /** A URL for messages without its query, which may hold an access key. */
    static String display(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String describe(int status) {
        String meaning = switch (status) {
            case 400 -> "the upstream calls our request bad";
            case 401, 403 -> "the upstream refuses us (check the url, or whether it needs a key)";
            case 404 -> "there is no feed at this address (check the url)";
            case 410 -> "the upstream says the feed is gone for good";
            case 429 -> "too many requests; the upstream asks us to wait";
            case 500 -> "the upstream server has an internal error";
            case 502, 504 -> "a gateway in front of the upstream could not reach it";
            case 503 -> "the upstream is unavailable for now";
            default -> status >= 500 ? "the upstream server failed" : "an answer we cannot use";
        };
        return "HTTP " + status + ": " + meaning;
    }

    /** {@code Retry-After} as seconds or an HTTP date; anything unreadable is ignored. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String s = value.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Duration wait;
        if (s.chars().allMatch(Character::isDigit)) {
            wait = s.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(s));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    /** 5242880 → "5 MB": sizes as the config writes them. */
    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
