package org.pravah.http;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.pravah.render.FeedFormat;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;

/**
 * Answers the requests aggregators make all day — GET or HEAD of a feed's subscription URL, no query — straight from
 * Jetty with the cached bytes, before the servlet layer and Javalin's routing; they cost most of a request's time and
 * add nothing here. Anything else, or anything this handler is unsure of (no site yet, unknown category), goes on to
 * Javalin, which answers it with the same {@link Reply}.
 */
final class FeedFastPath extends Handler.Wrapper {
    /** Hears of every request answered here, as Javalin's request logger does for the others. */
    interface Completion {
        void completed(String method, String path, String query, int status, long bytes, double millis,
                       String userAgent);
    }

    private final Supplier<RenderedSite> site;
    private final Completion completion;

    FeedFastPath(Supplier<RenderedSite> site, Completion completion) {
        this.site = site;
        this.completion = completion;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!(head || HttpMethod.GET.is(method)) || request.getHttpURI().getQuery() != null) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        Matcher m = Server.FEED_PATH.matcher(path);
        RenderedSite current = site.get();
        if (!m.matches() || current == null) {
            return super.handle(request, response, callback);
        }
        Optional<FeedFormat> format = FeedFormat.byExtension(m.group(2));
        Optional<Rendered> feed = format.flatMap(f -> current.feed(m.group(1), f));
        if (feed.isEmpty()) {
            return super.handle(request, response, callback);
        }
        HttpFields headers = request.getHeaders();
        Reply reply = Reply.of(current, feed.get(), head, headers.get(HttpHeader.IF_NONE_MATCH),
                headers.get(HttpHeader.IF_MODIFIED_SINCE), headers.get(HttpHeader.ACCEPT_ENCODING));
        response.setStatus(reply.status());
        HttpFields.Mutable out = response.getHeaders();
        for (Reply.Header h : reply.headers()) {
            out.put(h.name(), h.value());
        }
        long bytes = reply.body().map(b -> (long) b.length).orElse(0L);
        if (reply.body().isPresent()) {
            response.write(true, ByteBuffer.wrap(reply.body().get()), callback);
        } else {
            callback.succeeded();
        }
        completion.completed(method, path, null, reply.status(), bytes, (System.nanoTime() - started) / 1_000_000.0,
                headers.get(HttpHeader.USER_AGENT));
        return true;
    }
}
