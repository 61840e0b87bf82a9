package org.pravah.render;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pravah.article.Article;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;
import org.pravah.config.SiteConfig;
import org.pravah.render.PageLayout.Alternate;

/**
 * The HTML a person sees: the index with the category tree and every feed link, a readable preview of each feed (what
 * a browser shows when someone clicks a feed link), and a page per article. Text is escaped; article HTML is the same
 * sanitised HTML the feeds carry. The pages request nothing from elsewhere: no fonts, scripts or styles from other
 * hosts (fonts come from the system; only an article's own image is loaded from where its publisher put it).
 */
public final class HtmlPages {
    private static final int LATEST_ON_INDEX = 20;
    /** The copy buttons' words: what they say, after copying, and when the browser would not copy. */
    private static final String COPY = "कॉपी करें";
    private static final String COPIED = "कॉपी हो गया";
    private static final String NOT_COPIED = "ख़ुद कॉपी करें";

    private final SiteConfig site;
    private final SiteLinks links;
    private final PageLayout layout;

    public HtmlPages(SiteConfig site, SiteLinks links) {
        this.site = site;
        this.links = links;
        this.layout = new PageLayout(site, links);
    }

    /** The head, header and footer every page shares, for pages made elsewhere ({@code /status}). */
    public PageLayout layout() {
        return layout;
    }

    public Rendered index(Snapshot snapshot) {
        StringBuilder html = head(site.title(), alternates(Optional.empty(), ""));
        html.append("<header><h1>").append(esc(site.title())).append("</h1>");
        if (!site.description().isEmpty()) {
            html.append("<p>").append(esc(site.description())).append("</p>");
        }
        html.append("</header>\n<main id=\"main\">\n");
        html.append("<section aria-labelledby=\"subscribe\"><h2 id=\"subscribe\">सदस्यता कैसे लें</h2>\n")
                .append("<p>किसी फ़ीड का पता कॉपी करके अपने फ़ीड रीडर में जोड़ें; नई ख़बरें अपने-आप आती रहेंगी। ")
                .append("RSS और Atom लगभग हर रीडर में चलते हैं, JSON Feed नए रीडर में। ")
                .append("किसी श्रेणी के नाम पर क्लिक करके पहले उसकी ख़बरें देख लें।</p>\n")
                .append("<p>सारी फ़ीड एक साथ जोड़ने के लिए यह OPML फ़ाइल अपने रीडर में आयात (import) करें: <a href=\"")
                .append(esc(links.opml(SiteLinks.OPML_DEFAULT))).append("\" type=\"text/x-opml\">feeds.opml</a>");
        for (FeedFormat f : FeedFormat.values()) {
            if (f != SiteLinks.OPML_DEFAULT) {
                html.append(" · <a href=\"").append(esc(links.opml(f))).append("\" type=\"text/x-opml\">")
                        .append(esc(f.label())).append(" वाली OPML</a>");
            }
        }
        html.append("</p>\n</section>\n");
        html.append("<section aria-labelledby=\"feeds\"><h2 id=\"feeds\">फ़ीड</h2>\n<ul class=\"tree\">\n<li><a href=\"")
                .append(esc(links.feedPage(Optional.empty()))).append("\">सभी समाचार</a> <span class=\"feeds\">")
                .append(feedLinks(Optional.empty(), "सभी समाचार")).append("</span></li>\n</ul>\n")
                .append(tree(snapshot.tree().roots()));
        html.append("</section>\n<section aria-labelledby=\"latest\"><h2 id=\"latest\">ताज़ा समाचार</h2>\n<ul>\n");
        List<CatalogEntry> latest = snapshot.entries().subList(0, Math.min(LATEST_ON_INDEX, snapshot.entries().size()));
        for (CatalogEntry e : latest) {
            Article a = e.article();
            html.append("<li").append(langAttr(a)).append("><a href=\"").append(esc(links.articlePage(a))).append("\">")
                    .append(esc(a.title())).append("</a> ").append(time(a.published())).append("</li>\n");
        }
        html.append("</ul>\n</section>\n</main>\n");
        footer(html);
        return page(html, snapshot.newestUpdate());
    }

