package org.pravah.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pravah.article.Article;
import org.pravah.catalog.Category;
import org.pravah.config.SiteConfig;

/**
 * The one place that decides the site's URLs and ids. Ids derive from the base URL, the source and the article id
 * only, so they are identical across restarts and never depend on the article's content or the time.
 */
public final class SiteLinks {
    /** The feed of every article; no category may take this slug. */
    public static final String ALL = "all";

    /** The square icon shipped in the jar, served at {@code /icon.png}. */
    public static final String SHIPPED_ICON = "/icon.png";
    /** The wide (2:1) logo shipped in the jar, served at {@code /logo.png}; 288×144, shown at half size. */
    public static final String SHIPPED_LOGO = "/logo.png";

    /** Where browsers look for a site's icon when a page names none (a feed, {@code /status} as JSON). */
    public static final String FAVICON = "/favicon.ico";

    /** The script of the copy buttons beside a feed's addresses on its page. */
    public static final String COPY_SCRIPT = "/assets/copy.js";

    /** The format {@code /feeds.opml} lists when no {@code ?format=} is asked for: the one every reader takes. */
    public static final FeedFormat OPML_DEFAULT = FeedFormat.RSS;

    private final String baseUrl;
    private final SiteImage icon;
    private final boolean ownIcon;
    private final SiteImage logo;
    private final boolean staticPages;

    /** Links for a site with the shipped icon and logo. */
    public SiteLinks(String baseUrl) {
        this(baseUrl, Optional.empty(), Optional.empty(), false);
    }

    /**
     * @param icon {@code site.icon}: an absolute URL, or a path on this site; empty for the shipped icon
     * @param logo {@code site.logo}, likewise
     */
    public SiteLinks(String baseUrl, Optional<String> icon, Optional<String> logo) {
        this(baseUrl, icon, logo, false);
    }

    private SiteLinks(String baseUrl, Optional<String> icon, Optional<String> logo, boolean staticPages) {
        this.baseUrl = baseUrl;
        this.staticPages = staticPages;
        this.ownIcon = icon.isPresent();
        // the shipped images' sizes are known; a configured image's are not, and a wrong size is worse than none
        this.icon = icon.map(u -> new SiteImage(resolve(u), 0, 0))
                .orElseGet(() -> new SiteImage(baseUrl + SHIPPED_ICON, 512, 512));
        this.logo = logo.map(u -> new SiteImage(resolve(u), 0, 0))
                .orElseGet(() -> new SiteImage(baseUrl + SHIPPED_LOGO, 144, 72));
    }

    public static SiteLinks of(SiteConfig site) {
        return new SiteLinks(site.baseUrl(), site.icon(), site.logo());
    }

    /**
     * The links of a static copy of the site ({@code pravah export}): a static host ignores query strings, so page
     * {@code n} of a feed is named by its path, {@code /feeds/all.page-2.rss}, and archive {@code k}
     * {@code /feeds/all.archive-3.rss}, instead of {@code ?page=2} / {@code ?archive=3}. No slug contains a dot, so
     * such a name never meets a category feed.
     */
    public static SiteLinks forStaticHost(SiteConfig site) {
        return new SiteLinks(site.baseUrl(), site.icon(), site.logo(), true);
    }

    /** Static-host links with the shipped icon and logo. */
    public static SiteLinks forStaticHost(String baseUrl) {
        return new SiteLinks(baseUrl, Optional.empty(), Optional.empty(), true);
    }

    /** A path on this site ({@code /x}) made absolute; absolute URLs unchanged. */
    private String resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("/") ? baseUrl + pathOrUrl : pathOrUrl;
    }

    /** A square image: Atom {@code icon}, JSON Feed {@code icon} and {@code favicon}, the pages' icon. */
    public SiteImage icon() {
        return icon;
    }

    /**
     * The site's own icon ({@code site.icon}), where {@code /favicon.ico} sends browsers; empty for the shipped icon,
     * and for an icon configured at {@code /favicon.ico} itself, which would send them back where they came from.
     */
    public Optional<String> iconElsewhere() {
        return ownIcon && !icon.url().equals(baseUrl + FAVICON) ? Optional.of(icon.url()) : Optional.empty();
    }

    /** A wide image: RSS {@code image}, Atom {@code logo}. */
    public SiteImage logo() {
        return logo;
    }

    /** The subscription list of every feed, in one format: {@code /feeds.opml}, {@code /feeds.opml?format=atom}. */
    public String opml(FeedFormat format) {
        return baseUrl + "/feeds.opml" + (format == OPML_DEFAULT ? "" : "?format=" + format.extension());
    }

    /** The page a person sees for a feed: {@code /feeds/videsh/asia}, {@code /feeds/all}. */
    public String feedPagePath(Optional<Category> category) {
        return "/feeds/" + category.map(Category::path).orElse(ALL);
    }

    public String feedPage(Optional<Category> category) {
        return baseUrl + feedPagePath(category);
    }

    /** The page of the feed at a slug path ({@code videsh}); for a category's ancestors, known only by path. */
    String feedPage(String categoryPath) {
        return baseUrl + "/feeds/" + categoryPath;
    }

    /** A file the site ships ({@link #COPY_SCRIPT}), as an absolute URL. */
    public String asset(String path) {
        return baseUrl + path;
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

    /**
     * One document of a feed: {@code /feeds/all.rss?page=2}, {@code ?archive=3}; for a static host the plain pages
     * and archives are named by path, {@code /feeds/all.page-2.rss}, {@code /feeds/all.archive-3.rss}.
     */
    public String feedDocumentPath(Optional<Category> category, FeedFormat format, FeedQuery query) {
        String name = "/feeds/" + category.map(Category::path).orElse(ALL);
        if (staticPages && query.isArchive()) {
            return name + ".archive-" + query.archive() + "." + format.extension();
        }
        if (staticPages && query.isPlain() && query.page() > 1) {
            return name + ".page-" + query.page() + "." + format.extension();
        }
        return feedPath(category, format) + query.queryString();
    }

    public String feedDocument(Optional<Category> category, FeedFormat format, FeedQuery query) {
        return baseUrl + feedDocumentPath(category, format, query);
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
