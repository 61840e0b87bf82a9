package org.pravah.render;

import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.pravah.article.Article;
import org.pravah.article.ArticleDates;
import org.pravah.article.HtmlContent;
import org.pravah.catalog.Category;

/**
 * RSS 2.0 through Rome's wire model. Rome builds channel and items; this class then adds what Rome cannot write
 * safely or at all: {@code atom:link rel="self"}, {@code content:encoded} (Rome's CDATA breaks on {@code ]]>}),
 * Media RSS images, {@code dc:language} on items in another language, and dates in the site's zone with a numeric
 * offset.
 */
public final class RssRenderer implements FeedRenderer {
    @Override
    public FeedFormat format() {
        return FeedFormat.RSS;
    }

    @Override
    public byte[] render(FeedView view) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(view.title());
        channel.setLink(view.homeUrl());
        channel.setDescription(view.description());
        channel.setLanguage(view.language().value());
        channel.setGenerator("Pravah");
        channel.setDocs("https://www.rssboard.org/rss-specification");
        channel.setTtl(view.ttlMinutes());
        channel.setImage(image(view));
        List<FeedItem> feedItems = view.items();
        List<Item> items = new ArrayList<>();
        for (FeedItem item : feedItems) {
            items.add(item(item, view));
        }
        channel.setItems(items);

        Document document = FeedXml.toDocument(channel);
        Element rss = document.getRootElement();
        for (Namespace ns : List.of(FeedXml.ATOM, FeedXml.CONTENT, FeedXml.DC, FeedXml.MEDIA)) {
            rss.addNamespaceDeclaration(ns);
        }
        Element channelElement = rss.getChild("channel");
        List<Element> itemElements = channelElement.getChildren("item");
        // channel metadata goes before the first item: the W3C validator flags items that precede it
        int beforeItems = itemElements.isEmpty() ? channelElement.getContentSize()
                : channelElement.indexOf(itemElements.get(0));
        List<Element> head = new ArrayList<>();
        for (FeedView.FeedLink link : view.navigation(FeedFormat.RSS)) {
            Element atomLink = new Element("link", FeedXml.ATOM).setAttribute("href", link.href())
                    .setAttribute("rel", link.rel());
            if (!link.type().isEmpty()) {
                atomLink.setAttribute("type", link.type());
            }
            head.add(atomLink);
        }
        if (view.isArchive()) {
            rss.addNamespaceDeclaration(FeedXml.FH);
            head.add(new Element("archive", FeedXml.FH));
        }
        head.add(FeedXml.text("pubDate", Namespace.NO_NAMESPACE, rfc822(view, view.published())));
        head.add(FeedXml.text("lastBuildDate", Namespace.NO_NAMESPACE, rfc822(view, view.updated())));
        channelElement.addContent(beforeItems, head);
        // Rome's DC module writes dc:date / dc:language when they are set anywhere; RSS has its own elements for both
        // and the W3C validator warns about the duplicates, so none of Rome's survive. This runs before the items are
        // finished: the only dc:language left is the one an item in another language gets below.
        removeDublinCoreDuplicates(rss);
        for (int i = 0; i < itemElements.size(); i++) {
            finishItem(itemElements.get(i), feedItems.get(i), view);
        }
        return FeedXml.toBytes(document);
    }

    private static Item item(FeedItem feedItem, FeedView view) {
        Article a = feedItem.article();
        SiteLinks links = view.links();
        Item item = new Item();
        item.setTitle(a.title());
        item.setLink(links.articleLink(a));
        if (!a.summary().isEmpty()) {
            // summaries are plain text, but readers render <description> as HTML: text that looks like markup
            // (<img onerror=…>, "<निवेशक>") must be shown, not run or swallowed
            Description description = new Description();
            description.setType("text/html");
            description.setValue(HtmlContent.escapeText(a.summary()));
            item.setDescription(description);
        }
        Guid guid = new Guid();
        guid.setValue(links.articleId(a));
        guid.setPermaLink(links.articleId(a).equals(links.articleLink(a)));
        item.setGuid(guid);
        List<com.rometools.rome.feed.rss.Category> categories = new ArrayList<>();
        for (Category c : feedItem.categories()) {
            com.rometools.rome.feed.rss.Category bySlug = new com.rometools.rome.feed.rss.Category();
            bySlug.setDomain(links.categoryScheme());
            bySlug.setValue(c.path());
            categories.add(bySlug);
            com.rometools.rome.feed.rss.Category byLabel = new com.rometools.rome.feed.rss.Category();
            byLabel.setValue(c.label());
            categories.add(byLabel);
        }
        for (String tag : feedItem.tags()) {
            com.rometools.rome.feed.rss.Category t = new com.rometools.rome.feed.rss.Category();
            t.setValue(tag);
            categories.add(t);
        }
        item.setCategories(categories);
        // the element every RSS reader knows; length 0 is RSS's "unknown" (we never fetch the image), and an image
        // whose type we cannot tell gets none, since an enclosure must name one
        feedItem.image().ifPresent(image -> image.mediaType().ifPresent(type -> {
            Enclosure enclosure = new Enclosure();
            enclosure.setUrl(image.url().toString());
            enclosure.setType(type);
            enclosure.setLength(0);
            item.setEnclosures(List.of(enclosure));
        }));
        // dc:creator, not RSS <author>, which must be an email address
        DCModuleImpl dc = new DCModuleImpl();
        dc.setCreator(feedItem.author());
        List<Module> modules = new ArrayList<>(item.getModules());
        modules.add(dc);
        item.setModules(modules);
        return item;
    }

    /** The channel logo; RSS wants its title and link to be the channel's own (W3C: ImageTitleDoesntMatch). */
    private static com.rometools.rome.feed.rss.Image image(FeedView view) {
        SiteImage logo = view.links().logo();
        com.rometools.rome.feed.rss.Image image = new com.rometools.rome.feed.rss.Image();
        image.setUrl(logo.url());
        image.setTitle(view.title());
        image.setLink(view.homeUrl());
        if (logo.hasSize()) {
            image.setWidth(logo.width());
            image.setHeight(logo.height());
        }
        return image;
    }

    private static void finishItem(Element item, FeedItem feedItem, FeedView view) {
        Article a = feedItem.article();
        item.addContent(FeedXml.text("pubDate", Namespace.NO_NAMESPACE, rfc822(view, a.published())));
        if (!feedItem.contentHtml().isEmpty()) {
            item.addContent(FeedXml.text("encoded", FeedXml.CONTENT, feedItem.contentHtml()));
        }
        // RSS has a language only per channel; without this both feedparsers report an English article as Hindi
        if (!a.language().equals(view.language())) {
            item.addContent(FeedXml.text("language", FeedXml.DC, a.language().value()));
        }
        feedItem.image().ifPresent(image -> {
            item.addContent(FeedXml.mediaContent(image));
            item.addContent(FeedXml.mediaThumbnail(image));
        });
    }

    private static void removeDublinCoreDuplicates(Element rss) {
        List<Element> doomed = new ArrayList<>();
        for (Element e : rss.getDescendants(new org.jdom2.filter.ElementFilter(FeedXml.DC))) {
            if (e.getName().equals("date") || e.getName().equals("language")) {
                doomed.add(e);
            }
        }
        doomed.forEach(Element::detach);
    }

    private static String rfc822(FeedView view, java.time.Instant instant) {
        return ArticleDates.rfc822(instant, view.timeZone());
    }
}
