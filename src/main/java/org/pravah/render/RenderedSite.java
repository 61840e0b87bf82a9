package org.pravah.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;
import org.pravah.search.FeedSearch;

/**
 * Everything served for one snapshot. The first page of every feed and feed page, the index and the OPML are rendered
 * at most once each and then only looked up: requests pick bytes and compare validators. Article pages, later pages
 * and archives are as many as the archive's articles, so only the most recently used are kept, up to
 * {@link #ON_DEMAND_BYTES} bytes; the others are rendered again when asked for, with the same bytes and validators.
 * Filtered feeds ({@code ?q=}, {@code ?tag=}, {@code ?limit=}) are rendered per request, since their number is
 * unbounded. A new snapshot gets a new {@code RenderedSite}.
 */
public final class RenderedSite {
    /**
     * Bytes of article pages, later pages and archives kept per snapshot: a crawler reading a million articles cannot
     * fill the heap.
     */
    public static final long ON_DEMAND_BYTES = 64L << 20;

    private final Snapshot snapshot;
    private final FeedSelector selector;
    private final HtmlPages pages;
    private final LanguageTag language;
    private final Map<FeedFormat, FeedRenderer> renderers = new EnumMap<>(FeedFormat.class);
    /** First pages, the index, the OPML, the not-found page: a few per category, kept for the snapshot. */
    private final Map<String, Rendered> cache = new ConcurrentHashMap<>();
    /** Article pages, later pages and archives, the most recently used up to a number of bytes. */
    private final Cache<String, Rendered> onDemand;
    private final LastModifiedLog changes;
    private final FeedSearch search;

    public RenderedSite(Snapshot snapshot, FeedSelector selector, HtmlPages pages, LanguageTag language,
                        List<FeedRenderer> renderers) {
        this(snapshot, selector, pages, language, renderers, new LastModifiedLog(java.time.Clock.systemUTC()),
                FeedSearch.SCAN);
    }

    /**
     * @param changes shared by the successive sites of one server, so Last-Modified moves when bytes change
     * @param search  finds the entries of filtered feeds
     */
    public RenderedSite(Snapshot snapshot, FeedSelector selector, HtmlPages pages, LanguageTag language,
                        List<FeedRenderer> renderers, LastModifiedLog changes, FeedSearch search) {
        this(snapshot, selector, pages, language, renderers, changes, search, ON_DEMAND_BYTES);
    }

