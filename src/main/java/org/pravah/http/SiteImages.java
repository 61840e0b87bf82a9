package org.pravah.http;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.pravah.source.PictureFiles;

/**
 * {@code /images/<name>}: the site's own pictures ({@code site.images}), read from the folder at each request, so a
 * picture saved there is served at once and a large archive of them costs no memory. Jetty's resource service does
 * the file serving (ETag and Last-Modified from the file, 304, ranges, HEAD); this class only decides what may be
 * served: {@linkplain PictureFiles pictures}, no hidden names, nothing reached through a link that leads out of the
 * folder. Anything else goes on to Javalin, which answers 404.
 */
final class SiteImages extends Handler.Wrapper {
    static final String PREFIX = "/images/";

    private final ResourceService files = new ResourceService();
    private final IntSupplier maxAgeSeconds;
    private final FeedFastPath.Completion completion;

    /**
     * @param folder        the pictures' folder; it must exist
     * @param maxAgeSeconds how long caches may keep a picture without asking again: the site's feed lifetime, since a
     *                      picture saved under an old name should show up no later than the article that uses it
     */
    SiteImages(Path folder, IntSupplier maxAgeSeconds, FeedFastPath.Completion completion) {
        this.maxAgeSeconds = maxAgeSeconds;
        this.completion = completion;
        files.setHttpContentFactory(new ResourceHttpContentFactory(ResourceFactory.root().newResource(folder),
                new MimeTypes(), ByteBufferPool.SIZED_NON_POOLING));
        files.setEtags(true);
        files.setDirAllowed(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        if (!(HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) || path == null || !path.startsWith(PREFIX)
                || path.contains("/.")) {
            return super.handle(request, response, callback);
        }
        Optional<String> type = PictureFiles.type(path.substring(path.lastIndexOf('/') + 1));
        HttpContent content = type.isEmpty() ? null : files.getContent(path.substring(PREFIX.length() - 1), request);
        if (content == null || content.getResource() == null || content.getResource().isAlias()
                || content.getResource().isDirectory()) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type.get());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds.getAsInt());
        response.getHeaders().put("Content-Security-Policy", PictureFiles.POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        String query = request.getHttpURI().getQuery();
        String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
        Runnable report = () -> completion.completed(method, path, query, response.getStatus(),
                Response.getContentBytesWritten(response), (System.nanoTime() - started) / 1_000_000.0, userAgent);
        files.doGet(request, response, Callback.from(() -> {
            report.run();
            callback.succeeded();
        }, failure -> {
            report.run();
            callback.failed(failure);
        }), content);
        return true;
    }
}
