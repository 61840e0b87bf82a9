package org.pravah.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pravah.article.ArticleDates;
import org.pravah.article.ArticleException;
import org.pravah.catalog.Category;
import org.pravah.config.ApiConfig;
import org.pravah.config.PravahConfig;
import org.pravah.publish.Publisher;
import org.pravah.source.ArticleDocument;
import org.pravah.store.Precondition;
import org.pravah.store.StoreException;
import org.pravah.store.StoredArticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish API: {@code /api/articles} in the JSON shape of article files, for a CMS that pushes articles.
 *
 * <p>Every request needs {@code Authorization: Bearer <token>}; the token's SHA-256 is compared with the configured
 * hashes in constant time. With no token configured (or no {@code store} source) the API is off and says so; it is
 * never open. Errors are RFC 9457 problem details. Writes may carry {@code If-Match: "<revision>"} (412 when the
 * article has moved on) or {@code If-None-Match: *} (create only); without them the last write wins.
 */
public final class ArticleApi {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleApi.class);
    static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    /** A write answers once the feeds show it, or after this long at most; the refresh goes on either way. */
    static final long SERVED_WAIT_MILLIS = 1000;
    private static final Pattern STRONG_REVISION = Pattern.compile("\"(\\d{1,18})\"");
    /**
     * Built at the first problem with extensions, not at start-up: a mapper is slow to build on a cold JVM
     * (BENCHMARKS.md, "Figures behind design choices").
     */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    private final Supplier<Optional<Publisher>> publisher;
    private final Supplier<PravahConfig> config;
    private final Supplier<Optional<String>> storeProblem;

    /**
     * @param publisher    the current publisher; empty when no {@code store} source is configured or the store is
     *                     not open
     * @param config       the current config (tokens and limits may change on a config reload)
     * @param storeProblem why the store is not open, if it is not (for the log; clients are told only that)
     */
    public ArticleApi(Supplier<Optional<Publisher>> publisher, Supplier<PravahConfig> config,
                      Supplier<Optional<String>> storeProblem) {
        this.publisher = publisher;
        this.config = config;
        this.storeProblem = storeProblem;
    }

    private interface Action {
        void run(Context ctx, Publisher publisher, PravahConfig config) throws Problem.Raised, StoreException;
    }

    void addRoutes(RoutesConfig routes) {
        routes.addHttpHandler(HandlerType.GET, "/api/articles", ctx -> handle(ctx, this::list));
        routes.addHttpHandler(HandlerType.POST, "/api/articles", ctx -> handle(ctx,
                (c, p, cfg) -> write(c, p, cfg, Optional.empty())));
        // <id>, not {id}: an id may hold '/' (an imported archive's paths), and takes the rest of the path
        routes.addHttpHandler(HandlerType.GET, "/api/articles/<id>", ctx -> handle(ctx, this::get));
        routes.addHttpHandler(HandlerType.PUT, "/api/articles/<id>", ctx -> handle(ctx,
                (c, p, cfg) -> write(c, p, cfg, Optional.of(pathId(c, true)))));
        routes.addHttpHandler(HandlerType.DELETE, "/api/articles/<id>", ctx -> handle(ctx, this::delete));
    }

    private void handle(Context ctx, Action action) {
        ctx.header("Cache-Control", "no-store");
        try {
            PravahConfig cfg = config.get();
            Optional<Publisher> current = publisher.get();
            Optional<String> closed = storeProblem.get();
            if (current.isEmpty() && closed.isEmpty()) {
                throw off("no source of type 'store' is configured (add '- {name: cms, type: store}' to sources)");
            }
            if (!cfg.api().enabled()) {
                throw off("no API token is configured (set the environment variable PRAVAH_API_TOKEN, or"
                        + " api.tokenSha256 in the config); without one the API stays off");
            }
            authenticate(ctx.header("Authorization"), cfg.api());
            if (current.isEmpty()) {
                throw new StoreException(closed.get(), null);
            }
            action.run(ctx, current.get(), cfg);
        } catch (Problem.Raised raised) {
            send(ctx, raised.problem());
        } catch (StoreException e) {
            LOG.error("api: {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            send(ctx, Problem.of(503, "store-unavailable", "Store unavailable",
                    "the article store cannot be reached; try again shortly").withHeader("Retry-After", "5"));
        } catch (RuntimeException e) {
            LOG.error("api: {} {} failed", ctx.method(), ctx.path(), e);
            send(ctx, Problem.of(500, "internal-error", "Internal error", "the server failed; the log says why"));
        }
    }

    private static Problem.Raised off(String why) {
        return Problem.of(404, "api-off", "Publish API is off", why).raise();
    }

    /** RFC 6750: a missing or wrong token is 401, with a challenge saying which. */
    static void authenticate(String authorization, ApiConfig api) throws Problem.Raised {
        String challenge = "Bearer realm=\"pravah\"";
        if (authorization == null || authorization.isBlank()) {
            throw Problem.of(401, "unauthorized", "Unauthorized", "send the API token: Authorization: Bearer <token>")
                    .withHeader("WWW-Authenticate", challenge).raise();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problem.of(401, "unauthorized", "Unauthorized", "only 'Authorization: Bearer <token>' is accepted")
                    .withHeader("WWW-Authenticate", challenge).raise();
        }
        if (!tokenAccepted(authorization.substring(7).strip(), api)) {
            throw Problem.of(401, "invalid-token", "Unauthorized", "the API token is not valid")
                    .withHeader("WWW-Authenticate", challenge + ", error=\"invalid_token\"").raise();
        }
    }

    /** Whether {@code token} is one of the configured API tokens (compared by SHA-256, in constant time). */
    static boolean tokenAccepted(String token, ApiConfig api) {
        byte[] presented = sha256(token);
        boolean accepted = false;
        // compare hashes of equal length without stopping early: the time taken says nothing about the token
        for (String hex : api.tokenSha256()) {
            accepted |= MessageDigest.isEqual(presented, HexFormat.of().parseHex(hex));
        }
        return accepted;
    }

    private void get(Context ctx, Publisher publisher, PravahConfig config) throws Problem.Raised, StoreException {
        String id = pathId(ctx, false);
        StoredArticle article = live(publisher.get(id), id);
        String etag = etag(article);
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", ConditionalGet.httpDate(article.updated()));
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ConditionalGet.matchesAny(ifNoneMatch, etag)) {
            ctx.status(304);
            return;
        }
        json(ctx, 200, parseStored(article));
    }

    private void list(Context ctx, Publisher publisher, PravahConfig config) throws Problem.Raised, StoreException {
        int limit = DEFAULT_LIMIT;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            if (!rawLimit.matches("\\d{1,4}") || Integer.parseInt(rawLimit) < 1 || Integer.parseInt(rawLimit) > MAX_LIMIT) {
                throw Problem.of(400, "invalid-parameter", "Invalid parameter",
                        "limit: expected a whole number from 1 to " + MAX_LIMIT + ", found '" + rawLimit + "'")
                        .with("parameter", "limit").raise();
            }
            limit = Integer.parseInt(rawLimit);
        }
        Optional<Category> category = Optional.empty();
        String rawCategory = ctx.queryParam("category");
        if (rawCategory != null && !rawCategory.isBlank()) {
            category = publisher.category(rawCategory);
            if (category.isEmpty()) {
                throw Problem.of(400, "invalid-parameter", "Invalid parameter",
                        "category: no category is named '" + rawCategory + "' (use a slug path, slug, label or alias)")
                        .with("parameter", "category").raise();
            }
        }
        ZoneId zone = config.site().timeZone();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("source", publisher.sourceName());
        category.ifPresent(c -> body.put("category", c.path()));
        ArrayNode items = body.putArray("articles");
        for (StoredArticle a : publisher.list(category, limit)) {
            ObjectNode item = items.addObject();
            item.put("id", a.id());
            item.put("revision", a.revision());
            item.put("created", ArticleDates.rfc3339(a.created(), zone));
            item.put("updated", ArticleDates.rfc3339(a.updated(), zone));
            item.set("article", parseStored(a));
        }
        json(ctx, 200, body);
    }

    private void write(Context ctx, Publisher publisher, PravahConfig config, Optional<String> pathId)
            throws Problem.Raised, StoreException {
        byte[] bytes = body(ctx, config.api().maxBodyBytes());
        JsonNode document;
        try {
            document = ArticleDocument.parse(bytes);
        } catch (ArticleException e) {
            throw Problem.of(400, "invalid-body", "Invalid request body", e.getMessage()).raise();
        }
        Publisher.Outcome outcome = publisher.put(document, pathId, preconditions(ctx));
        if (outcome instanceof Publisher.Invalid invalid) {
            List<Map<String, String>> errors = new ArrayList<>();
            invalid.problems().forEach(p -> errors.add(Map.of("pointer", p.pointer(), "detail", p.detail())));
            throw Problem.of(400, "invalid-article", "Invalid article",
                    errors.size() + " field(s) break the article rules; see errors")
                    .with("errors", errors).raise();
        }
        Publisher.Saved saved = saved(outcome);
        awaitServed(saved.served());
        StoredArticle article = saved.article();
        ctx.header("ETag", etag(article));
        ctx.header("Last-Modified", ConditionalGet.httpDate(article.updated()));
        if (saved.created()) {
            ctx.header("Location", "/api/articles/" + article.id());
        }
        json(ctx, saved.created() ? 201 : 200, parseStored(article));
    }

    private void delete(Context ctx, Publisher publisher, PravahConfig config) throws Problem.Raised, StoreException {
        String id = pathId(ctx, false);
        Publisher.Saved saved = saved(publisher.delete(id, preconditions(ctx)));
        awaitServed(saved.served());
        ctx.status(204);
    }

    /** The saved write, or the problem that kept it from being saved. */
    private static Publisher.Saved saved(Publisher.Outcome outcome) throws Problem.Raised {
        if (outcome instanceof Publisher.PreconditionFailed failed) {
            Problem problem = Problem.of(412, "precondition-failed", "Precondition failed", failed.current()
                    .filter(a -> !a.deleted())
                    .map(a -> "the article is at revision " + a.revision() + "; fetch it, apply your change again and"
                            + " send If-Match: " + etag(a))
                    .orElse("the article does not exist (If-Match needs it to)"));
            Optional<StoredArticle> live = failed.current().filter(a -> !a.deleted());
            problem = problem.with("currentRevision", live.map(StoredArticle::revision).orElse(null));
            if (live.isPresent()) {
                problem = problem.withHeader("ETag", etag(live.get()));
            }
            throw problem.raise();
        }
        if (outcome instanceof Publisher.NotFound notFound) {
            throw gone(notFound.tombstone()).raise();
        }
        return (Publisher.Saved) outcome;
    }

    private static StoredArticle live(Optional<StoredArticle> row, String id) throws Problem.Raised {
        if (row.isEmpty() || row.get().deleted()) {
            throw gone(row).raise();
        }
        return row.get();
    }

    /** 410 for a tombstone (the article was deleted), 404 for an id never written. */
    private static Problem gone(Optional<StoredArticle> tombstone) {
        if (tombstone.isPresent()) {
            StoredArticle t = tombstone.get();
            return Problem.of(410, "gone", "Gone", "article '" + t.id() + "' was deleted (revision " + t.revision() + ")")
                    .with("revision", t.revision());
        }
        return Problem.of(404, "not-found", "Not found", "no article with this id");
    }

    private static void awaitServed(CompletableFuture<Void> served) {
        try {
            served.get(SERVED_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("api: answering before the feeds show the write; the refresh goes on");
        } catch (ExecutionException e) {
            LOG.warn("api: the write is stored, but refreshing the feeds failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param forWrite a PUT with a bad id is a bad request; a GET or DELETE of one names nothing that can exist */
    private static String pathId(Context ctx, boolean forWrite) throws Problem.Raised {
        String id = ctx.pathParam("id");
        if (!ArticleDocument.isValidId(id)) {
            if (forWrite) {
                throw Problem.of(400, "invalid-id", "Invalid article id", "'" + id + "' is not an article id: "
                        + ArticleDocument.ID_RULE).raise();
            }
            throw gone(Optional.empty()).raise();
        }
        return id;
    }

    /** Checks the media type (application/json, UTF-8 only) and reads at most {@code max} bytes. */
    private static byte[] body(Context ctx, int max) throws Problem.Raised {
        checkContentType(ctx.header("Content-Type"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(max);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(max + 1);
        } catch (IOException e) {
            throw Problem.of(400, "invalid-body", "Invalid request body", "the body could not be read: "
                    + e.getMessage()).raise();
        }
        if (bytes.length > max) {
            throw tooLarge(max);
        }
        return bytes;
    }

    static void checkContentType(String contentType) throws Problem.Raised {
        String why = null;
        if (contentType == null || contentType.isBlank()) {
            why = "no Content-Type; send Content-Type: application/json";
        } else {
            String[] parts = contentType.split(";");
            String media = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                why = "Content-Type '" + media + "' is not accepted; send application/json";
            }
            for (int i = 1; i < parts.length && why == null; i++) {
                String[] param = parts[i].split("=", 2);
                if (param[0].strip().equalsIgnoreCase("charset")) {
                    String charset = param.length < 2 ? "" : param[1].strip().replace("\"", "");
                    if (!charset.equalsIgnoreCase("utf-8")) {
                        why = "charset '" + charset + "' is not accepted; articles are sent in UTF-8";
                    }
                }
            }
        }
        if (why != null) {
            throw Problem.of(415, "unsupported-media-type", "Unsupported media type", why)
                    .withHeader("Accept", "application/json").raise();
        }
    }

    private static Problem.Raised tooLarge(int max) {
        return Problem.of(413, "body-too-large", "Request body too large",
                "the body is larger than the " + max + "-byte limit (api.maxBodyBytes)").with("maxBytes", max).raise();
    }

    /** If-Match / If-None-Match with revisions as strong entity tags; weak or foreign tags never match. */
    static Precondition preconditions(Context ctx) {
        return new Precondition(revisions(ctx.header("If-Match")), revisions(ctx.header("If-None-Match")));
    }

    static Optional<Precondition.Revisions> revisions(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.strip().equals("*")) {
            return Optional.of(Precondition.Revisions.ANY);
        }
        Set<Long> revisions = new HashSet<>();
        for (String tag : header.split(",")) {
            Matcher m = STRONG_REVISION.matcher(tag.strip());
            if (m.matches()) {
                revisions.add(Long.parseLong(m.group(1)));
            }
        }
        return Optional.of(new Precondition.Revisions(false, revisions));
    }

    static String etag(StoredArticle article) {
        return "\"" + article.revision() + "\"";
    }

    private static JsonNode parseStored(StoredArticle article) {
        try {
            return ArticleDocument.parseStored(article.document());
        } catch (ArticleException e) {
            throw new IllegalStateException("store " + article.sourceName() + "/" + article.id() + ": " + e.getMessage(), e);
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        respond(ctx, status, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** With Content-Length set, as every other response here: the access log and metrics count the bytes from it. */
    private static void respond(Context ctx, int status, String contentType, byte[] bytes) {
        ctx.header("Content-Length", Integer.toString(bytes.length));
        ctx.status(status).contentType(contentType).result(bytes);
    }

    private static void send(Context ctx, Problem problem) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", ctx.path());
        problem.extensions().forEach((name, value) -> body.set(name, Mapper.INSTANCE.valueToTree(value)));
        problem.headers().forEach(ctx::header);
        respond(ctx, problem.status(), PROBLEM_JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
