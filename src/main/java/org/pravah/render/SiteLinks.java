package org.pravah.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pravah.article.Article;
import org.pravah.catalog.Category;

/**
 * The one place that decides the site's URLs and ids. Ids derive from the base URL, the source and the article id
 * only, so they are identical across restarts and never depend on the article's content or the time.
 */
public final class SiteLinks {
    /** The feed of every article; no category may take this slug. */
    public static final String ALL = "all";

    private final String baseUrl;
    private final boolean staticPages;

    public SiteLinks(String baseUrl) {
        this(baseUrl, false);
    }

    private SiteLinks(String baseUrl, boolean staticPages) {
        this.baseUrl = baseUrl;
        this.staticPages = staticPages;
    }

    /**
     * The links of a static copy of the site ({@code pravah export}): a static host ignores query strings, so page
     * {@code n} of a feed is named by its path, {@code /feeds/all.page-2.rss}, instead of {@code ?page=2}. No slug
     * contains a dot, so such a name never meets a category feed.
     */
    public static SiteLinks forStaticHost(String baseUrl) {
        return new SiteLinks(baseUrl, true);
    }

    public String home() {
        return baseUrl + "/";
    }

    /** {@code /feeds/all.rss} or {@code /feeds/videsh/asia.atom}. */
    public String feedPath(Optional<Category> category, FeedFormat format) {
        return "/feeds/" + category.map(Category::path).orElse(ALL) + "." + format.extension();
    }

    public String feed(Optional<Category> category, FeedFormat format) {
        return baseUrl + feedPath(category, format);
    }

    /** One page of a feed: {@code /feeds/all.rss?page=2}, or for a static host {@code /feeds/all.page-2.rss}. */
    public String feedPagePath(Optional<Category> category, FeedFormat format, FeedQuery query) {
        if (staticPages && query.isPlain() && query.page() > 1) {
            return "/feeds/" + category.map(Category::path).orElse(ALL) + ".page-" + query.page() + "."
                    + format.extension();
        }
        return feedPath(category, format) + query.queryString();
    }

    public String feedPage(Optional<Category> category, FeedFormat format, FeedQuery query) {
        return baseUrl + feedPagePath(category, format, query);
    }

    /** The page of an article on this site: {@code /articles/<source>/<id>}, each segment percent-encoded. */
    public String articlePath(Article article) {
        StringBuilder path = new StringBuilder("/articles/").append(encodeSegment(article.sourceName()));
        for (String segment : article.id().split("/", -1)) {
            path.append('/').append(encodeSegment(segment));
        }
        return path.toString();
    }

    public String articlePage(Article article) {
        return baseUrl + articlePath(article);
    }

    /** Where a reader goes to read the article: the publisher's canonical URL, else our own page. */
    public String articleLink(Article article) {
        return article.url().map(Object::toString).orElseGet(() -> articlePage(article));
    }

    /** RSS guid and Atom id: our page URL, which exists for every article and never changes with its content. */
    public String articleId(Article article) {
        return articlePage(article);
    }

    /** The URI that names our category scheme in RSS {@code domain} and Atom {@code scheme}. */
    public String categoryScheme() {
        return baseUrl + "/categories";
    }

    private static String encodeSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
