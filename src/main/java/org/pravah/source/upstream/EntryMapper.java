package org.pravah.source.upstream;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleLimit;
import org.pravah.article.LanguageTag;
import org.pravah.config.FeedSourceConfig;

/**
 * Turns a kept upstream item into an article draft by the source's config: its upstream categories through
 * {@code categoryMap}, else the source's {@code category}; its language, else the source's {@code language}. Applied at
 * every load, not at fetch time, so a config edit re-files old items too.
 */
final class EntryMapper {
    private final FeedSourceConfig config;
    private final Map<String, String> categoryMap = new HashMap<>();

    EntryMapper(FeedSourceConfig config) {
        this.config = config;
        config.categoryMap().forEach((upstream, ours) -> categoryMap.put(fold(upstream), ours));
    }

    ArticleDraft draft(KeptItem item) {
        UpstreamEntry e = item.entry();
        List<String> mapped = new ArrayList<>();
        for (String upstream : e.categories()) {
            String ours = categoryMap.get(fold(upstream));
            if (ours != null && !mapped.contains(ours)) {
                mapped.add(ours);
            }
        }
        List<String> fallback = config.category().isEmpty() ? List.of() : List.of(config.category());
        String language = !e.language().isEmpty() ? e.language()
                : config.language().map(LanguageTag::value).orElse("");
        // an upstream's over-long text is cut rather than its item dropped: we did not write it and cannot fix it
        String origin = "feed '" + config.name() + "' item " + (e.guid().isEmpty() ? e.id() : e.guid());
        return ArticleDraft.builder(e.id(), origin, Instant.parse(item.firstSeen()))
                .title(ArticleLimit.TITLE.clip(e.title()))
                .summary(ArticleLimit.SUMMARY.clip(e.summary()))
                .body(e.contentHtml(), ArticleDraft.BodyFormat.HTML)
                .categories(mapped)
                .fallbackCategories(fallback)
                .published(e.published())
                .updated(e.updated())
                .author(ArticleLimit.AUTHOR.clip(e.author()))
                .url(e.link())
                .image(e.imageUrl(), ArticleLimit.IMAGE_CAPTION.clip(e.imageCaption()),
                        ArticleLimit.IMAGE_CREDIT.clip(e.imageCredit()))
                .language(language)
                .build();
    }

    /** Upstream names match case-insensitively and whatever their Unicode normal form or spacing. */
    static String fold(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
