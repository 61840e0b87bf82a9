package org.pravah.http;

import org.pravah.render.FeedFormat;
import org.pravah.render.SiteLinks;

/** Names the route and format a request path belongs to, with a fixed, small set of values (metrics labels). */
record RouteLabel(String route, String format) {
    static RouteLabel of(String path) {
        if (path.equals("/")) {
            return new RouteLabel("index", "html");
        }
        if (path.startsWith("/feeds/")) {
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            if (dot < slash) {
                // /feeds/videsh: the feed's page for people
                return new RouteLabel("feed-page", "html");
            }
            String extension = path.substring(dot + 1);
            return new RouteLabel("feed", FeedFormat.byExtension(extension).map(FeedFormat::extension).orElse("other"));
        }
        if (path.equals("/feeds.opml")) {
            return new RouteLabel("opml", "opml");
        }
        if (path.equals("/icon.png") || path.equals("/logo.png") || path.equals(SiteLinks.FAVICON)) {
            return new RouteLabel("image", "png");
        }
        if (path.equals(SiteLinks.COPY_SCRIPT)) {
            return new RouteLabel("script", "js");
        }
        if (path.startsWith("/articles/")) {
            return new RouteLabel("article", "html");
        }
        if (path.equals("/health") || path.equals("/health/ready")) {
            return new RouteLabel("health", "text");
        }
        if (path.equals("/stats")) {
            return new RouteLabel("stats", "html");
        }
        if (path.equals("/metrics")) {
            return new RouteLabel("metrics", "text");
        }
        return new RouteLabel("other", "other");
    }
}
