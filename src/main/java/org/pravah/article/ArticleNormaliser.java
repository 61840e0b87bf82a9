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

    public Article normalise(String sourceName, ArticleDraft draft) throws ArticleException {
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
        String base = url.map(URI::toString).orElse(site.baseUrl() + "/");
        String contentHtml = toHtml(draft.body(), draft.bodyFormat(), base);
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
        Optional<Image> image = Optional.empty();
        Optional<URI> imageUrl = optionalUri(draft.imageUrl(), where, "image.url");
        String caption = Text.cleanLine(draft.imageCaption());
        String credit = Text.cleanLine(draft.imageCredit());
        if (imageUrl.isPresent() || !caption.isEmpty() || !credit.isEmpty()) {
            image = Optional.of(new Image(imageUrl, caption, credit));
        }
        String author = Text.cleanLine(draft.author());
        return new Article(
                Article.keyOf(sourceName, id), sourceName, id, title, summary, contentHtml,
                cleanList(draft.categories()), cleanList(draft.fallbackCategories()), cleanList(draft.tags()),
                published, updated,
                author.isEmpty() ? Optional.empty() : Optional.of(author),
                url, image, language, where);
    }

    private static String toHtml(String body, ArticleDraft.BodyFormat format, String base) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return switch (format) {
            case PLAIN_TEXT -> HtmlContent.fromPlainText(Text.clean(body));
            case HTML -> HtmlContent.sanitise(body, base);
            // Markdown may carry raw HTML, so its output goes through the same allow-list as any other HTML
            case MARKDOWN -> HtmlContent.sanitise(Markdown.HTML.render(Markdown.PARSER.parse(body)), base);
        };
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
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new ArticleException(where + ": " + field + ": '" + s + "' is not an absolute http(s) URL");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ArticleException(where + ": " + field + ": '" + s + "' is not a valid URL (" + e.getReason() + ")");
        }
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
