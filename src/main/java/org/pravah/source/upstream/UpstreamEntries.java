package org.pravah.source.upstream;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pravah.article.HtmlContent;
import org.pravah.article.LanguageTag;
import org.pravah.article.Text;

/**
 * The rules every upstream format shares, applied once: which id an item keeps for good, which links are usable,
 * how HTML is made safe, which text is the title and which the summary.
 */
final class UpstreamEntries {
    private static final int DERIVED_TITLE_LENGTH = 80;

    private UpstreamEntries() {
    }

    /**
     * The entry, or empty (with a warning) when it carries nothing to show.
     *
     * @param feedLanguage the feed's language, already read by {@link #language}; empty when it named none
     */
    static Optional<UpstreamEntry> make(RawEntry raw, URI feedUrl, String feedLanguage, String where,
                                        List<String> warnings) {
        String item = where + ": item '" + abbreviate(Text.cleanLine(raw.label()), 60) + "'";
        String link = absoluteHttp(raw.link(), feedUrl).orElse("");
        if (link.isEmpty() && !raw.link().isBlank()) {
            warnings.add(item + ": link '" + raw.link().strip() + "' is not an http(s) address; dropped");
        }
        // relative URLs inside the HTML belong to the upstream, never to our site
        String base = link.isEmpty() ? feedUrl.toString() : link;
        String content = html(raw.content(), raw.contentIsHtml(), base);
        String description = html(raw.description(), raw.descriptionIsHtml(), base);
        String summary = "";
        if (content.isEmpty()) {
            content = description;
        } else if (!description.isEmpty()) {
            summary = HtmlContent.toText(description);
        }
        String title = raw.titleIsHtml() ? HtmlContent.toText(raw.title()) : Text.cleanLine(raw.title());
        if (!Text.hasContent(title)) {
            // RSS allows items with a description only; their first words make a better title than none
            title = abbreviate(summary.isEmpty() ? HtmlContent.toText(content) : summary, DERIVED_TITLE_LENGTH);
        }
        if (!Text.hasContent(title)) {
            warnings.add(item + ": neither a title nor any text; skipped");
            return Optional.empty();
        }
        // Atom requires only <updated> and JSON Feed may give only date_modified: that is then the item's date
        String published = raw.published().or(raw::updated).map(UpstreamEntries::rfc3339).orElse("");
        String updated = raw.updated().map(UpstreamEntries::rfc3339).orElse("");
        String guid = Text.cleanLine(raw.guid());
        // Rome already falls back from an RSS guid to the link; a prefix per kind would give an item a new id the day
        // its upstream adds a guid equal to its link
        String identity = !guid.isEmpty() ? guid : !link.isEmpty() ? link : title + "\n" + published;
        String imageUrl = absoluteHttp(raw.imageUrl(), feedUrl).orElse("");
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        for (String c : raw.categories()) {
            String clean = Text.cleanLine(c);
            if (!clean.isEmpty()) {
                categories.add(clean);
            }
        }
        return Optional.of(new UpstreamEntry(stableId(identity), guid.isEmpty() ? link : guid, link, title, summary,
                content, Text.cleanLine(raw.author()), published, updated, new ArrayList<>(categories), imageUrl,
                imageUrl.isEmpty() ? "" : Text.cleanLine(raw.imageCaption()),
                imageUrl.isEmpty() ? "" : Text.cleanLine(raw.imageCredit()),
                raw.language().isBlank() ? feedLanguage : language(raw.language(), item, warnings)));
    }

    /**
     * A short id that never changes for the same upstream item: a hash, because guids are often URLs, which would
     * make awkward path segments in {@code /articles/<source>/<id>}.
     */
    static String stableId(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String html(String value, boolean isHtml, String base) {
        if (value == null || value.isBlank()) {
            return "";
        }
        return isHtml ? HtmlContent.sanitise(value, base) : HtmlContent.fromPlainText(Text.clean(value));
    }

    /** {@code raw} resolved against the feed's address, if that gives an absolute http(s) URL. */
    static Optional<String> absoluteHttp(String raw, URI base) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = base.resolve(new URI(s.replace(" ", "%20")));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri.toString());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // not a URL at all
        }
        return Optional.empty();
    }

    /** Upstream tags are often {@code hi_IN} or {@code hi-in}; canonical BCP 47 or nothing. */
    static String language(String raw, String item, List<String> warnings) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        try {
            return LanguageTag.parse(raw.strip().replace('_', '-')).value();
        } catch (IllegalArgumentException e) {
            warnings.add(item + ": language '" + raw.strip() + "' is not a BCP 47 tag; the source's default is used");
            return "";
        }
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String abbreviate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max);
        int space = text.lastIndexOf(' ', end);
        return (space > max / 2 ? text.substring(0, space) : text.substring(0, end)) + "…";
    }
}
