package org.pravah.source.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {
    private static final long MB = 1024 * 1024;
    private static final byte[] FEED = StubUpstream.fixture("rss-hindi.xml");

    private final StubUpstream stub = new StubUpstream();

    @AfterEach
    void stop() {
        stub.close();
    }

    private static FeedFetcher fetcher(Duration timeout, long maxBytes) {
        return new FeedFetcher(FeedFetcher.newClient(), FeedFetcher.userAgent("https://news.example"), timeout,
                maxBytes, AddressPolicy.of(false));
    }

    /**
     * A fetcher whose resolver calls {@code localhost} a public name (203.0.113.7): a url with it looks like an
     * outside publisher's to the redirect check, while the request still reaches the stub on 127.0.0.1 (the HTTP
     * client resolves names itself). {@code names} answers for other names; IP literals stand for themselves.
     */
    private static FeedFetcher publicLocalhost(boolean allowInternal, Map<String, List<String>> names) {
        AddressPolicy.Resolver resolver = host -> {
            List<String> found = host.equals("localhost") ? List.of("203.0.113.7") : names.get(host);
            if (found == null && !Character.isDigit(host.charAt(0)) && host.charAt(0) != '[') {
                throw new UnknownHostException(host);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : found == null ? List.of(host) : found) {
                addresses.addAll(List.of(InetAddress.getAllByName(literal)));
            }
            return addresses;
        };
        return new FeedFetcher(FeedFetcher.newClient(), FeedFetcher.userAgent("https://news.example"),
                Duration.ofSeconds(10), 5 * MB, new AddressPolicy(allowInternal, resolver));
    }

    private URI viaLocalhost(String path) {
        return URI.create("http://localhost:" + stub.uri(path).getPort() + path);
    }

    private void redirect(String from, String to) {
        stub.on(from, ex -> {
            ex.getResponseHeaders().set("Location", to);
            StubUpstream.send(ex, 302, null, new byte[0]);
        });
    }

    private static FeedFetcher fetcher() {
        return fetcher(Duration.ofSeconds(10), 5 * MB);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void a_fetch_says_who_we_are_and_that_gzip_is_welcome() throws Exception {
        stub.feed("/rss", "application/rss+xml; charset=utf-8", FEED);
        Fetched fetched = fetcher().fetch(stub.uri("/rss"), CacheValidators.NONE);
        assertEquals(200, fetched.status());
        assertArrayEquals(FEED, fetched.body());
        assertEquals("application/rss+xml; charset=utf-8", fetched.contentType());
        StubUpstream.Request request = stub.requests("/rss").get(0);
        assertEquals("Pravah/0.1 (+https://news.example)", request.header("User-Agent"));
        assertEquals("gzip", request.header("Accept-Encoding"));
        assertNull(request.header("If-None-Match"));
        assertNull(request.header("If-Modified-Since"));
    }

    @Test
    void the_validators_of_the_last_answer_are_sent_back_and_a_304_is_not_modified() throws Exception {
        String lastModified = "Fri, 27 Nov 2026 04:00:00 GMT";
        stub.on("/rss", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                StubUpstream.send(ex, 304, null, new byte[0]);
            } else {
                ex.getResponseHeaders().set("ETag", "\"v1\"");
                ex.getResponseHeaders().set("Last-Modified", lastModified);
                StubUpstream.send(ex, 200, "application/rss+xml", FEED);
            }
        });
        Fetched first = fetcher().fetch(stub.uri("/rss"), CacheValidators.NONE);
        assertEquals(new CacheValidators("\"v1\"", lastModified), first.validators());
        Fetched second = fetcher().fetch(stub.uri("/rss"), first.validators());
        assertTrue(second.notModified());
        assertEquals(0, second.body().length);
        assertEquals(first.validators(), second.validators());
        StubUpstream.Request conditional = stub.requests("/rss").get(1);
        assertEquals("\"v1\"", conditional.header("If-None-Match"));
        assertEquals(lastModified, conditional.header("If-Modified-Since"));
    }

    @Test
    void a_gzip_body_is_decompressed() throws Exception {
        byte[] compressed = gzip(FEED);
        stub.on("/gz", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            StubUpstream.send(ex, 200, "application/rss+xml", compressed);
        });
        assertArrayEquals(FEED, fetcher().fetch(stub.uri("/gz"), CacheValidators.NONE).body());
    }

    @Test
    void a_gzip_bomb_is_refused_once_it_expands_past_the_limit() throws Exception {
        byte[] bomb = gzip(new byte[(int) (20 * MB)]);
        assertTrue(bomb.length < 64 * 1024, "a bomb is small on the wire: " + bomb.length);
        stub.on("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            StubUpstream.send(ex, 200, "application/rss+xml", bomb);
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher(Duration.ofSeconds(10), MB).fetch(stub.uri("/bomb"), CacheValidators.NONE));
        assertTrue(e.getMessage().contains("expands to more than 1 MB"), e.getMessage());
    }

    @Test
    void a_50_mb_body_streamed_without_length_is_cut_off_at_the_limit() {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        stub.on("/huge", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < 50 * MB; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(stub.uri("/huge"), CacheValidators.NONE));
        assertTrue(e.getMessage().contains("larger than the 5 MB limit"), e.getMessage());
    }

    @Test
    void a_body_declaring_50_mb_is_refused_before_reading_it() {
        byte[] chunk = new byte[64 * 1024];
        stub.on("/declared", ex -> {
            ex.sendResponseHeaders(200, 50 * MB);
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < 50 * MB; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(stub.uri("/declared"), CacheValidators.NONE));
        assertTrue(e.getMessage().contains("the upstream sent " + 50 * MB + " bytes"), e.getMessage());
    }

    @Test
    void a_response_that_never_completes_times_out() {
        stub.on("/slow", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("<rss version=\"2.0\"><channel>".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            stub.waitForever();
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher(Duration.ofSeconds(1), MB).fetch(stub.uri("/slow"), CacheValidators.NONE));
        assertEquals("no complete answer within 1 s (timeoutSeconds)", e.getMessage());
    }

    @Test
    void a_server_that_never_answers_times_out() {
        stub.on("/silent", ex -> stub.waitForever());
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher(Duration.ofSeconds(1), MB).fetch(stub.uri("/silent"), CacheValidators.NONE));
        assertTrue(e.getMessage().startsWith("no complete answer within 1 s"), e.getMessage());
    }

    @Test
    void a_500_fails_with_its_status_in_plain_words() {
        stub.on("/err", ex -> StubUpstream.send(ex, 500, "text/html", "<h1>oops</h1>".getBytes(StandardCharsets.UTF_8)));
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(stub.uri("/err"), CacheValidators.NONE));
        assertEquals("HTTP 500: the upstream server has an internal error", e.getMessage());
        assertEquals(OptionalInt.of(500), e.httpStatus());
        assertTrue(e.retryAfter().isEmpty());
    }

    @Test
    void a_503_with_retry_after_says_how_long_to_wait() {
        stub.on("/busy", ex -> {
            ex.getResponseHeaders().set("Retry-After", "3600");
            StubUpstream.send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(stub.uri("/busy"), CacheValidators.NONE));
        assertEquals(Optional.of(Duration.ofHours(1)), e.retryAfter());
    }

    @Test
    void retry_after_may_be_an_http_date_and_is_capped() {
        Instant now = Instant.parse("2026-11-27T04:00:00Z");
        assertEquals(Optional.of(Duration.ofMinutes(30)),
                FeedFetcher.retryAfter("Fri, 27 Nov 2026 04:30:00 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), FeedFetcher.retryAfter("Fri, 27 Nov 2026 03:00:00 GMT", now));
        assertEquals(Optional.of(FeedFetcher.MAX_RETRY_AFTER), FeedFetcher.retryAfter("99999999", now));
        assertEquals(Optional.empty(), FeedFetcher.retryAfter("soon", now));
    }

    @Test
    void redirects_are_followed_and_the_final_address_is_kept_for_relative_links() throws Exception {
        stub.on("/old", ex -> {
            ex.getResponseHeaders().set("Location", "/moved");
            StubUpstream.send(ex, 301, null, new byte[0]);
        });
        stub.on("/moved", ex -> {
            ex.getResponseHeaders().set("Location", stub.uri("/rss").toString());
            StubUpstream.send(ex, 302, null, new byte[0]);
        });
        stub.feed("/rss", "application/rss+xml", FEED);
        Fetched fetched = fetcher().fetch(stub.uri("/old"), CacheValidators.NONE);
        assertEquals(stub.uri("/rss"), fetched.finalUrl());
        assertArrayEquals(FEED, fetched.body());
    }

    @Test
    void a_redirect_loop_is_detected_and_named() {
        stub.on("/a", ex -> {
            ex.getResponseHeaders().set("Location", "/b");
            StubUpstream.send(ex, 302, null, new byte[0]);
        });
        stub.on("/b", ex -> {
            ex.getResponseHeaders().set("Location", "/a");
            StubUpstream.send(ex, 307, null, new byte[0]);
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(stub.uri("/a"), CacheValidators.NONE));
        assertTrue(e.getMessage().startsWith("redirect loop: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("/a → " + stub.uri("/b") + " → " + stub.uri("/a")), e.getMessage());
        assertEquals(2, stub.requests().size());
    }

    @Test
    void at_most_five_redirects_are_followed() throws Exception {
        for (int i = 0; i < 7; i++) {
            String next = "/r" + (i + 1);
            stub.on("/r" + i, ex -> {
                ex.getResponseHeaders().set("Location", next);
                StubUpstream.send(ex, 301, null, new byte[0]);
            });
        }
        stub.feed("/r5", "application/rss+xml", FEED);
        assertEquals(stub.uri("/r5"), fetcher().fetch(stub.uri("/r0"), CacheValidators.NONE).finalUrl());
        stub.on("/r5", ex -> {
            ex.getResponseHeaders().set("Location", "/r6");
            StubUpstream.send(ex, 301, null, new byte[0]);
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(stub.uri("/r0"), CacheValidators.NONE));
        assertTrue(e.getMessage().startsWith("more than 5 redirects"), e.getMessage());
    }

    @Test
    void a_redirect_to_a_non_http_address_is_refused() {
        stub.on("/ftp", ex -> {
            ex.getResponseHeaders().set("Location", "file:///etc/passwd");
            StubUpstream.send(ex, 302, null, new byte[0]);
        });
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(stub.uri("/ftp"), CacheValidators.NONE));
        assertTrue(e.getMessage().contains("not http(s)"), e.getMessage());
    }

    @Test
    void a_public_feed_redirecting_to_a_loopback_address_is_refused_and_the_address_never_asked() {
        redirect("/rss", stub.uri("/secret").toString());
        stub.feed("/secret", "text/plain", "भीतरी पन्ना");
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> publicLocalhost(false, Map.of()).fetch(viaLocalhost("/rss"), CacheValidators.NONE));
        assertTrue(e.getMessage().startsWith("HTTP 302 redirect to " + stub.uri("/secret") + " refused: 127.0.0.1 is "
                + "a loopback address"), e.getMessage());
        assertTrue(e.getMessage().contains("allowInternal: true"), e.getMessage());
        assertEquals(OptionalInt.of(302), e.httpStatus());
        assertEquals(1, stub.requests("/rss").size());
        assertTrue(stub.requests("/secret").isEmpty());
    }

    @Test
    void a_redirect_to_a_name_with_any_private_address_among_its_addresses_is_refused() {
        int port = stub.uri("/").getPort();
        redirect("/rss", "http://intranet.example:" + port + "/feed");
        UpstreamException e = assertThrows(UpstreamException.class, () -> publicLocalhost(false,
                Map.of("intranet.example", List.of("198.51.100.4", "10.20.30.40")))
                .fetch(viaLocalhost("/rss"), CacheValidators.NONE));
        assertTrue(e.getMessage().contains("refused: intranet.example resolves to a private address (10.20.30.40)"),
                e.getMessage());
    }

    @Test
    void a_public_feed_may_redirect_to_another_public_address() throws Exception {
        redirect("/rss", viaLocalhost("/moved").toString());
        stub.feed("/moved", "application/rss+xml", FEED);
        Fetched fetched = publicLocalhost(false, Map.of()).fetch(viaLocalhost("/rss"), CacheValidators.NONE);
        assertArrayEquals(FEED, fetched.body());
    }

    @Test
    void allow_internal_lets_a_public_feed_redirect_to_an_internal_address() throws Exception {
        redirect("/rss", stub.uri("/inside").toString());
        stub.feed("/inside", "application/rss+xml", FEED);
        Fetched fetched = publicLocalhost(true, Map.of()).fetch(viaLocalhost("/rss"), CacheValidators.NONE);
        assertEquals(stub.uri("/inside"), fetched.finalUrl());
        assertArrayEquals(FEED, fetched.body());
    }

    @Test
    void a_feed_configured_at_a_loopback_address_may_be_redirected_to_another_one() throws Exception {
        redirect("/old", stub.uri("/rss").toString());
        stub.feed("/rss", "application/rss+xml", FEED);
        assertArrayEquals(FEED, publicLocalhost(false, Map.of()).fetch(stub.uri("/old"), CacheValidators.NONE).body());
    }

    @Test
    void a_closed_port_is_reported_as_cannot_connect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> fetcher().fetch(URI.create("http://127.0.0.1:" + port + "/rss"), CacheValidators.NONE));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port), e.getMessage());
    }
}
