package org.pravah.render;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.pravah.article.Article;
import org.pravah.article.ArticleDates;
import org.pravah.catalog.Category;

/**
 * Atom 1.0 (RFC 4287) through Rome's wire model, finished with what Rome does not write: {@code xml:lang} on the
 * feed and on entries in another language, dates in the site's zone with a numeric offset, Media RSS images.
 */
public final class AtomRenderer implements FeedRenderer {
    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    @Override
    public FeedFormat format() {
        return FeedFormat.ATOM;
    }

    @Override
    public byte[] render(FeedView view) {
        SiteLinks links = view.links();
        Feed feed = new Feed("atom_1.0");
        feed.setId(view.firstPageUrl(FeedFormat.ATOM));
        feed.setTitle(view.title());
        feed.setSubtitle(text(view.description()));
        feed.setAlternateLinks(List.of(link("alternate", view.homeUrl(), "text/html")));
        List<Link> navigation = new ArrayList<>();
        for (FeedView.FeedLink l : view.navigation(FeedFormat.ATOM)) {
            navigation.add(link(l.rel(), l.href(), l.type().isEmpty() ? null : l.type()));
        }
        feed.setOtherLinks(navigation);
        feed.setAuthors(List.of(person(view.siteTitle())));
        feed.setIcon(links.icon().url());
        feed.setLogo(links.logo().url());
        List<FeedItem> items = view.items();
        List<Entry> entries = new ArrayList<>();
        for (FeedItem item : items) {
            entries.add(entry(item, links));
        }
        feed.setEntries(entries);

        var document = FeedXml.toDocument(feed);
        Element root = document.getRootElement();
        root.setAttribute("lang", view.language().value(), Namespace.XML_NAMESPACE);
        root.addNamespaceDeclaration(FeedXml.MEDIA);
        // RFC 4287 allows any order, but the W3C validator wants feed metadata before the first entry
        root.addContent(0, dateElement("updated", view.updated(), view));
        if (view.isArchive()) {
            root.addNamespaceDeclaration(FeedXml.FH);
            root.addContent(1, new Element("archive", FeedXml.FH));
        }
        List<Element> entryElements = root.getChildren("entry", ATOM);
        for (int i = 0; i < entryElements.size(); i++) {
            Element element = entryElements.get(i);
            FeedItem item = items.get(i);
            Article a = item.article();
            if (!a.language().equals(view.language())) {
                element.setAttribute("lang", a.language().value(), Namespace.XML_NAMESPACE);
            }
            element.addContent(dateElement("published", a.published(), view));
            element.addContent(dateElement("updated", a.updated(), view));
            item.image().ifPresent(image -> {
                element.addContent(FeedXml.mediaContent(image));
                element.addContent(FeedXml.mediaThumbnail(image));
            });
        }
        return FeedXml.toBytes(document);
    }

    private static Entry entry(FeedItem item, SiteLinks links) {
        Article a = item.article();
        Entry entry = new Entry();
        entry.setId(links.articleId(a));
        entry.setTitleEx(text(a.title()));
        entry.setAlternateLinks(List.of(link("alternate", links.articleLink(a), "text/html")));
        // RFC 4287's enclosure link, which feedparser, sfeed and npm feedparser list as the entry's enclosure; its
        // length is optional and not known, so Rome leaves it out (length 0)
        item.image().ifPresent(image -> image.mediaType().ifPresent(type ->
                entry.setOtherLinks(List.of(link("enclosure", image.url().toString(), type)))));
        if (!a.summary().isEmpty()) {
            entry.setSummary(text(a.summary()));
        }
        if (!item.contentHtml().isEmpty()) {
            Content content = new Content();
            content.setType(Content.HTML);
            content.setValue(item.contentHtml());
            entry.setContents(List.of(content));
        }
        entry.setAuthors(List.of(person(item.author())));
        List<com.rometools.rome.feed.atom.Category> categories = new ArrayList<>();
        for (Category c : item.categories()) {
            // readers (sfeed, rss2email, npm feedparser) show the term and never the label, so the term is the Hindi
            // label; labels are unique in the tree, so the pair (scheme, term) still names exactly one category
            com.rometools.rome.feed.atom.Category category = new com.rometools.rome.feed.atom.Category();
            category.setTerm(c.label());
            category.setScheme(links.categoryScheme());
            category.setLabel(c.label());
            categories.add(category);
        }
        for (String tag : item.tags()) {
            com.rometools.rome.feed.atom.Category category = new com.rometools.rome.feed.atom.Category();
            category.setTerm(tag);
            categories.add(category);
        }
        entry.setCategories(categories);
        return entry;
    }

    private static Element dateElement(String name, Instant instant, FeedView view) {
        return FeedXml.text(name, ATOM, ArticleDates.rfc3339(instant, view.timeZone()));
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(value);
        return content;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static SyndPerson person(String name) {
        Person person = new Person();
        person.setName(name);
        return person;
    }
}
