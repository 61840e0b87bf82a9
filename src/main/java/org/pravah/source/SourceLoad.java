package org.pravah.source;

import java.util.List;
import org.pravah.article.Article;

/**
 * What one load of a source produced.
 *
 * @param complete false when the source as a whole could not be read (folder gone, upstream down): the catalogue then
 *                 keeps serving this source's last good articles instead of dropping them
 */
public record SourceLoad(String sourceName, List<Article> articles, List<String> problems, boolean complete) {
    public SourceLoad {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
    }
}
