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
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.pravah.article.ArticleDates;
import org.pravah.article.ArticleException;
import org.pravah.catalog.Category;
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
            ApiRequest.authenticate(ctx.header("Authorization"), cfg.api());
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
        byte[] bytes = ApiRequest.body(ctx, config.api().maxBodyBytes());
        JsonNode document;
        try {
            document = ArticleDocument.parse(bytes);
        } catch (ArticleException e) {
            throw Problem.of(400, "invalid-body", "Invalid request body", e.getMessage()).raise();
        }
        Publisher.Outcome outcome = publisher.put(document, pathId, ApiRequest.preconditions(ctx));
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
        Publisher.Saved saved = saved(publisher.delete(id, ApiRequest.preconditions(ctx)));
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
        if (!bodyFinished(ctx)) {
            // refused before its body was read (a token, media type or size problem): the server will not read the
            // rest, so it cannot keep the connection, and a client that is not told so sends its next request into
            // a socket about to close and gets no answer at all
            ctx.header("Connection", "close");
        }
        respond(ctx, problem.status(), PROBLEM_JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean bodyFinished(Context ctx) {
        try {
            return ctx.req().getInputStream().isFinished();
        } catch (IOException e) {
            return false;
        }
    }

}
