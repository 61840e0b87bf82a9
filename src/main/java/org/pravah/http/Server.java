package org.pravah.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.pravah.config.ServerConfig;
import org.pravah.render.FeedFormat;
import org.pravah.render.FeedQuery;
import org.pravah.render.KeptFeeds;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin app: routes, validators, compression, error mapping. Javalin appears only in this package.
 * Every handler reads one {@link RenderedSite} once, so a response never mixes two snapshots.
 *
 * <p>Why one long class: the route table and the handlers it names are read together (which path answers what, with
 * which validators and headers); the answers with rules of their own have classes of their own: {@link FeedFastPath}
 * for subscription URLs, {@link ArticleApi} for the publish API, {@link StatsEndpoint}, {@link StatusPage}.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** Slug paths only: nothing a client sends can name a file, climb a folder or smuggle an encoded slash. */
    static final Pattern FEED_PATH = Pattern.compile("/feeds/([a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*)\\.([a-z]+)");
    /** The page of a feed: the same slug path without an extension ({@code /feeds/videsh/asia}). */
    private static final Pattern FEED_PAGE_PATH = Pattern.compile("/feeds/([a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*)");
    /** The query parameters of a feed document, and of a feed's page (which has no archives). */
    private static final List<String> FEED_PARAMETERS = List.of("page", "limit", "q", "tag", "archive");
    private static final List<String> PAGE_PARAMETERS = List.of("page", "limit", "q", "tag");
    private static final int MAX_PATH_LENGTH = 1024;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** How long a stop waits for requests in flight; below the 30 s a supervisor (systemd, Kubernetes) gives us. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /**
     * Jetty pads its thread pool's queue by the number of object references in a cache line, and when not told asks
     * the JVM through JMX: that starts the platform MBean server, a fifth of a second of a cold start's main thread
     * for one padding constant. An operator's own {@code -D} setting wins.
     */
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private final Supplier<RenderedSite> site;
    private final RequestListener listener;
    private final Supplier<String> metrics;
    private final Optional<ArticleApi> api;
    private final Supplier<StatusReport> status;
    private final Optional<StatsEndpoint> stats;
    /** {@code site.images}, served at {@code /images/}; set before {@link #create}. */
    private Optional<Path> images = Optional.empty();
    /** What answers feed polls before the first catalogue is built; set before {@link #create}. */
    private KeptFeeds kept = KeptFeeds.NONE;

    public Server(Supplier<RenderedSite> site) {
        this(site, RequestListener.NONE, () -> "", Optional.empty(), () -> new StatusReport(List.of(), ZoneOffset.UTC));
    }

    public Server(Supplier<RenderedSite> site, RequestListener listener, Supplier<String> metrics,
                  Optional<ArticleApi> api, Supplier<StatusReport> status) {
        this(site, listener, metrics, api, status, Optional.empty());
    }

    /**
     * @param site     the current site; {@code null} until the first catalogue is built (then only health answers)
     * @param listener hears of every answered request
     * @param metrics  the body of {@code /metrics}, Prometheus text format
     * @param api      the publish API ({@code /api/articles}), when the application offers one
     * @param status   read per {@code /status} request: the sources' state changes with every poll
     * @param stats    {@code /stats}, and who hears of every feed poll
     */
    public Server(Supplier<RenderedSite> site, RequestListener listener, Supplier<String> metrics,
                  Optional<ArticleApi> api, Supplier<StatusReport> status, Optional<StatsEndpoint> stats) {
        this.site = site;
        this.listener = listener;
        this.metrics = metrics;
        this.api = api;
        this.status = status;
        this.stats = stats;
    }

    /** Serves the pictures in {@code folder} (which must exist) at {@code /images/<name>}; before {@link #create}. */
    public Server serveImages(Path folder) {
        this.images = Optional.of(folder);
        return this;
    }

    /**
     * Answers polls of these feeds' subscription URLs until the first catalogue is built, instead of 503: the feeds
     * kept from before a restart; before {@link #create}.
     */
    public Server serveUntilReady(KeptFeeds feeds) {
        this.kept = feeds;
        return this;
    }

    /** The app, not started, with the default connection limits. */
    public Javalin create(String host, int port) {
        return create(host, new ServerConfig(port));
    }

    /**
     * Creates the app and starts listening on {@code host}:{@code settings.port()} (0: any free port).
     *
     * @throws RuntimeException when it cannot listen (the port is taken, the host does not resolve)
     */
    public RunningServer start(String host, ServerConfig settings) {
        return new RunningServer(create(host, settings).start());
    }

    /** The app, not started; the tests start it on a port of their choosing. */
    public Javalin create(String host, ServerConfig settings) {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            // references are 4 bytes with compressed oops, which the JVM uses for heaps under 32 GB; a wrong guess
            // only changes padding, never behaviour
            boolean compressedOops = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
            System.setProperty(REFERENCES_PER_CACHE_LINE, compressedOops ? "16" : "8");
        }
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // we send precomputed gzip and content-checksum ETags ourselves; Javalin's would hash and compress per request
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.generateEtags = false;
            // Javalin's own connector, as it would make it, with the limits on what one client can hold open
            config.jetty.addConnector((jetty, http) -> {
                // one selector per core, as nginx runs one worker per core: feed polls are answered on the selector
                // threads (FeedFastPath), and Jetty's default of one per two cores would leave a core to others
                ServerConnector connector = new ServerConnector(jetty, -1, Runtime.getRuntime().availableProcessors(),
                        new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(settings.port());
                connector.addBean(new HeaderDeadline(Duration.ofSeconds(settings.requestHeadersSeconds()),
                        connector.getScheduler()));
                if (settings.connectionsPerAddress() > 0) {
                    connector.addBean(new ConnectionsPerAddress(settings.connectionsPerAddress()));
                }
                return connector;
            });
            config.jetty.modifyServer(server -> {
                images.ifPresent(folder -> server.insertHandler(new SiteImages(folder, this::maxAgeSeconds,
                        this::completed)));
                // outside the image files, which are read from disk: the fast path answers on the selector's thread
                // and passes everything else, those included, to the thread pool (FeedFastPath)
                server.insertHandler(new FeedFastPath(site, this::completed,
                        stats.flatMap(StatsEndpoint::stats).orElse(null)));
                // a stop closes the listening socket first, then waits for requests in flight to finish (inserted
                // last, so it is outermost and counts the fast path's requests too)
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
                server.setErrorHandler(new PlainErrorHandler());
            });
            config.requestLogger.http(this::completed);
            config.routes.before(ctx -> ctx.header(Reply.NOSNIFF.name(), Reply.NOSNIFF.value()));
            config.routes.before(this::rejectOddPaths);
            config.routes.before(Server::onlyGetAndHead);
            config.routes.before(this::holdUntilReady);
            for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.HEAD}) {
                config.routes.addHttpHandler(method, "/", ctx -> {
                    RenderedSite current = site.get();
                    send(ctx, current, current.index());
                });
                config.routes.addHttpHandler(method, "/health", ctx -> text(ctx, 200, "ok"));
                config.routes.addHttpHandler(method, "/health/ready", this::ready);
                config.routes.addHttpHandler(method, "/metrics", this::metrics);
                config.routes.addHttpHandler(method, "/feeds/*", this::feed);
                config.routes.addHttpHandler(method, "/articles/*", this::article);
                config.routes.addHttpHandler(method, "/feeds.opml", this::opml);
                config.routes.addHttpHandler(method, SiteLinks.SHIPPED_ICON, this::asset);
                config.routes.addHttpHandler(method, SiteLinks.SHIPPED_LOGO, this::asset);
                config.routes.addHttpHandler(method, "/assets/*", this::asset);
                config.routes.addHttpHandler(method, SiteLinks.FAVICON, this::favicon);
                config.routes.addHttpHandler(method, "/status", this::status);
                config.routes.addHttpHandler(method, "/stats", this::stats);
            }
            api.ifPresent(a -> a.addRoutes(config.routes));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                text(ctx, 500, "500 — सर्वर में त्रुटि (internal error)");
            });
            // no route matched: Javalin's own answer would repeat the path, as JSON to a client asking for JSON
            config.routes.exception(NotFoundResponse.class, (e, ctx) -> notFound(ctx));
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint")) {
                    notFound(ctx);
                }
            });
        });
    }

    private void rejectOddPaths(Context ctx) {
        String path = ctx.req().getRequestURI();
        if (path.length() > MAX_PATH_LENGTH) {
            text(ctx, 414, "414 — पता बहुत लंबा है (URI too long)");
            ctx.skipRemainingHandlers();
        }
    }

    /**
     * Everything outside the publish API is read-only: another method is 405 with the methods that work (RFC 9110
     * §15.5.6), not a 404 that says the feed a client just read is missing. Even for unknown paths, which are the
     * same on every method.
     */
    private static void onlyGetAndHead(Context ctx) {
        HandlerType method = ctx.method();
        String path = ctx.path();
        if (method != HandlerType.GET && method != HandlerType.HEAD
                && !path.equals("/api") && !path.startsWith("/api/")) {
            ctx.header("Allow", "GET, HEAD");
            text(ctx, 405, "405 — यहाँ केवल GET और HEAD चलते हैं (method not allowed)");
            ctx.skipRemainingHandlers();
        }
    }

    /**
     * Before the first catalogue is built only health, metrics and the kept feeds answer; the rest is 503 with a hint
     * to retry.
     */
    private void holdUntilReady(Context ctx) {
        String path = ctx.path();
        if (site.get() == null && !path.startsWith("/health") && !path.equals("/metrics")) {
            if (answeredFromKept(ctx)) {
                ctx.skipRemainingHandlers();
                return;
            }
            ctx.header("Retry-After", "5");
            text(ctx, 503, "503 — सर्वर शुरू हो रहा है (starting)");
            ctx.skipRemainingHandlers();
        }
    }

    /**
     * A subscription URL (no query) of a kept feed, answered as the site answered it before the restart. Cached for
     * {@link #maxAgeSeconds()} before the first catalogue, a minute: it may find changes made while the server was down.
     */
    private boolean answeredFromKept(Context ctx) {
        if (kept.isEmpty() || ctx.queryString() != null) {
            return false;
        }
        Matcher m = FEED_PATH.matcher(ctx.req().getRequestURI());
        Optional<Rendered> feed = m.matches()
                ? FeedFormat.byExtension(m.group(2)).flatMap(f -> kept.feed(m.group(1), f)) : Optional.empty();
        if (feed.isEmpty()) {
            return false;
        }
        Rendered r = feed.get();
        Reply reply = Reply.of(kept.language(), maxAgeSeconds(), List.of(), r, options(ctx, r));
        countPoll(ctx, reply, r);
        send(ctx, reply);
        return true;
    }

    /** Readiness: 200 once the first catalogue is built and feeds can be served. */
    private void ready(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (site.get() == null) {
            text(ctx, 503, "starting");
        } else {
            text(ctx, 200, "ready");
        }
    }

    private void metrics(Context ctx) {
        byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType(PROMETHEUS_TEXT);
        ctx.header("Content-Length", Integer.toString(body.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(body);
        }
    }

    /** The site's cache lifetime; before the first catalogue, the shortest a feed may have. */
    private int maxAgeSeconds() {
        RenderedSite current = site.get();
        return current == null ? 60 : current.maxAgeSeconds();
    }

    /** After every request: one access-log line and the metrics. */
    private void completed(Context ctx, Float millis) {
        int status = ctx.statusCode();
        completed(ctx.method().name(), ctx.req().getRequestURI(), ctx.req().getQueryString(), status,
                bytesSent(ctx, status), millis, ctx.header("User-Agent"));
    }

    private void completed(String method, String path, String query, int status, long bytes, double millis,
                           String userAgent) {
        AccessLog.log(method, path, query, status, bytes, millis, userAgent);
        RouteLabel label = RouteLabel.of(path);
        listener.completed(new CompletedRequest(method, label.route(), label.format(), status, bytes,
                Duration.ofNanos((long) (millis * 1_000_000.0))));
    }

    private static long bytesSent(Context ctx, int status) {
        String length = ctx.res().getHeader("Content-Length");
        if (ctx.method() == HandlerType.HEAD || status == 304 || length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void feed(Context ctx) {
        Matcher page = FEED_PAGE_PATH.matcher(ctx.req().getRequestURI());
        if (page.matches()) {
            feedPage(ctx, page.group(1));
            return;
        }
        Matcher m = FEED_PATH.matcher(ctx.req().getRequestURI());
        Optional<FeedFormat> format = m.matches() ? FeedFormat.byExtension(m.group(2)) : Optional.empty();
        if (format.isEmpty()) {
            notFound(ctx);
            return;
        }
        Optional<FeedQuery> query = feedQuery(ctx, FEED_PARAMETERS);
        if (query.isEmpty()) {
            return;
        }
        RenderedSite current = site.get();
        Optional<Rendered> feed = current.feed(m.group(1), format.get(), query.get());
        if (feed.isEmpty()) {
            notFound(ctx);
            return;
        }
        Rendered r = feed.get();
        Reply reply = reply(ctx, current, r);
        countPoll(ctx, reply, r);
        send(ctx, reply);
    }

    /** Paging, archives and filters are polls of the same feed; counted before the answer leaves. */
    private void countPoll(Context ctx, Reply reply, Rendered r) {
        stats.flatMap(StatsEndpoint::stats).ifPresent(s -> {
            boolean gzip = Reply.gzipWanted(r, ctx.header("Accept-Encoding"));
            s.polled(ctx.req().getRequestURI(), reply.status(), reply.body().map(b -> b.length).orElse(0),
                    gzip ? r.gzip().get().length : r.bytes().length, r.bytes().length,
                    ctx.header("If-None-Match") != null || ctx.header("If-Modified-Since") != null,
                    ctx.header("User-Agent"), ctx.req().getRemoteAddr());
        });
    }

    /** {@code /feeds/<path>}: the feed's page for people, with the same paging and filters as the feed. */
    private void feedPage(Context ctx, String categoryPath) {
        Optional<FeedQuery> query = feedQuery(ctx, PAGE_PARAMETERS);
        if (query.isEmpty()) {
            return;
        }
        RenderedSite current = site.get();
        Optional<Rendered> page = current.preview(categoryPath, query.get());
        if (page.isEmpty()) {
            notFound(ctx);
            return;
        }
        send(ctx, current, page.get());
    }

    /**
     * The paging and filters a request asks for; empty once a 400 naming the malformed parameter has been answered.
     * Parameters outside {@code names} are not read, so they are not checked.
     */
    private static Optional<FeedQuery> feedQuery(Context ctx, List<String> names) {
        Optional<String> malformed = QueryParameters.firstMalformed(ctx.queryString(), names);
        if (malformed.isPresent()) {
            text(ctx, 400, "400 — " + malformed.get() + " is not percent-encoded UTF-8");
            return Optional.empty();
        }
        try {
            return Optional.of(FeedQuery.parse(ctx.queryParam("page"), ctx.queryParam("limit"), ctx.queryParam("q"),
                    ctx.queryParam("tag"), names.contains("archive") ? ctx.queryParam("archive") : null));
        } catch (IllegalArgumentException e) {
            text(ctx, 400, "400 — " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code /feeds.opml}: every feed in one format, RSS unless {@code ?format=atom} or {@code json} asks otherwise. */
    private void opml(Context ctx) {
        String asked = ctx.queryParam("format");
        Optional<FeedFormat> format = asked == null || asked.isEmpty() ? Optional.of(SiteLinks.OPML_DEFAULT)
                : FeedFormat.byExtension(asked);
        if (format.isEmpty()) {
            text(ctx, 400, "400 — format must be rss, atom or json");
            return;
        }
        RenderedSite current = site.get();
        send(ctx, current, current.opml(format.get()));
    }

    /** {@code /icon.png}, {@code /logo.png}, {@code /assets/copy.js}: the files shipped in the jar. */
    private void asset(Context ctx) {
        RenderedSite current = site.get();
        Optional<Rendered> image = current.asset(ctx.path());
        if (image.isEmpty()) {
            notFound(ctx);
            return;
        }
        send(ctx, current, image.get());
    }

    /**
     * {@code /favicon.ico}, which browsers ask for where no page names an icon: the site's own icon when one is
     * configured (a temporary redirect, since the config may change), else the shipped one.
     */
    private void favicon(Context ctx) {
        RenderedSite current = site.get();
        Optional<String> elsewhere = current.iconElsewhere();
        if (elsewhere.isPresent()) {
            ctx.header("Location", elsewhere.get());
            ctx.header("Cache-Control", "public, max-age=" + current.maxAgeSeconds());
            text(ctx, 302, "302 — " + elsewhere.get());
            return;
        }
        asset(ctx);
    }

    private void article(Context ctx) {
        String raw = ctx.req().getRequestURI().substring("/articles/".length());
        Optional<String> key = PathSegments.decode(raw);
        if (key.isEmpty()) {
            text(ctx, 400, "400 — पता सही नहीं है (malformed path)");
            return;
        }
        RenderedSite current = site.get();
        Optional<Rendered> page = current.article(key.get());
        if (page.isEmpty()) {
            notFound(ctx);
            return;
        }
        send(ctx, current, page.get());
    }

    private void stats(Context ctx) {
        if (stats.isEmpty()) {
            notFound(ctx);
            return;
        }
        stats.get().handle(ctx, site.get());
    }

    private void status(Context ctx) {
        StatusReport report = status.get();
        boolean json = ContentNegotiation.wantsJson(ctx.header("Accept"));
        RenderedSite current = site.get();
        byte[] body = json ? StatusPage.json(report) : StatusPage.html(report, current.layout(), current.language());
        ctx.header("Vary", "Accept");
        ctx.header("Cache-Control", "no-store");
        if (!json) {
            pageHeaders(ctx, current);
        }
        ctx.status(200).contentType(json ? StatusPage.JSON_TYPE : StatusPage.HTML);
        ctx.header("Content-Length", Integer.toString(body.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(body);
        }
    }

    /** Writes a rendered body with validators, answering 304 when the client's copy is current. */
    private void send(Context ctx, RenderedSite current, Rendered body) {
        send(ctx, reply(ctx, current, body));
    }

    private static Reply reply(Context ctx, RenderedSite current, Rendered body) {
        return Reply.of(current, body, options(ctx, body));
    }

    /** What the request asks of {@code body}: gzip, a 304, the headers only. */
    private static EnumSet<Reply.Option> options(Context ctx, Rendered body) {
        EnumSet<Reply.Option> options = Reply.negotiated(body, ctx.header("Accept-Encoding"),
                ctx.header("If-None-Match"), ctx.header("If-Modified-Since"));
        if (ctx.method() == HandlerType.HEAD) {
            options.add(Reply.Option.HEAD);
        }
        return options;
    }

    private void send(Context ctx, Reply reply) {
        ctx.status(reply.status());
        for (Reply.Header h : reply.headers()) {
            if (h.name().equals("Content-Type")) {
                ctx.contentType(h.value());
            } else {
                ctx.header(h.name(), h.value());
            }
        }
        reply.body().ifPresent(ctx::result);
        if (reply.status() == 304) {
            commitWithoutLength(ctx);
        }
    }

    /**
     * Sends a 304's headers now: completed without a write, Jetty would add {@code Content-Length: 0}, which a 304
     * must not carry (RFC 9110 §8.6: only the 200's length, which old HTTP parsers then wait for as a body).
     */
    private static void commitWithoutLength(Context ctx) {
        try {
            ctx.res().flushBuffer();
        } catch (IOException e) {
            // the client went away; there is nothing left to send it
        }
    }

    /**
     * 404: a page in the site's look for a browser looking for a page, the short text for everyone else. Feeds, the
     * API, health and metrics keep their short answers whatever the client accepts: what reads them is a program.
     */
    private void notFound(Context ctx) {
        RenderedSite current = site.get();
        if (current == null || !ContentNegotiation.prefersHtml(ctx.header("Accept"))
                || !forPeople(ctx.req().getRequestURI())) {
            text(ctx, 404, "404 — यह पृष्ठ नहीं मिला (not found)");
            return;
        }
        Rendered page = current.notFound();
        pageHeaders(ctx, current);
        ctx.status(404).contentType(page.contentType()).result(page.bytes());
        ctx.header("Content-Length", Integer.toString(page.bytes().length));
    }

    /** Whether a path could be a page: not a feed document or the API, health or metrics (a feed's page is one). */
    private static boolean forPeople(String path) {
        if (path.startsWith("/feeds/")) {
            return FEED_PAGE_PATH.matcher(path).matches();
        }
        for (String machines : List.of("/api", "/health", "/metrics")) {
            if (path.equals(machines) || path.startsWith(machines + "/")) {
                return false;
            }
        }
        return true;
    }

    /** The headers every HTML page is sent with, for pages sent without {@link Reply}. */
    private static void pageHeaders(Context ctx, RenderedSite current) {
        ctx.header("Content-Language", current.language().value());
        Reply.pageHeaders(current).forEach(h -> ctx.header(h.name(), h.value()));
    }

    private static void text(Context ctx, int status, String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ctx.status(status).contentType(TEXT).result(body);
        ctx.header("Content-Length", Integer.toString(body.length));
    }
}
