package org.pravah.source;

import java.util.List;
import org.pravah.article.Article;

/**
 * What one load of a source produced.
 *
 * @param articles     every article the source serves now, for a whole load; only the changed ones for a load of
 *                     changes ({@link SourceChange#asLoad})
 * @param complete     false when the source as a whole could not be read (folder gone, upstream down): the catalogue
 *                     then keeps serving this source's last good articles instead of dropping them
 * @param articleCount how many articles the source serves now
 */
public record SourceLoad(String sourceName, List<Article> articles, List<String> problems, boolean complete,
                         int articleCount) {
    public SourceLoad {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
    }

    /** A whole load: {@code articles} is everything the source serves. */
    public SourceLoad(String sourceName, List<Article> articles, List<String> problems, boolean complete) {
        this(sourceName, articles, problems, complete, articles.size());
    }
}
