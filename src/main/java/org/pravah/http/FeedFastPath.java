package org.pravah.http;

import static org.pravah.http.Reply.Option.GZIP;
import static org.pravah.http.Reply.Option.NOT_MODIFIED;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.pravah.render.FeedFormat;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.stats.FeedStats;

/**
 * Answers the requests aggregators make all day — GET or HEAD of a feed's subscription URL, no query — straight from
 * Jetty with the cached bytes, before the servlet layer and Javalin's routing; they cost most of a request's time and
 * add nothing here. Anything else, or anything this handler is unsure of (no site yet, unknown category), goes on to
 * Javalin, which answers it with the same {@link Reply}.
 *
 * <p>A feed URL can only get four answers per snapshot (gzip or identity, 200 or 304), so each is decided by
 * {@link Reply} once, with its headers encoded to bytes, the first time the URL is asked for; a request then only
 * reads its validators and Accept-Encoding, and picks one.
 */
final class FeedFastPath extends Handler.Wrapper {
    /** Hears of every request answered here, as Javalin's request logger does for the others. */
    interface Completion {
        void completed(String method, String path, String query, int status, long bytes, double millis,
                       String userAgent);
    }

    private final Supplier<RenderedSite> site;
    private final Completion completion;
    /** Hears of every feed poll; null when counting is off. */
    private final FeedStats stats;
    /** The prepared answers of the snapshot last served; replaced, never changed, when the snapshot is. */
    private volatile Prepared prepared;

    FeedFastPath(Supplier<RenderedSite> site, Completion completion, FeedStats stats) {
        this.site = site;
        this.completion = completion;
        this.stats = stats;
    }

    /** Feeds prepared for one snapshot, by request path; only paths that name a feed get in, so it stays small. */
    private record Prepared(RenderedSite site, Map<String, PreparedFeed> byPath) {
    }

    /** @param path the request path as first asked for: the one String of it that every poll hands to the counting */
    private record PreparedFeed(String path, Rendered rendered, Answer identity, Answer gzip,
                                Answer identityNotModified, Answer gzipNotModified) {
        Answer pick(boolean gzipped, boolean notModified) {
            if (gzipped) {
                return notModified ? gzipNotModified : gzip;
            }
            return notModified ? identityNotModified : identity;
        }
    }

    /** @param body null when there is none (304) */
    private record Answer(int status, HttpField[] headers, byte[] body) {
        static Answer of(Reply reply) {
            HttpField[] headers = reply.headers().stream()
                    .map(h -> new PreEncodedHttpField(HttpHeader.CACHE.get(h.name()), h.name(), h.value()))
                    .toArray(HttpField[]::new);
            return new Answer(reply.status(), headers, reply.body().orElse(null));
        }
    }

    /**
     * Nothing here waits (the bytes are prepared, the write completes later on its own), so Jetty may run it on the
     * thread that read the request, as nginx runs a worker: declared blocking, as Javalin's servlets make the server,
     * each request was handed from thread to thread, and waking threads cost a cached request more CPU time than
     * answering it (BENCHMARKS.md, "Serving and starting", run 13). What this handler does not answer may wait
     * (servlets reading a body, image files), so it goes to the thread pool.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** Hands the request to the handlers behind this one on a pool thread: they may block, a selector must not. */
    private boolean passOn(Request request, Response response, Callback callback) {
        getServer().getThreadPool().execute(() -> {
            try {
                if (!super.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable x) {
                callback.failed(x);
            }
        });
        return true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!(head || HttpMethod.GET.is(method)) || request.getHttpURI().getQuery() != null) {
            return passOn(request, response, callback);
        }
        RenderedSite current = site.get();
        if (current == null) {
            return passOn(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        PreparedFeed feed = prepare(current, path);
        if (feed == null) {
            return passOn(request, response, callback);
        }
        HttpFields headers = request.getHeaders();
        Rendered rendered = feed.rendered();
        boolean gzip = Reply.gzipWanted(rendered, headers.get(HttpHeader.ACCEPT_ENCODING));
        boolean notModified = ConditionalGet.notModified(headers.get(HttpHeader.IF_NONE_MATCH),
                headers.get(HttpHeader.IF_MODIFIED_SINCE), rendered.etag(), rendered.lastModified());
        Answer answer = feed.pick(gzip, notModified);
        response.setStatus(answer.status());
        HttpFields.Mutable out = response.getHeaders();
        for (HttpField h : answer.headers()) {
            out.add(h);
        }
        long bytes = answer.body() == null || head ? 0 : answer.body().length;
        String userAgent = headers.get(HttpHeader.USER_AGENT);
        if (stats != null) {
            // counted before the answer leaves, so that whoever reads the counts after it sees this poll
            int identity = rendered.bytes().length;
            // the prepared path, not this request's copy: the stats thread then finds the feed's counts by a String
            // it has seen (its hash kept, its bytes in its cache), not by reading a new one that another core wrote
            stats.polled(feed.path(), answer.status(), bytes, gzip ? rendered.gzip().get().length : identity, identity,
                    headers.contains(HttpHeader.IF_NONE_MATCH) || headers.contains(HttpHeader.IF_MODIFIED_SINCE),
                    userAgent, request.getConnectionMetaData().getRemoteSocketAddress());
        }
        if (answer.body() == null) {
            // headers go out first, then the exchange completes: completed without a write, Jetty would add
            // "Content-Length: 0", which a 304 must not carry (RFC 9110 §8.6 allows only the 200's length)
            response.write(false, ByteBuffer.allocate(0), Callback.from(callback::succeeded, callback::failed));
        } else if (head) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
        completion.completed(method, path, null, answer.status(), bytes, (System.nanoTime() - started) / 1_000_000.0,
                userAgent);
        return true;
    }

    /** The feed a path names in this snapshot, prepared on first use; null when it names none. */
    private PreparedFeed prepare(RenderedSite current, String path) {
        Prepared p = prepared;
        if (p == null || p.site() != current) {
            // two threads may both start a new one after a reload; either is right, one is kept
            p = new Prepared(current, new ConcurrentHashMap<>());
            prepared = p;
        }
        PreparedFeed feed = p.byPath().get(path);
        if (feed != null) {
            return feed;
        }
        Matcher m = Server.FEED_PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Optional<Rendered> rendered = FeedFormat.byExtension(m.group(2)).flatMap(f -> current.feed(m.group(1), f));
        if (rendered.isEmpty()) {
            return null;
        }
        Rendered r = rendered.get();
        // without a gzip form the "gzip" answers are the identity ones; a HEAD is answered from these without the body
        boolean coded = r.gzip().isPresent();
        feed = new PreparedFeed(path, r,
                Answer.of(Reply.of(current, r, EnumSet.noneOf(Reply.Option.class))),
                Answer.of(Reply.of(current, r, coded ? EnumSet.of(GZIP) : EnumSet.noneOf(Reply.Option.class))),
                Answer.of(Reply.of(current, r, EnumSet.of(NOT_MODIFIED))),
                Answer.of(Reply.of(current, r, coded ? EnumSet.of(GZIP, NOT_MODIFIED) : EnumSet.of(NOT_MODIFIED))));
        PreparedFeed raced = p.byPath().putIfAbsent(path, feed);
        return raced != null ? raced : feed;
    }
}
