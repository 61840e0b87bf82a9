package org.pravah.article;

import com.github.benmanes.caffeine.cache.Interner;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One article, normalised and format-neutral. Every text field is already NFC and XML-safe ({@link Text});
 * {@code contentHtml} is already sanitised ({@link HtmlContent}).
 *
 * @param key              the article's key in the whole site: {@code <source>/<id>}; ids and links derive from it.
 *                         The id is not kept apart ({@link #id()}): one String less per article of the archive
 * @param texts            the title, the summary (always plain text, never HTML), the body as HTML and the origin
 *                         (where the article came from, for messages: a file path); read them as {@link #title()},
 *                         {@link #summary()}, {@link #contentHtml()} and {@link #origin()}. They may still be the
 *                         bytes they were cached as, decoded when read ({@link ArticleTexts})
 * @param categoryRefs     categories as the publisher wrote them (slug paths, labels, aliases, breadcrumbs)
 * @param fallbackCategoryRefs consulted only when none of {@code categoryRefs} resolves (the export's section line)
 */
public record Article(
        String key,
        String sourceName,
        ArticleTexts texts,
        List<String> categoryRefs,
        List<String> fallbackCategoryRefs,
        List<String> tags,
        Instant published,
        Instant updated,
        Optional<String> author,
        Optional<URI> url,
        Optional<Image> image,
        LanguageTag language) {

    /**
     * The site's order of articles: newest publication first, then by key, so that equal content always gives equal
     * order. The catalogue sorts by it, and the article cache keeps each folder in it so that a restart hands the
     * catalogue long runs. Written out rather than composed from key extractors: a start sorts every article on a
     * cold JVM.
     */
    public static final Comparator<Article> NEWEST_FIRST = (a, b) -> {
        int byDate = b.published().compareTo(a.published());
        return byDate != 0 ? byDate : a.key().compareTo(b.key());
    };

    /**
     * Category names, tags, authors, credits and language tags repeat across an archive's articles: each is kept once,
     * not once per article (BENCHMARKS.md, "cost follows the change"). Weak, so that a name no article uses
     * any more is not kept.
     */
    private static final Interner<String> REPEATED = Interner.newWeakInterner();
    private static final Interner<LanguageTag> LANGUAGES = Interner.newWeakInterner();
    /** A site has a few dozen ways of naming its categories: each list of them is kept once, like the names. */
    private static final Interner<List<String>> CATEGORY_LISTS = Interner.newWeakInterner();
    /** The author as an {@code Optional}, kept once per author like the name, not once per article. */
    private static final Interner<Optional<String>> AUTHORS = Interner.newWeakInterner();

    public Article {
        categoryRefs = CATEGORY_LISTS.intern(shared(categoryRefs));
        fallbackCategoryRefs = CATEGORY_LISTS.intern(shared(fallbackCategoryRefs));
        tags = shared(tags);
        author = author.isEmpty() ? author : AUTHORS.intern(author.map(REPEATED::intern));
        image = image.map(i -> new Image(i.url(), i.caption(), REPEATED.intern(i.credit())));
        language = LANGUAGES.intern(language);
        if (!updated.isAfter(published)) {
            // most articles were never updated: one Instant for both
            updated = published;
        }
    }

    private static List<String> shared(List<String> names) {
        return switch (names.size()) {
            case 0 -> List.of();
            case 1 -> List.of(REPEATED.intern(names.get(0)));
            default -> names.stream().map(REPEATED::intern).toList();
        };
    }

    /**
     * @throws IllegalArgumentException when {@code key} is not {@code <sourceName>/<id>}
     */
    public Article(String key, String sourceName, String id, String title, String summary, String contentHtml,
                   List<String> categoryRefs, List<String> fallbackCategoryRefs, List<String> tags, Instant published,
                   Instant updated, Optional<String> author, Optional<URI> url, Optional<Image> image,
                   LanguageTag language, String origin) {
        this(keyOf(key, sourceName, id), sourceName, ArticleTexts.of(title, summary, contentHtml, origin),
                categoryRefs, fallbackCategoryRefs, tags, published, updated, author, url, image, language);
    }

    private static String keyOf(String key, String sourceName, String id) {
        if (key.length() != sourceName.length() + 1 + id.length() || !key.startsWith(sourceName)
                || key.charAt(sourceName.length()) != '/' || !key.endsWith(id)) {
            throw new IllegalArgumentException("key '" + key + "' is not " + keyOf(sourceName, id));
        }
        return key;
    }

    /** The article's id within its source: its key without the source's name. */
    public String id() {
        return key.substring(sourceName.length() + 1);
    }

    public String title() {
        return texts.title();
    }

    /** The summary, always plain text (never HTML). */
    public String summary() {
        return texts.summary();
    }

    /** The body as sanitised HTML. */
    public String contentHtml() {
        return texts.contentHtml();
    }

    /** Where the article came from, for messages (a file path). */
    public String origin() {
        return texts.origin();
    }

    public static String keyOf(String sourceName, String id) {
        return sourceName + "/" + id;
    }
}