    /**
     * What a browser shows for a feed: its articles (one page, filters applied) and the feed's addresses to copy into a
     * reader. The addresses carry the same filters, so a search can be subscribed to as it is.
     */
    public Rendered preview(FeedView view) {
        Optional<Category> category = view.category();
        FeedQuery query = view.query();
        String filters = query.withPage(1).queryString();
        String heading = category.map(Category::displayPath).orElse("सभी समाचार");
        StringBuilder html = layout.head(view.title(), alternates(category, filters, view.title()),
                "<script src=\"" + esc(links.asset(SiteLinks.COPY_SCRIPT)) + "\" defer></script>\n");
        html.append("<header>\n<nav class=\"crumbs\" aria-label=\"आप यहाँ हैं\"><a href=\"").append(esc(links.home()))
                .append("\">").append(esc(site.title())).append("</a>");
        category.ifPresent(c -> {
            String[] slugs = c.path().split("/");
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < slugs.length - 1; i++) {
                path.append(i == 0 ? "" : "/").append(slugs[i]);
                html.append(" › <a href=\"").append(esc(links.feedPage(path.toString()))).append("\">")
                        .append(esc(c.labelPath().get(i))).append("</a>");
            }
            html.append(" › <span aria-current=\"page\">").append(esc(c.label())).append("</span>");
        });
        html.append("</nav>\n<h1>").append(esc(heading)).append("</h1>\n<p>").append(esc(view.description()))
                .append("</p>\n</header>\n<main id=\"main\">\n");

        html.append("<section class=\"subscribe\" aria-labelledby=\"subscribe\"><h2 id=\"subscribe\">")
                .append("इस फ़ीड की सदस्यता लें</h2>\n<p>नीचे का कोई एक पता कॉपी करके अपने फ़ीड रीडर में जोड़ें ")
                .append("(पता चुनने के लिए उस पर क्लिक करें)।</p>\n");
        for (FeedFormat f : FeedFormat.values()) {
            // the button is hidden until the copy script shows it: without script only the address, to select
            String id = "url-" + f.extension();
            html.append("<label id=\"for-").append(id).append("\" for=\"").append(id).append("\">")
                    .append(esc(f.label())).append("</label>")
                    .append("<div class=\"field\"><input id=\"").append(id).append("\" type=\"url\" readonly value=\"")
                    .append(esc(view.firstPageUrl(f))).append("\"><button type=\"button\" data-copy=\"").append(id)
                    .append("\" data-done=\"").append(COPIED).append("\" data-failed=\"").append(NOT_COPIED)
                    .append("\" aria-describedby=\"for-").append(id).append("\" aria-live=\"polite\" hidden>")
                    .append(COPY).append("</button></div>\n");
        }
        html.append("</section>\n");

        String action = links.feedPage(category);
        html.append("<form role=\"search\" method=\"get\" action=\"").append(esc(action)).append("\">")
                .append("<label for=\"q\">इस फ़ीड में खोजें</label><input id=\"q\" type=\"search\" name=\"q\" value=\"")
                .append(esc(query.text())).append("\">");
        if (!query.tag().isEmpty()) {
            html.append("<input type=\"hidden\" name=\"tag\" value=\"").append(esc(query.tag())).append("\">");
        }
        html.append("<button type=\"submit\">खोजें</button></form>\n");
        if (query.isFiltered()) {
            html.append("<p>");
            if (!query.text().isEmpty()) {
                html.append("खोज: “").append(esc(query.text())).append("” ");
            }
            if (!query.tag().isEmpty()) {
                html.append("टैग: “").append(esc(query.tag())).append("” ");
            }
            html.append("· <a href=\"").append(esc(action)).append("\">पूरी फ़ीड देखें</a></p>\n");
        }
        category.filter(c -> !c.children().isEmpty()).ifPresent(c -> {
            html.append("<nav aria-label=\"उप-श्रेणियाँ\"><p>उप-श्रेणियाँ: ");
            List<String> kids = new ArrayList<>();
            for (Category child : c.children()) {
                kids.add("<a href=\"" + esc(links.feedPage(Optional.of(child))) + "\">" + esc(child.label()) + "</a>");
            }
            html.append(String.join(" · ", kids)).append("</p></nav>\n");
        });

