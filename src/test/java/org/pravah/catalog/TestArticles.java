package org.pravah.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pravah.article.Article;
import org.pravah.article.LanguageTag;

/** Articles made directly, for catalogue tests that are not about reading files. */
final class TestArticles {
    private TestArticles() {
    }

    static Article article(String source, String id, String published, List<String> refs, List<String> fallback) {
        Instant when = Instant.parse(published);
        return new Article(Article.keyOf(source, id), source, id, "शीर्षक " + id, "", "<p>पाठ</p>", refs, fallback,
                List.of(), when, when, Optional.empty(), Optional.empty(), Optional.empty(), LanguageTag.HINDI,
                source + "/" + id + ".json");
    }

    static Article article(String id, String published, String... refs) {
        return article("local", id, published, List.of(refs), List.of());
    }
}
