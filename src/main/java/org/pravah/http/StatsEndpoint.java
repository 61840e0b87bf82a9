package org.pravah.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import org.pravah.config.PravahConfig;
import org.pravah.render.RenderedSite;
import org.pravah.stats.FeedStats;
import org.pravah.stats.StatsJson;

/**
 * {@code /stats}: who reads each feed, as a page for people or JSON ({@code Accept: application/json}). With an API
 * token configured it asks for that token, as {@code Authorization: Bearer <token>} or, so that a browser can show
 * its login box, as the password of HTTP Basic (any user name); {@code stats.public: true} opens it to everyone.
 */
public final class StatsEndpoint {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String CHALLENGE = "Bearer realm=\"pravah\", Basic realm=\"pravah stats\", charset=\"UTF-8\"";

    private final Optional<FeedStats> stats;
    private final Supplier<PravahConfig> config;

    /**
     * @param stats  empty when counting is off ({@code stats.enabled: false})
     * @param config read per request: tokens and {@code stats.public} follow config reloads
     */
    public StatsEndpoint(Optional<FeedStats> stats, Supplier<PravahConfig> config) {
        this.stats = stats;
        this.config = config;
    }

    Optional<FeedStats> stats() {
        return stats;
    }

    void handle(Context ctx, RenderedSite site) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Vary", "Accept, Authorization");
        PravahConfig cfg = config.get();
        if (cfg.api().enabled() && !cfg.stats().publicPage() && !authorised(ctx.header("Authorization"), cfg)) {
            ctx.header("WWW-Authenticate", CHALLENGE);
            text(ctx, 401, "401 — आँकड़े देखने के लिए API टोकन चाहिए (send the API token: Authorization: Bearer"
                    + " <token>, or as the password of HTTP Basic; or set stats.public: true)");
            return;
        }
        if (stats.isEmpty()) {
            text(ctx, 404, "404 — आँकड़े बंद हैं (statistics are off: stats.enabled is false)");
            return;
        }
        boolean json = ContentNegotiation.wantsJson(ctx.header("Accept"));
        byte[] body = json ? StatsJson.of(stats.get().report()) : site.statsPage(stats.get().report());
        ctx.status(200).contentType(json ? StatusPage.JSON_TYPE : StatusPage.HTML);
        if (!json) {
            // a page of the site like any other: its style is allowed by the policy's hash, nothing else runs
            Reply.pageHeaders(site).forEach(h -> ctx.header(h.name(), h.value()));
        }
        ctx.header("Content-Length", Integer.toString(body.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(body);
        }
    }

    private static boolean authorised(String authorization, PravahConfig cfg) {
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return ApiRequest.tokenAccepted(authorization.substring(7).strip(), cfg.api());
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon >= 0 && ApiRequest.tokenAccepted(pair.substring(colon + 1), cfg.api());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static void text(Context ctx, int status, String message) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ctx.status(status).contentType(TEXT).result(body);
        ctx.header("Content-Length", Integer.toString(body.length));
    }
}
