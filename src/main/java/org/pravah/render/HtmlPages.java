package org.pravah.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;
import org.pravah.config.SiteConfig;
import org.pravah.render.PageLayout.Alternate;

/**
 * The HTML a person sees: the index with the category tree and every feed link, a readable preview of each feed (what
 * a browser shows when someone clicks a feed link), and a page per article. The markup is in the templates under
 * {@code src/main/jte} and the words in {@code messages/<language>.properties}; this class hands them what a page
 * shows. Text is escaped by jte; article HTML is the same sanitised HTML the feeds carry. The pages request nothing
 * from elsewhere: no fonts, scripts or styles from other hosts (fonts come from the system; only an article's own
 * image is loaded from where its publisher put it).
 */
public final class HtmlPages {
    private static final int LATEST_ON_INDEX = 20;

    private final SiteConfig site;
    private final SiteLinks links;
    private final PageLayout layout;

    public HtmlPages(SiteConfig site, SiteLinks links) {
        this.site = site;
        this.links = links;
        this.layout = new PageLayout(site, links);
    }

    /** What the home page template ({@code index.jte}) shows. */
    record IndexPage(PageLayout layout, Snapshot snapshot, List<CatalogEntry> latest, List<Alternate> alternates) {
    }

    /** What a feed's page ({@code feed.jte}) shows; {@code crumbs} are the category's ancestors, root first. */
    record FeedPage(PageLayout layout, FeedView view, List<Alternate> alternates, List<Crumb> crumbs) {
    }

    /** A link in the breadcrumbs. */
    record Crumb(String href, String label) {
    }

    /** What an article's page ({@code article.jte}) shows. */
    record ArticlePage(PageLayout layout, CatalogEntry entry, List<Alternate> alternates) {
    }

    /** The head, header and footer every page shares, for pages made elsewhere ({@code /status}). */
    public PageLayout layout() {
        return layout;
    }

    public Rendered index(Snapshot snapshot) {
        List<CatalogEntry> latest = snapshot.entries().subList(0, Math.min(LATEST_ON_INDEX, snapshot.entries().size()));
        return page(PageLayout.render("index.jte",
                new IndexPage(layout, snapshot, latest, alternates(Optional.empty(), ""))), snapshot.newestUpdate());
    }

    /**
     * What a browser shows for a feed: its articles (one page, filters applied) and the feed's addresses to copy into a
     * reader. The addresses carry the same filters, so a search can be subscribed to as it is.
     */
    public Rendered preview(FeedView view) {
        Optional<Category> category = view.category();
        String filters = view.query().withPage(1).queryString();
        List<Crumb> crumbs = new ArrayList<>();
        category.ifPresent(c -> {
            String[] slugs = c.path().split("/");
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < slugs.length - 1; i++) {
                path.append(i == 0 ? "" : "/").append(slugs[i]);
                crumbs.add(new Crumb(links.feedPage(path.toString()), c.labelPath().get(i)));
            }
        });
        return page(PageLayout.render("feed.jte",
                new FeedPage(layout, view, alternates(category, filters, view.title()), crumbs)), view.updated());
    }

    public Rendered article(CatalogEntry entry) {
        List<Alternate> alternates = new ArrayList<>();
        for (Category c : entry.categories()) {
            alternates.addAll(alternates(Optional.of(c), ""));
        }
        alternates.addAll(alternates(Optional.empty(), ""));
        return page(PageLayout.render("article.jte", new ArticlePage(layout, entry, alternates)),
                entry.article().updated());
    }

    /**
     * What a browser shows for a path with nothing behind it: the way home and to the feeds. The path asked for is not
     * repeated, so nothing a link-maker puts in a URL ends up on a page of this site.
     */
    public Rendered notFound() {
        return Rendered.of(PageLayout.CONTENT_TYPE, PageLayout.render("not-found.jte", layout), Instant.EPOCH);
    }

    /** The feed of {@code category} in every format, with the given filter query. */
    private List<Alternate> alternates(Optional<Category> category, String filters) {
        return alternates(category, filters,
                category.map(c -> site.title() + " — " + c.displayPath()).orElse(site.title()));
    }

    private List<Alternate> alternates(Optional<Category> category, String filters, String name) {
        List<Alternate> out = new ArrayList<>();
        for (FeedFormat f : FeedFormat.values()) {
            out.add(new Alternate(f.mediaType(), name + " (" + f.label() + ")", links.feed(category, f) + filters));
        }
        return out;
    }

    private static Rendered page(byte[] html, Instant lastModified) {
        return Rendered.of(PageLayout.CONTENT_TYPE, html, lastModified);
    }
}
