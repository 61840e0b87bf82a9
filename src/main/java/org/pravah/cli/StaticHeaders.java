package org.pravah.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pravah.catalog.Category;
import org.pravah.render.FeedFormat;
import org.pravah.render.PageLayout;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;
import org.pravah.source.PictureFiles;

/**
 * The {@code _headers} file of a static export, in the syntax Netlify and Cloudflare Pages read: the headers the
 * server sends that a static host would otherwise get wrong or leave out. A static host guesses Content-Type from the
 * extension and rarely knows {@code .rss} or {@code .atom}, nor that the bytes are UTF-8; without Content-Language
 * readers cannot tell the language of a page before parsing it. Each header is set by exactly one rule, since a host
 * joins the values of two matching rules with a comma.
 */
final class StaticHeaders {
    private StaticHeaders() {
    }

    /** @param pictureTypes the extensions of the pictures exported to {@code images/} ({@code png}, {@code svg}) */
    static String render(RenderedSite site, Set<String> pictureTypes) {
        int maxAge = site.maxAgeSeconds();
        String html = site.index().contentType();
        StringBuilder out = new StringBuilder(1024);
        out.append("""
                # Made by 'pravah export'. Netlify and Cloudflare Pages read this file and do not serve it; on
                # another host, set the same headers in its configuration.
                #   /                        index.html
                #   /articles/<source>/<id>  articles/<source>/<id>.html (served without the .html)
                #   /feeds/<name>.<ext>      feeds/<name>.<ext>; its further pages feeds/<name>.page-<n>.<ext>,
                #                            its RFC 5005 archives feeds/<name>.archive-<k>.<ext>
                #   /feeds/<name>            feeds/<name>.html, the feed's page for people
                #   /feeds.opml              the subscription list (RSS)
                #   /images/<name>           images/<name>, the site's pictures
                #   /assets/copy.js          the script of the feed pages' copy buttons
                """);
        // the pages' security headers on everything, as one rule: on a feed or an image they do no harm
        rule(out, "/*", "Content-Language: " + site.language().value(),
                "Cache-Control: public, max-age=" + maxAge + ", stale-while-revalidate=" + maxAge,
                "X-Content-Type-Options: nosniff",
                "Referrer-Policy: " + PageLayout.REFERRER_POLICY,
                "Content-Security-Policy: " + site.layout().contentSecurityPolicy());
        rule(out, "/", "Content-Type: " + html);
        rule(out, "/index.html", "Content-Type: " + html);
        rule(out, "/articles/*", "Content-Type: " + html);
        for (FeedFormat format : FeedFormat.values()) {
            rule(out, "/feeds/*." + format.extension(), "Content-Type: " + format.contentType());
        }
        rule(out, "/feeds.opml", "Content-Type: " + site.opml(SiteLinks.OPML_DEFAULT).contentType());
        // each feed's page by its exact path: a /feeds/* rule would also match the feeds and set a second type
        rule(out, "/feeds/" + SiteLinks.ALL, "Content-Type: " + html);
        for (Category c : site.snapshot().tree().all()) {
            rule(out, "/feeds/" + c.path(), "Content-Type: " + html);
        }
        for (String file : shippedFiles(site)) {
            site.asset(file).ifPresent(a -> rule(out, file, "Content-Type: " + a.contentType()));
        }
        // hosts know picture types, but not always avif; the pages' policy on "/*" already keeps an SVG opened on its
        // own from running script (a second policy rule would be joined to it with a comma)
        for (String ext : pictureTypes) {
            PictureFiles.type("picture." + ext).ifPresent(type -> rule(out, "/images/*." + ext, "Content-Type: " + type));
        }
        return out.toString();
    }

    /**
     * The files from the jar an export holds: the images, the feed pages' copy script and {@code /favicon.ico}, unless
     * the site has an icon of its own, where the server redirects {@code /favicon.ico} and a static host cannot.
     */
    static List<String> shippedFiles(RenderedSite site) {
        List<String> files = new ArrayList<>(List.of(SiteLinks.SHIPPED_ICON, SiteLinks.SHIPPED_LOGO,
                SiteLinks.COPY_SCRIPT));
        if (site.iconElsewhere().isEmpty()) {
            files.add(SiteLinks.FAVICON);
        }
        return files;
    }

    private static void rule(StringBuilder out, String path, String... headers) {
        out.append(path).append('\n');
        for (String header : headers) {
            out.append("  ").append(header).append('\n');
        }
    }
}
