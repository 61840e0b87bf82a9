package org.pravah.render;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Entities;
import org.pravah.article.Article;
import org.pravah.article.ArticleDates;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;
import org.pravah.config.SiteConfig;

/**
 * The HTML a person sees: the index with the category tree and every feed link, and a page per article. Text is
 * escaped; article HTML was sanitised when the article was read. No external requests: fonts come from the system.
 */
public final class HtmlPages {
    static final String CONTENT_TYPE = "text/html; charset=utf-8";
    private static final int LATEST_ON_INDEX = 20;
    private static final String STYLE = """
            :root{font-family:"Noto Sans Devanagari","Noto Sans","Mangal","Nirmala UI","Kohinoor Devanagari",\
            "Lohit Devanagari",system-ui,sans-serif;line-height:1.6;color:#1b1b1b;background:#fdfcf8}
            body{max-width:46rem;margin:0 auto;padding:1rem}
            a{color:#0b5394}h1,h2{line-height:1.3}
            ul.tree,ul.tree ul{list-style:none;padding-left:1.2rem}
            .feeds a{margin-right:.6rem;font-size:.9rem}
            time,.meta{color:#555;font-size:.9rem}
            img{max-width:100%;height:auto}
            """;

    private final SiteConfig site;
    private final SiteLinks links;
    private final DateTimeFormatter humanDate;

    public HtmlPages(SiteConfig site, SiteLinks links) {
        this.site = site;
        this.links = links;
        this.humanDate = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm", Locale.forLanguageTag(site.language().value()))
                .withZone(site.timeZone());
    }

    public Rendered index(Snapshot snapshot) {
        StringBuilder html = head(site.title(), site.language().value());
        html.append("<header><h1>").append(esc(site.title())).append("</h1>");
        if (!site.description().isEmpty()) {
            html.append("<p>").append(esc(site.description())).append("</p>");
        }
        html.append("</header>\n<main>\n<section aria-labelledby=\"feeds\"><h2 id=\"feeds\">फ़ीड</h2>\n");
        html.append("<p>सभी समाचार: ").append(feedLinks(Optional.empty())).append("</p>\n");
        html.append("<p>किसी फ़ीड का पता अपने फ़ीड रीडर में जोड़ें।</p>\n");
        html.append(tree(snapshot.tree().roots()));
        html.append("</section>\n<section aria-labelledby=\"latest\"><h2 id=\"latest\">ताज़ा समाचार</h2>\n<ul>\n");
        List<CatalogEntry> latest = snapshot.entries().subList(0, Math.min(LATEST_ON_INDEX, snapshot.entries().size()));
        for (CatalogEntry e : latest) {
            Article a = e.article();
            html.append("<li").append(langAttr(a)).append("><a href=\"").append(esc(links.articleLink(a))).append("\">")
                    .append(esc(a.title())).append("</a> ").append(time(a.published())).append("</li>\n");
        }
        html.append("</ul>\n</section>\n</main>\n</body>\n</html>\n");
        Instant newest = snapshot.entries().stream().map(e -> e.article().updated()).max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        return Rendered.of(CONTENT_TYPE, html.toString().getBytes(StandardCharsets.UTF_8), newest);
    }

    public Rendered article(CatalogEntry entry) {
        Article a = entry.article();
        StringBuilder html = head(a.title() + " — " + site.title(), site.language().value());
        html.append("<header><p><a href=\"").append(esc(links.home())).append("\">").append(esc(site.title()))
                .append("</a></p></header>\n<main>\n<article").append(langAttr(a)).append(">\n<h1>")
                .append(esc(a.title())).append("</h1>\n<p class=\"meta\">").append(time(a.published()));
        a.author().ifPresent(name -> html.append(" · ").append(esc(name)));
        for (Category c : entry.categories()) {
            html.append(" · <a href=\"").append(esc(links.feed(Optional.of(c), FeedFormat.ATOM))).append("\">")
                    .append(esc(c.displayPath())).append("</a>");
        }
        html.append("</p>\n");
        if (!a.summary().isEmpty()) {
            html.append("<p><strong>").append(esc(a.summary())).append("</strong></p>\n");
        }
        a.image().ifPresent(img -> {
            html.append("<figure>");
            img.url().ifPresent(u -> html.append("<img src=\"").append(esc(u.toString())).append("\" alt=\"")
                    .append(esc(img.caption().isEmpty() ? a.title() : img.caption())).append("\">"));
            if (!img.credit().isEmpty()) {
                html.append("<figcaption>चित्र: ").append(esc(img.credit())).append("</figcaption>");
            }
            html.append("</figure>\n");
        });
        html.append(a.contentHtml()).append('\n');
        a.url().ifPresent(u -> html.append("<p><a href=\"").append(esc(u.toString())).append("\">मूल लेख</a></p>\n"));
        html.append("</article>\n</main>\n</body>\n</html>\n");
        return Rendered.of(CONTENT_TYPE, html.toString().getBytes(StandardCharsets.UTF_8), a.updated());
    }

    private StringBuilder head(String title, String lang) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(esc(lang)).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(title)).append("</title>\n");
        for (FeedFormat f : FeedFormat.values()) {
            html.append("<link rel=\"alternate\" type=\"").append(f.mediaType()).append("\" title=\"")
                    .append(esc(site.title())).append(" (").append(f.name()).append(")\" href=\"")
                    .append(esc(links.feed(Optional.empty(), f))).append("\">\n");
        }
        html.append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        return html;
    }

    private String tree(List<Category> level) {
        if (level.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<ul class=\"tree\">\n");
        for (Category c : level) {
            html.append("<li><strong>").append(esc(c.label())).append("</strong> <span class=\"feeds\">")
                    .append(feedLinks(Optional.of(c))).append("</span>").append(tree(c.children())).append("</li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    private String feedLinks(Optional<Category> category) {
        StringBuilder html = new StringBuilder();
        for (FeedFormat f : FeedFormat.values()) {
            html.append("<a href=\"").append(esc(links.feed(category, f))).append("\" type=\"").append(f.mediaType())
                    .append("\">").append(f.name()).append("</a>");
        }
        return html.toString();
    }

    private String time(Instant instant) {
        return "<time datetime=\"" + ArticleDates.rfc3339(instant, site.timeZone()) + "\">" + humanDate.format(instant)
                + "</time>";
    }

    private String langAttr(Article a) {
        return a.language().equals(site.language()) ? "" : " lang=\"" + esc(a.language().value()) + "\"";
    }

    private static String esc(String s) {
        return Entities.escape(s);
    }
}
