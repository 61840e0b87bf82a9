package org.pravah.render;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;

/**
 * What one feed document shows, independent of its format: the renderers only translate this into RSS or Atom.
 *
 * @param defaultAuthor the author of articles that name none ({@code site.author}, else the site's title)
 * @param updated   the newest article's date: the same content always renders to the same bytes
 * @param query     the page and filters this document answers
 * @param pageCount how many pages the (filtered) feed has; at least 1
 * @param hubs      WebSub hubs to advertise
 * @param archiveCount how many complete RFC 5005 archive documents the unfiltered feed has
 */
public record FeedView(
        Optional<Category> category,
        String title,
        String description,
        String homeUrl,
        String siteTitle,
        String defaultAuthor,
        LanguageTag language,
        ZoneId timeZone,
        Instant published,
        Instant updated,
        List<CatalogEntry> entries,
        SiteLinks links,
        FeedQuery query,
        int pageCount,
        int ttlMinutes,
        List<String> hubs,
        int archiveCount) {

    public FeedView {
        entries = List.copyOf(entries);
        hubs = List.copyOf(hubs);
    }

    /** The entries as the feed shows them, in the same order. */
    List<FeedItem> items() {
        return entries.stream().map(e -> FeedItem.of(e, defaultAuthor, Messages.of(language))).toList();
    }

    /** The URL this document is served at: feed URL plus its query. */
    public String selfUrl(FeedFormat format) {
        return links.feedDocument(category, format, query);
    }

    public String pageUrl(FeedFormat format, int page) {
        return links.feedDocument(category, format, query.withPage(page));
    }

    public String archiveUrl(FeedFormat format, int archive) {
        return links.feedDocument(category, format, query.withArchive(archive));
    }

    /** True for an RFC 5005 archive document: its content stays as it is, so it is marked and cached long. */
    public boolean isArchive() {
        return query.isArchive();
    }

    /** The first page of this feed with the same filters: the feed's id across its pages. */
    public String firstPageUrl(FeedFormat format) {
        return pageUrl(format, 1);
    }

    /**
     * The links a document gives about itself: {@code self}, the RFC 5005 paging links when there is more than one
     * page, and WebSub {@code hub}s.
     */
    public List<FeedLink> navigation(FeedFormat format) {
        List<FeedLink> out = new ArrayList<>();
        out.add(new FeedLink("self", selfUrl(format), format.mediaType()));
        String type = format.mediaType();
        if (query.isArchive()) {
            // RFC 5005 §4: an archive links the subscription document and its neighbours in time
            out.add(new FeedLink("current", links.feed(category, format), type));
            if (query.archive() > 1) {
                out.add(new FeedLink("prev-archive", archiveUrl(format, query.archive() - 1), type));
            }
            if (query.archive() < archiveCount) {
                out.add(new FeedLink("next-archive", archiveUrl(format, query.archive() + 1), type));
            }
        } else if (query.isPlain() && query.page() == 1 && archiveCount > 0) {
            out.add(new FeedLink("prev-archive", archiveUrl(format, archiveCount), type));
        }
        if (!query.isArchive() && pageCount > 1) {
            out.add(new FeedLink("first", pageUrl(format, 1), format.mediaType()));
            if (query.page() > 1) {
                out.add(new FeedLink("previous", pageUrl(format, query.page() - 1), format.mediaType()));
            }
            if (query.page() < pageCount) {
                out.add(new FeedLink("next", pageUrl(format, query.page() + 1), format.mediaType()));
            }
            out.add(new FeedLink("last", pageUrl(format, pageCount), format.mediaType()));
        }
        for (String hub : hubs) {
            out.add(new FeedLink("hub", hub, ""));
        }
        return out;
    }

    /** A link in a feed's head: relation, target, media type ({@code ""} for none). */
    public record FeedLink(String rel, String href, String type) {
    }
}