    /** @param onDemandBytes how many bytes of article pages, later pages and archives are kept */
    RenderedSite(Snapshot snapshot, FeedSelector selector, HtmlPages pages, LanguageTag language,
                 List<FeedRenderer> renderers, LastModifiedLog changes, FeedSearch search, long onDemandBytes) {
        this.onDemand = Caffeine.newBuilder().maximumWeight(onDemandBytes)
                .weigher((String key, Rendered r) -> weight(key, r))
                // evictions happen on the thread that caused them, not on the common pool
                .executor(Runnable::run)
                .build();
        this.search = search;
        this.snapshot = snapshot;
        this.selector = selector;
        this.pages = pages;
        this.language = language;
        this.changes = changes;
        renderers.forEach(r -> this.renderers.put(r.format(), r));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Takes over from {@code previous} (the site of the snapshot this one's was made from, with the same setup) every
     * document the change leaves byte for byte as it was: the feeds and pages of categories it did not touch, the
     * articles it did not change. They keep their bytes, ETag and Last-Modified without being rendered again; the
     * others are rendered when first asked for. Called before this site is served.
     */
    void keepUnchanged(RenderedSite previous, Snapshot.Change change) {
        previous.cache.forEach((key, rendered) -> {
            if (isUnchanged(key, change)) {
                cache.putIfAbsent(key, rendered);
            }
        });
        previous.onDemand.asMap().forEach((key, rendered) -> {
            if (isUnchanged(key, change)) {
                onDemand.asMap().putIfAbsent(key, rendered);
            }
        });
    }

    private static int weight(String key, Rendered r) {
        long bytes = r.bytes().length + r.gzip().map(g -> g.length).orElse(0) + 2L * key.length() + 256;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** A plain document of the feed or page at {@code query}: first pages for the snapshot, others while used. */
    private Rendered cached(String key, FeedQuery query, Supplier<Rendered> render) {
        if (query.page() == 1 && query.archive() == 0) {
            return cache.computeIfAbsent(key, k -> stamped(k, render.get()));
        }
        return onDemand.get(key, k -> stamped(k, render.get()));
    }

    /** Bytes of the article pages, later pages and archives kept now (tests: a crawl stays within the bound). */
    long keptBytes() {
        onDemand.cleanUp();
        return onDemand.asMap().entrySet().stream().mapToLong(e -> weight(e.getKey(), e.getValue())).sum();
    }

    /** Whether the document cached under {@code key} reads the same after {@code change}. */
    private boolean isUnchanged(String key, Snapshot.Change change) {
        String[] parts = key.split(":", 4);
        return switch (parts[0]) {
            case "feed" -> parts.length == 4 && isUnchangedFeed(parts[2], change);
            case "preview" -> parts.length >= 3 && isUnchangedFeed(parts[1], change);
            case "article" -> !change.keys().contains(key.substring("article:".length()));
            case "not-found" -> true;
            // the index lists the latest articles of the whole site and the OPML is dated by them
            default -> false;
        };
    }

    private boolean isUnchangedFeed(String path, Snapshot.Change change) {
        if (path.equals(SiteLinks.ALL) || change.paths().contains(path)) {
            return false;
        }
        // an empty feed is dated by the newest article of the whole site
        return !snapshot.entriesIn(snapshot.tree().find(path)).isEmpty();
    }

    /** The site language: the Content-Language of every response. */
    public LanguageTag language() {
        return language;
    }

    /** The pages' shared layout and their Content-Security-Policy, for pages made outside {@code render}. */
    public PageLayout layout() {
        return pages.layout();
    }

    /** How long clients may reuse a response before asking again (the RSS {@code ttl} too). */
    public int maxAgeSeconds() {
        return selector.ttlMinutes() * 60;
    }

    /** Archive documents change only when an old article is edited: a day, still revalidated by ETag after. */
    public int archiveMaxAgeSeconds() {
        return Math.max(maxAgeSeconds(), 24 * 60 * 60);
    }

    /** The first page of a feed; see {@link #feed(String, FeedFormat, FeedQuery)}. */
    public Optional<Rendered> feed(String categoryPath, FeedFormat format) {
        return feed(categoryPath, format, FeedQuery.FIRST_PAGE);
    }

    /**
     * A feed document for a category path ({@code all} for every article), or empty if there is no such category or
     * page.
     */
    public Optional<Rendered> feed(String categoryPath, FeedFormat format, FeedQuery query) {
        Optional<Category> category;
        if (categoryPath.equals(SiteLinks.ALL)) {
            category = Optional.empty();
        } else {
            category = snapshot.tree().find(categoryPath);
            if (category.isEmpty()) {
                return Optional.empty();
            }
        }
        Optional<String> key = query.cacheKey().map(k -> feedKey(categoryPath, format, k));
        if (key.isPresent()) {
            Rendered cached = lookUp(key.get());
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Rendered> rendered = selector.view(snapshot, category, query, search)
                .map(view -> Rendered.of(format.contentType(), renderers.get(format).render(view), view.updated(),
                        linkHeader(view, format), view.isArchive()));
        if (key.isEmpty() || rendered.isEmpty()) {
            return rendered;
        }
        // two requests racing here render the same bytes; keeping either is correct
        return Optional.of(cached(key.get(), query, rendered::get));
    }

    /** The key a feed document is cached and dated under ({@link LastModifiedLog}). */
    static String feedKey(String categoryPath, FeedFormat format, String queryKey) {
        return "feed:" + format + ":" + categoryPath + ":" + queryKey;
    }

    /** The first pages of feeds rendered for this snapshot so far (or kept from the one before), by feed. */
    Map<KeptFeeds.Feed, Rendered> renderedFirstPages() {
        String firstPage = FeedQuery.FIRST_PAGE.cacheKey().orElseThrow();
        Map<KeptFeeds.Feed, Rendered> pages = new java.util.HashMap<>();
        cache.forEach((key, rendered) -> {
            String[] parts = key.split(":", 4);
            if (parts.length == 4 && parts[0].equals("feed") && parts[3].equals(firstPage)) {
                pages.put(new KeptFeeds.Feed(parts[2], FeedFormat.valueOf(parts[1])), rendered);
            }
        });
        return pages;
    }

    private Rendered lookUp(String key) {
        Rendered kept = cache.get(key);
        return kept != null ? kept : onDemand.getIfPresent(key);
    }

    private Rendered stamped(String key, Rendered r) {
        return new Rendered(r.contentType(), r.bytes(), r.gzip(), r.etag(),
                changes.lastModified(key, r.etag(), r.lastModified()), r.link(), r.archived());
    }

    /** WebSub discovery (W3C WebSub §4): the hubs and the topic URL, also in the HTTP Link header. */
    private static String linkHeader(FeedView view, FeedFormat format) {
        if (view.hubs().isEmpty()) {
            return "";
        }
        StringBuilder link = new StringBuilder();
        for (String hub : view.hubs()) {
            link.append('<').append(hub).append(">; rel=\"hub\", ");
        }
        return link.append('<').append(view.selfUrl(format)).append(">; rel=\"self\"").toString();
    }

    public Rendered index() {
        return cache.computeIfAbsent("index", k -> stamped(k, pages.index(snapshot)));
    }

    public Optional<Rendered> article(String key) {
        Optional<CatalogEntry> entry = snapshot.entry(key);
        return entry.map(e -> onDemand.get("article:" + key, k -> stamped(k, pages.article(e))));
    }

    /**
     * The HTML page of a feed ({@code /feeds/videsh/asia}): its articles and addresses, with the same paging and
     * filters as the feed; empty if there is no such category or page. Plain pages are rendered once per snapshot.
     */
    public Optional<Rendered> preview(String categoryPath, FeedQuery query) {
        Optional<Category> category = Optional.empty();
        if (!categoryPath.equals(SiteLinks.ALL)) {
            category = snapshot.tree().find(categoryPath);
            if (category.isEmpty()) {
                return Optional.empty();
            }
        }
        Optional<String> key = query.cacheKey().map(k -> "preview:" + categoryPath + ":" + k);
        if (key.isPresent()) {
            Rendered cached = lookUp(key.get());
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Rendered> rendered = selector.view(snapshot, category, query, search).map(pages::preview);
        if (key.isEmpty() || rendered.isEmpty()) {
            return rendered;
        }
        // two requests racing here render the same bytes; keeping either is correct
        return Optional.of(cached(key.get(), query, rendered::get));
    }

    /** The page a browser gets for a path that names nothing (status 404). */
    public Rendered notFound() {
        return cache.computeIfAbsent("not-found", k -> pages.notFound());
    }

    /** The OPML subscription list of every feed in one format ({@code /feeds.opml}). */
    public Rendered opml(FeedFormat format) {
        return cache.computeIfAbsent("opml:" + format,
                k -> stamped(k, new OpmlRenderer(selector).render(snapshot, format)));
    }

    /** {@code site.icon} when it is set: {@code /favicon.ico} redirects there instead of serving the shipped icon. */
    public Optional<String> iconElsewhere() {
        return selector.links().iconElsewhere();
    }

    /** {@code /stats} for people, in this site's layout and language; built per request, never cached. */
    public byte[] statsPage(org.pravah.stats.StatsReport report) {
        return StatsPage.html(layout(), report);
    }

    /** A shipped file ({@code /icon.png}, {@code /assets/copy.js}); the same for every snapshot. */
    public Optional<Rendered> asset(String path) {
        return SiteAssets.find(path);
    }
}