        html.append("<section aria-labelledby=\"items\"><h2 id=\"items\">लेख</h2>\n");
        if (view.entries().isEmpty()) {
            html.append("<p>इस फ़ीड में अभी कोई लेख नहीं है।</p>\n");
        } else {
            html.append("<ol class=\"items\">\n");
            for (CatalogEntry e : view.entries()) {
                previewItem(html, e, category);
            }
            html.append("</ol>\n");
        }
        if (view.pageCount() > 1) {
            html.append("<nav aria-label=\"पन्ने\"><p>");
            if (query.page() > 1) {
                html.append("<a rel=\"prev\" href=\"").append(esc(action + query.withPage(query.page() - 1).queryString()))
                        .append("\">← पिछला पन्ना</a> ");
            }
            html.append("पन्ना ").append(query.page()).append(" / ").append(view.pageCount());
            if (query.page() < view.pageCount()) {
                html.append(" <a rel=\"next\" href=\"").append(esc(action + query.withPage(query.page() + 1).queryString()))
                        .append("\">अगला पन्ना →</a>");
            }
            html.append("</p></nav>\n");
        }
        html.append("</section>\n</main>\n");
        footer(html);
        return page(html, view.updated());
    }

    private void previewItem(StringBuilder html, CatalogEntry entry, Optional<Category> feedCategory) {
        Article a = entry.article();
        html.append("<li><article").append(langAttr(a)).append(">\n<h3><a href=\"").append(esc(links.articlePage(a)))
                .append("\">").append(esc(a.title())).append("</a></h3>\n");
        meta(html, entry);
        if (!a.summary().isEmpty()) {
            html.append("<p>").append(esc(a.summary())).append("</p>\n");
        }
        if (!a.tags().isEmpty()) {
            html.append("<p class=\"tags\">टैग: ");
            for (String tag : a.tags()) {
                String href = links.feedPage(feedCategory) + new FeedQuery(1, 0, "", tag).queryString();
                html.append("<a href=\"").append(esc(href)).append("\">#").append(esc(tag)).append("</a> ");
            }
            html.append("</p>\n");
        }
        html.append("</article></li>\n");
    }

    /** The line under an article's title: date, author, its categories linked to their pages. */
    private void meta(StringBuilder html, CatalogEntry entry) {
        Article a = entry.article();
        html.append("<p class=\"meta\">").append(time(a.published()));
        a.author().ifPresent(name -> html.append(" · ").append(esc(name)));
        for (Category c : entry.categories()) {
            html.append(" · <a href=\"").append(esc(links.feedPage(Optional.of(c)))).append("\">")
                    .append(esc(c.displayPath())).append("</a>");
        }
        html.append("</p>\n");
    }

    public Rendered article(CatalogEntry entry) {
        Article a = entry.article();
        List<Alternate> alternates = new ArrayList<>();
        for (Category c : entry.categories()) {
            alternates.addAll(alternates(Optional.of(c), ""));
        }
        alternates.addAll(alternates(Optional.empty(), ""));
        StringBuilder html = head(a.title() + " — " + site.title(), alternates);
        html.append("<header>\n<nav class=\"crumbs\" aria-label=\"आप यहाँ हैं\"><a href=\"").append(esc(links.home()))
                .append("\">").append(esc(site.title())).append("</a>");
        entry.categories().stream().findFirst().ifPresent(c -> html.append(" › <a href=\"")
                .append(esc(links.feedPage(Optional.of(c)))).append("\">").append(esc(c.displayPath())).append("</a>"));
        html.append("</nav>\n</header>\n<main id=\"main\">\n<article").append(langAttr(a)).append(">\n<h1>")
                .append(esc(a.title())).append("</h1>\n");
        meta(html, entry);
        if (!a.summary().isEmpty()) {
            html.append("<p><strong>").append(esc(a.summary())).append("</strong></p>\n");
        }
        // a caption and credit without the picture (a .txt export whose picture is not kept) would caption nothing
        a.image().filter(img -> img.url().isPresent()).ifPresent(img -> {
            html.append("<figure>");
            html.append("<img src=\"").append(esc(img.url().get().toString())).append("\" alt=\"")
                    .append(esc(img.caption().isEmpty() ? a.title() : img.caption()))
                    .append("\" loading=\"lazy\" referrerpolicy=\"no-referrer\">");
            if (!img.caption().isEmpty() || !img.credit().isEmpty()) {
                html.append("<figcaption>").append(esc(img.caption()));
                if (!img.credit().isEmpty()) {
                    html.append(img.caption().isEmpty() ? "" : " · ").append("चित्र: ").append(esc(img.credit()));
                }
                html.append("</figcaption>");
            }
            html.append("</figure>\n");
        });
        html.append(a.contentHtml()).append('\n');
        if (!a.tags().isEmpty()) {
            html.append("<p class=\"tags\">टैग: ");
            for (String tag : a.tags()) {
                String href = links.feedPage(Optional.empty()) + new FeedQuery(1, 0, "", tag).queryString();
                html.append("<a href=\"").append(esc(href)).append("\">#").append(esc(tag)).append("</a> ");
            }
            html.append("</p>\n");
        }
        a.url().ifPresent(u -> html.append("<p><a href=\"").append(esc(u.toString())).append("\">मूल लेख</a></p>\n"));
        html.append("</article>\n</main>\n");
        footer(html);
        return page(html, a.updated());
    }

    /**
     * What a browser shows for a path with nothing behind it: the way home and to the feeds. The path asked for is not
     * repeated, so nothing a link-maker puts in a URL ends up on a page of this site.
     */
    public Rendered notFound() {
        String main = "<p>इस पते पर कोई पृष्ठ नहीं है। हो सकता है पता बदल गया हो या ख़बर हटा दी गई हो।</p>\n"
                + "<ul>\n<li><a href=\"" + esc(links.home()) + "\">मुखपृष्ठ पर जाएँ</a></li>\n"
                + "<li><a href=\"" + esc(links.home()) + "#feeds\">सारी फ़ीड की सूची</a></li>\n"
                + "<li><a href=\"" + esc(links.feedPage(Optional.empty())) + "\">सभी समाचार</a></li>\n</ul>\n";
        return Rendered.of(PageLayout.CONTENT_TYPE, layout.page("पृष्ठ नहीं मिला", main, false), Instant.EPOCH);
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

    private static Rendered page(StringBuilder html, Instant lastModified) {
        return Rendered.of(PageLayout.CONTENT_TYPE, html.toString().getBytes(StandardCharsets.UTF_8), lastModified);
    }

    private StringBuilder head(String title, List<Alternate> alternates) {
        return layout.head(title, alternates, "");
    }

    private void footer(StringBuilder html) {
        layout.footer(html);
    }

    private String tree(List<Category> level) {
        if (level.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<ul class=\"tree\">\n");
        for (Category c : level) {
            html.append("<li><a href=\"").append(esc(links.feedPage(Optional.of(c)))).append("\"><strong>")
                    .append(esc(c.label())).append("</strong></a> <span class=\"feeds\">")
                    .append(feedLinks(Optional.of(c), c.displayPath())).append("</span>").append(tree(c.children()))
                    .append("</li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    /** The feed's URL in every format; the accessible name says whose feed it is, not just "RSS" again and again. */
    private String feedLinks(Optional<Category> category, String name) {
        StringBuilder html = new StringBuilder();
        for (FeedFormat f : FeedFormat.values()) {
            html.append("<a href=\"").append(esc(links.feed(category, f))).append("\" type=\"").append(f.mediaType())
                    .append("\" aria-label=\"").append(esc(name + ": " + f.label() + " फ़ीड")).append("\">")
                    .append(f.label().split(" ")[0]).append("</a> ");
        }
        return html.toString();
    }

    private String time(Instant instant) {
        return layout.time(instant);
    }

    private String langAttr(Article a) {
        return a.language().equals(site.language()) ? "" : " lang=\"" + esc(a.language().value()) + "\"";
    }

    private static String esc(String s) {
        return PageLayout.esc(s);
    }
}
