package org.pravah.render;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;

/**
 * Everything served for one snapshot, rendered at most once each and then only looked up: requests pick bytes and
 * compare validators, they never render. A new snapshot gets a new {@code RenderedSite}.
 */
public final class RenderedSite {
    private final Snapshot snapshot;
    private final FeedViews views;
    private final HtmlPages pages;
    private final Map<FeedFormat, FeedRenderer> renderers = new EnumMap<>(FeedFormat.class);
    private final Map<String, Rendered> cache = new ConcurrentHashMap<>();

    public RenderedSite(Snapshot snapshot, FeedViews views, HtmlPages pages, List<FeedRenderer> renderers) {
        this.snapshot = snapshot;
        this.views = views;
        this.pages = pages;
        renderers.forEach(r -> this.renderers.put(r.format(), r));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** The feed for a category path ({@code ""} or {@code all} for every article), or empty if no such category. */
    public Optional<Rendered> feed(String categoryPath, FeedFormat format) {
        Optional<Category> category;
        if (categoryPath.equals(SiteLinks.ALL)) {
            category = Optional.empty();
        } else {
            category = snapshot.tree().find(categoryPath);
            if (category.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(cache.computeIfAbsent("feed:" + format + ":" + categoryPath, k -> {
            FeedView view = views.view(snapshot, category);
            return Rendered.of(format.contentType(), renderers.get(format).render(view), view.updated());
        }));
    }

    public Rendered index() {
        return cache.computeIfAbsent("index", k -> pages.index(snapshot));
    }

    public Optional<Rendered> article(String key) {
        Optional<CatalogEntry> entry = snapshot.entry(key);
        return entry.map(e -> cache.computeIfAbsent("article:" + key, k -> pages.article(e)));
    }
}
