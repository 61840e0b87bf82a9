package org.pravah.source.upstream;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An item's fields as a format reader found them, before {@link UpstreamEntries} applies the rules shared by every
 * format (stable id, absolute links, safe HTML). Strings are empty when absent.
 *
 * @param label how messages name the item (its title or guid as written)
 */
record RawEntry(String label, String guid, String link, String title, boolean titleIsHtml, String description,
                boolean descriptionIsHtml, String content, boolean contentIsHtml, String author,
                Optional<Instant> published, Optional<Instant> updated, List<String> categories, String imageUrl,
                String imageCaption, String imageCredit, String language) {
}
