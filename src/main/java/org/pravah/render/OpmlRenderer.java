package org.pravah.render;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.pravah.article.ArticleDates;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;

/**
 * The subscription list of every feed as OPML 2.0 (http://opml.org/spec2.opml), so a reader can import the whole site
 * at once. Built as a JDOM tree, so every attribute is escaped by the XML writer.
 *
 * <p>Shape: the all-feed first, then the category tree. A category with children becomes a folder (an outline with
 * only {@code text}) holding the category's own feed and its children; a leaf is just its feed. Readers turn folders
 * into their own folders or tags (newsboat: tags) and never have to decide whether an outline with children is a feed.
 * One format per document, so importing never subscribes to the same articles twice: RSS by default (every reader
 * takes it), Atom or JSON Feed with {@code ?format=atom|json}.
 */
public final class OpmlRenderer {
    public static final String CONTENT_TYPE = "text/x-opml; charset=utf-8";
    private static final String SPEC = "http://opml.org/spec2.opml";

    private final FeedSelector selector;

    public OpmlRenderer(FeedSelector selector) {
        this.selector = selector;
    }

    public Rendered render(Snapshot snapshot, FeedFormat format) {
        FeedView all = selector.view(snapshot, Optional.empty());
        // dated by the content, like the feeds (same articles, same bytes): the newest change anywhere on the site
        Instant updated = snapshot.newestUpdate();
        Element head = new Element("head")
                .addContent(FeedXml.text("title", Namespace.NO_NAMESPACE, Messages.of(all.language()).get("opml.title", all.siteTitle())))
                .addContent(FeedXml.text("dateModified", Namespace.NO_NAMESPACE,
                        ArticleDates.rfc822(updated, all.timeZone())))
                .addContent(FeedXml.text("docs", Namespace.NO_NAMESPACE, SPEC));
        Element body = new Element("body");
        body.addContent(feed(all, format, Messages.of(all.language()).get("all.news")));
        for (Category c : snapshot.tree().roots()) {
            body.addContent(node(snapshot, c, format));
        }
        Element opml = new Element("opml").setAttribute("version", "2.0").addContent(head).addContent(body);
        byte[] bytes = FeedXml.toBytes(new Document(opml));
        return Rendered.of(CONTENT_TYPE, bytes, updated);
    }

    private Element node(Snapshot snapshot, Category category, FeedFormat format) {
        Element own = feed(selector.view(snapshot, Optional.of(category)), format, category.label());
        List<Category> children = category.children();
        if (children.isEmpty()) {
            return own;
        }
        Element folder = new Element("outline").setAttribute("text", category.label())
                .setAttribute("title", category.label());
        folder.addContent(own);
        for (Category child : children) {
            folder.addContent(node(snapshot, child, format));
        }
        return folder;
    }

    private static Element feed(FeedView view, FeedFormat format, String text) {
        return new Element("outline")
                .setAttribute("type", "rss")
                .setAttribute("text", text)
                .setAttribute("title", view.title())
                .setAttribute("description", view.description())
                .setAttribute("xmlUrl", view.links().feed(view.category(), format))
                .setAttribute("htmlUrl", view.homeUrl())
                .setAttribute("language", view.language().value());
    }
}
