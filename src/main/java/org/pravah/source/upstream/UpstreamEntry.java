package org.pravah.source.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One upstream item, read from whichever format it came in and already made safe: text fields as found, HTML
 * sanitised with relative URLs made absolute, dates as RFC 3339 instants. Empty strings mean absent. It is what the
 * data folder keeps, so the config's {@code categoryMap} and {@code category} are applied later, at every load: a
 * config edit re-files items fetched earlier too.
 *
 * @param id          our stable id for it: a hash of the upstream guid/id, else of its link, else of title and date
 * @param guid        the upstream's own id, for messages
 * @param summary     plain text
 * @param contentHtml sanitised HTML
 * @param published   RFC 3339 ({@code 2026-11-27T04:00:00Z}), empty when the upstream gave none we could read
 * @param categories  the upstream's category names, as written
 * @param language    a BCP 47 tag the upstream gave, empty when it gave none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpstreamEntry(String id, String guid, String link, String title, String summary, String contentHtml,
                            String author, String published, String updated, List<String> categories,
                            String imageUrl, String imageCaption, String imageCredit, String language) {
    public UpstreamEntry {
        id = orEmpty(id);
        guid = orEmpty(guid);
        link = orEmpty(link);
        title = orEmpty(title);
        summary = orEmpty(summary);
        contentHtml = orEmpty(contentHtml);
        author = orEmpty(author);
        published = orEmpty(published);
        updated = orEmpty(updated);
        categories = categories == null ? List.of() : List.copyOf(categories);
        imageUrl = orEmpty(imageUrl);
        imageCaption = orEmpty(imageCaption);
        imageCredit = orEmpty(imageCredit);
        language = orEmpty(language);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
