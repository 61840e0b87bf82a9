package org.pravah.article;

import java.time.Instant;
import java.util.List;

/**
 * An article as a reader found it, before any rule is applied: strings as written, empty when absent.
 * {@link ArticleNormaliser} turns it into an {@link Article} or says why it cannot.
 *
 * @param bodyFormat how {@code body} is written
 * @param fallbackPublished the date to use when the article carries none (a file's modification time)
 */
public record ArticleDraft(
        String id,
        String title,
        String summary,
        String body,
        BodyFormat bodyFormat,
        List<String> categories,
        List<String> fallbackCategories,
        List<String> tags,
        String published,
        String updated,
        String author,
        String url,
        String imageUrl,
        String imageCaption,
        String imageCredit,
        String language,
        Instant fallbackPublished,
        String origin) {

    public enum BodyFormat { PLAIN_TEXT, HTML, MARKDOWN }

    public ArticleDraft {
        categories = List.copyOf(categories);
        fallbackCategories = List.copyOf(fallbackCategories);
        tags = List.copyOf(tags);
    }
}
