package org.pravah.http;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pravah.article.LanguageTag;
import org.pravah.render.PageLayout;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;

/**
 * What to answer for a rendered body, decided once for both ways a response leaves the server (the Javalin routes and
 * the feed fast path): status, headers and the bytes, from the request's validators and Accept-Encoding. Pure.
 *
 * @param body absent for 304 and HEAD (whose headers still describe the body)
 */
record Reply(int status, List<Header> headers, Optional<byte[]> body) {
    record Header(String name, String value) {
    }

    /** On every answer: a browser takes the Content-Type as sent, never guessing a script or page from the bytes. */
    static final Header NOSNIFF = new Header("X-Content-Type-Options", "nosniff");

    /** What every HTML page is sent with: the policy that fits the site's pages, and how much a link tells. */
    static List<Header> pageHeaders(RenderedSite current) {
        return List.of(new Header("Content-Security-Policy", current.layout().contentSecurityPolicy()),
                new Header("Referrer-Policy", PageLayout.REFERRER_POLICY));
    }

    /** How a reply differs from the plain 200 with the identity body; named, so a call site says what it asks for. */
    enum Option {
        /** the gzip form of the body (only asked for when there is one) */
        GZIP,
        /** the headers of the body without the body */
        HEAD,
        /** a 304 for the client's current copy */
        NOT_MODIFIED
    }

    /** What the request's Accept-Encoding and validators ask for: {@link Option#GZIP}, {@link Option#NOT_MODIFIED}. */
    static EnumSet<Option> negotiated(Rendered rendered, String acceptEncoding, String ifNoneMatch,
                                      String ifModifiedSince) {
        EnumSet<Option> options = EnumSet.noneOf(Option.class);
        if (gzipWanted(rendered, acceptEncoding)) {
            options.add(Option.GZIP);
        }
        if (ConditionalGet.notModified(ifNoneMatch, ifModifiedSince, rendered.etag(), rendered.lastModified())) {
            options.add(Option.NOT_MODIFIED);
        }
        return options;
    }

    /** Whether the gzip form is sent: only when there is one and the client takes it. */
    static boolean gzipWanted(Rendered rendered, String acceptEncoding) {
        return rendered.gzip().isPresent() && ContentNegotiation.acceptsGzip(acceptEncoding);
    }

    /** The reply once content coding and the conditional outcome are decided (the fast path prepares each in turn). */
    static Reply of(RenderedSite current, Rendered rendered, Set<Option> options) {
        int maxAge = rendered.archived() ? current.archiveMaxAgeSeconds() : current.maxAgeSeconds();
        List<Header> page = rendered.contentType().startsWith("text/html") ? pageHeaders(current) : List.of();
        return of(current.language(), maxAge, page, rendered, options);
    }

    /**
     * The reply for a body served without a site (the feeds kept from before a restart).
     *
     * @param pageHeaders the headers of an HTML page ({@link #pageHeaders}); none for a feed
     */
    static Reply of(LanguageTag language, int maxAge, List<Header> pageHeaders, Rendered rendered,
                    Set<Option> options) {
        boolean gzip = options.contains(Option.GZIP);
        List<Header> headers = new ArrayList<>(14);
        // a content-coded body is a different sequence of bytes: its tag is weak (RFC 9110 §8.8.3.3) but shares the
        // opaque part, so a client that switches between gzip and identity still gets 304s
        headers.add(new Header("ETag", gzip ? "W/" + rendered.etag() : rendered.etag()));
        headers.add(new Header("Last-Modified", ConditionalGet.httpDate(rendered.lastModified())));
        // stale-while-revalidate lets a CDN keep answering from cache while it fetches the new version
        headers.add(new Header("Cache-Control", "public, max-age=" + maxAge + ", stale-while-revalidate=" + maxAge));
        headers.add(new Header("Content-Language", language.value()));
        if (!rendered.link().isEmpty()) {
            headers.add(new Header("Link", rendered.link()));
        }
        if (rendered.gzip().isPresent()) {
            headers.add(new Header("Vary", "Accept-Encoding"));
        }
        // on a 304 too: it describes the representation the client keeps (and Javalin would otherwise say text/plain)
        headers.add(new Header("Content-Type", rendered.contentType()));
        headers.add(NOSNIFF);
        headers.addAll(pageHeaders);
        if (options.contains(Option.NOT_MODIFIED)) {
            return new Reply(304, headers, Optional.empty());
        }
        byte[] bytes = gzip ? rendered.gzip().get() : rendered.bytes();
        if (gzip) {
            headers.add(new Header("Content-Encoding", "gzip"));
        }
        headers.add(new Header("Content-Length", Integer.toString(bytes.length)));
        return new Reply(200, headers, options.contains(Option.HEAD) ? Optional.empty() : Optional.of(bytes));
    }
}
