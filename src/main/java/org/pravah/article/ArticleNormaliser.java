package org.pravah.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** Applies the article rules once, for every source: clean text, parse dates and language, make safe HTML. */
public final class ArticleNormaliser {
    /**
     * Built at the first Markdown body, not with the normaliser: a restart that takes every article from the cache
     * never needs them, and building them is part of a cold start's main thread.
     */
    private static final class Markdown {
        static final Parser PARSER = Parser.builder().build();
        static final HtmlRenderer HTML = HtmlRenderer.builder().build();
    }

    private final SiteDefaults site;

    public ArticleNormaliser(SiteDefaults site) {
        this.site = site;
    }

    /** The defaults every article is normalised with; what a cache of normalised articles must match. */
    public SiteDefaults site() {
        return site;
    }

    /**
     * @param warnings where to add what was wrong but left out rather than refused (an unusable image URL): a
     *                 picture is no reason to withhold a story
     */
    public Article normalise(String sourceName, ArticleDraft draft, List<ArticleWarning> warnings)
            throws ArticleException {
        return normalise(sourceName, draft, warnings, true);
    }

    /**
     * Applies every rule of {@link #normalise}, refusing and warning exactly as it does, without making the article's
     * HTML: that can refuse nothing, and is most of the work. For documents that are checked now and read later
     * (the publish API, the import of an archive).
     */
    public void check(String sourceName, ArticleDraft draft, List<ArticleWarning> warnings) throws ArticleException {
        normalise(sourceName, draft, warnings, false);
    }

    private Article normalise(String sourceName, ArticleDraft draft, List<ArticleWarning> warnings, boolean render)
            throws ArticleException {
        String where = draft.origin();
        List<ArticleLimit.Exceeded> exceeded = ArticleLimit.exceededBy(draft);
        if (!exceeded.isEmpty()) {
            throw new ArticleException(where + ": " + exceeded.stream().map(e -> e.field() + ": " + e.detail())
                    .collect(Collectors.joining("; ")));
        }
        String id = Text.cleanLine(draft.id());
        if (id.isEmpty()) {
            throw new ArticleException(where + ": article has no id");
        }
        String title = Text.cleanLine(draft.title());
        if (!Text.hasContent(title)) {
            throw new ArticleException(where + ": missing required field 'title'");
        }
        Optional<URI> url = optionalUri(draft.url(), where, "url");
        String base = baseFor(url);
        String contentHtml = render ? toHtml(draft.body(), draft.bodyFormat(), base) : "";
        String summary = Text.cleanLine(draft.summary());
        if (summary.isEmpty() && !contentHtml.isEmpty()) {
            summary = abbreviate(HtmlContent.toText(contentHtml), 300);
        }
        Instant published = date(draft.published(), where, "published").orElse(draft.fallbackPublished());
        Instant updated = date(draft.updated(), where, "updated").orElse(published);
        LanguageTag language = site.language();
        if (!draft.language().isBlank()) {
            try {
                language = LanguageTag.parse(draft.language());
            } catch (IllegalArgumentException e) {
                throw new ArticleException(where + ": language: " + e.getMessage());
            }
        }
        Optional<Image> image = image(draft, base, where, warnings);
        String author = Text.cleanLine(draft.author());
        return new Article(
                Article.keyOf(sourceName, id), sourceName, id, title, summary, contentHtml,
                cleanList(draft.categories()), cleanList(draft.fallbackCategories()), cleanList(draft.tags()),
                published, updated,
                author.isEmpty() ? Optional.empty() : Optional.of(author),
                url, image, language, where);
    }

    /**
     * Where an article's relative references point: its own page when it has one, else the site. Links and images
     * in the body and the lead image's URL all resolve against it, so a path means the same wherever it is written.
     */
    private String baseFor(Optional<URI> url) {
        return url.map(URI::toString).orElse(site.baseUrl() + "/");
    }

    /**
     * The lead image, its URL resolved against {@code base} as the body's links are; an image whose URL is still not
     * an absolute http(s) URL is left out with a warning.
     */
    private static Optional<Image> image(ArticleDraft draft, String base, String where, List<ArticleWarning> warnings) {
        String caption = Text.cleanLine(draft.imageCaption());
        String credit = Text.cleanLine(draft.imageCredit());
        String raw = draft.imageUrl() == null ? "" : draft.imageUrl().strip();
        Optional<URI> url = Optional.empty();
        if (!raw.isEmpty()) {
            String problem;
            try {
                url = httpUri(HtmlContent.resolve(raw, base));
                problem = "'" + raw + "' is neither an absolute http(s) URL nor a path";
            } catch (URISyntaxException e) {
                problem = "'" + raw + "' is not a valid URL (" + e.getReason() + ")";
            }
            if (url.isEmpty()) {
                warnings.add(new ArticleWarning(where, "image.url", problem, "image"));
                return Optional.empty();
            }
        }
        if (url.isEmpty() && caption.isEmpty() && credit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Image(url, caption, credit));
    }

    private static String toHtml(String body, ArticleDraft.BodyFormat format, String base) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return switch (format) {
            case PLAIN_TEXT -> HtmlContent.fromPlainText(Text.clean(body));
            case HTML -> HtmlContent.sanitise(body, base);
            // Markdown may carry raw HTML, so its output goes through the same allow-list as any other HTML
            case MARKDOWN -> HtmlContent.sanitise(markdownHtml(body), base);
        };
    }

    /**
     * A Markdown body as HTML, before the allow-list: what an article in the JSON shape carries as {@code contentHtml}
     * to read exactly as the Markdown does (the import of {@code *.md} files stores it so).
     */
    public static String markdownHtml(String markdown) {
        return Markdown.HTML.render(Markdown.PARSER.parse(markdown));
    }

    private Optional<Instant> date(String raw, String where, String field) throws ArticleException {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ArticleDates.parse(raw, site.timeZone()));
        } catch (IllegalArgumentException e) {
            throw new ArticleException(where + ": " + field + ": " + e.getMessage());
        }
    }

    private static Optional<URI> optionalUri(String raw, String where, String field) throws ArticleException {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> uri;
        try {
            uri = httpUri(s);
        } catch (URISyntaxException e) {
            throw new ArticleException(where + ": " + field + ": '" + s + "' is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.isEmpty()) {
            throw new ArticleException(where + ": " + field + ": '" + s + "' is not an absolute http(s) URL");
        }
        return uri;
    }

    /** {@code s} as a URI when it is an absolute http(s) URL with a host; empty when it is another kind of URI. */
    private static Optional<URI> httpUri(String s) throws URISyntaxException {
        URI uri = new URI(s);
        String scheme = uri.getScheme();
        boolean http = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
        return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    }

    private static List<String> cleanList(List<String> values) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String clean = Text.cleanLine(v);
            if (!clean.isEmpty()) {
                out.add(clean);
            }
        }
        return new ArrayList<>(out);
    }

    private static String abbreviate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max);
        int space = text.lastIndexOf(' ', end);
        return (space > max / 2 ? text.substring(0, space) : text.substring(0, end)) + "…";
    }
}
