package org.pravah.article;

import java.time.Instant;
import java.util.List;

/**
 * An article as a reader found it, before any rule is applied: strings as written, empty when absent.
 * {@link ArticleNormaliser} turns it into an {@link Article} or says why it cannot. Readers make one with
 * {@link #builder}, naming the fields they found; the others stay empty.
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

    /**
     * @param id                the article's id as found (or the reader's default for it)
     * @param origin            where it was found, for messages ({@code articles/desh/baadh.json}, an upstream item)
     * @param fallbackPublished the date to use when the article carries none
     */
    public static Builder builder(String id, String origin, Instant fallbackPublished) {
        return new Builder(id, origin, fallbackPublished);
    }

    /** A builder holding this draft's fields, to make one that differs in a few. */
    public Builder toBuilder() {
        return new Builder(id, origin, fallbackPublished).title(title).summary(summary).body(body, bodyFormat)
                .categories(categories).fallbackCategories(fallbackCategories).tags(tags).published(published)
                .updated(updated).author(author).url(url).image(imageUrl, imageCaption, imageCredit).language(language);
    }

    /** The fields of a draft by name; what is not set is empty (plain text for the body). */
    public static final class Builder {
        private final String id;
        private final String origin;
        private final Instant fallbackPublished;
        private String title = "";
        private String summary = "";
        private String body = "";
        private BodyFormat bodyFormat = BodyFormat.PLAIN_TEXT;
        private List<String> categories = List.of();
        private List<String> fallbackCategories = List.of();
        private List<String> tags = List.of();
        private String published = "";
        private String updated = "";
        private String author = "";
        private String url = "";
        private String imageUrl = "";
        private String imageCaption = "";
        private String imageCredit = "";
        private String language = "";

        private Builder(String id, String origin, Instant fallbackPublished) {
            this.id = id;
            this.origin = origin;
            this.fallbackPublished = fallbackPublished;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder body(String body, BodyFormat format) {
            this.body = body;
            this.bodyFormat = format;
            return this;
        }

        /** Category names or paths as the article states them. */
        public Builder categories(List<String> categories) {
            this.categories = categories;
            return this;
        }

        /** Used when none of {@link #categories} is known (an export's section, an upstream's category). */
        public Builder fallbackCategories(List<String> fallbackCategories) {
            this.fallbackCategories = fallbackCategories;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder published(String published) {
            this.published = published;
            return this;
        }

        public Builder updated(String updated) {
            this.updated = updated;
            return this;
        }

        public Builder author(String author) {
            this.author = author;
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder image(String url, String caption, String credit) {
            this.imageUrl = url;
            this.imageCaption = caption;
            this.imageCredit = credit;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public ArticleDraft build() {
            return new ArticleDraft(id, title, summary, body, bodyFormat, categories, fallbackCategories, tags,
                    published, updated, author, url, imageUrl, imageCaption, imageCredit, language, fallbackPublished,
                    origin);
        }
    }
}
