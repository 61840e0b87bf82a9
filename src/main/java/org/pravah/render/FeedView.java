package org.pravah.render;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;

/**
 * What one feed shows, independent of its format: the renderers only translate this into RSS or Atom.
 *
 * @param updated the newest article's date: the same content always renders to the same bytes
 */
public record FeedView(
        Optional<Category> category,
        String title,
        String description,
        String homeUrl,
        String siteTitle,
        LanguageTag language,
        ZoneId timeZone,
        Instant published,
        Instant updated,
        List<CatalogEntry> entries,
        SiteLinks links) {

    public FeedView {
        entries = List.copyOf(entries);
    }

    public String selfUrl(FeedFormat format) {
        return links.feed(category, format);
    }
}
