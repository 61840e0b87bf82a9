package org.pravah.source;

import java.util.List;
import org.pravah.article.Article;

/**
 * What a load of changes found: the articles that are new or changed, and the keys of those no longer served. A
 * source that can tell what changed without reading everything (a folder, from the paths the file system reported)
 * answers with this, so a change costs what it touches, not the size of the archive.
 *
 * @param arriving     articles new or changed since the source's previous load (each replaces the one of its key)
 * @param leavingKeys  keys of articles the source no longer serves
 * @param problems     every problem the source has now, not only the new ones (a bad file stays reported)
 * @param articleCount how many articles the source serves now
 */
public record SourceChange(String sourceName, List<Article> arriving, List<String> leavingKeys, List<String> problems,
                           int articleCount) {
    public SourceChange {
        arriving = List.copyOf(arriving);
        leavingKeys = List.copyOf(leavingKeys);
        problems = List.copyOf(problems);
    }

    /** This change as a source's latest load, for {@code check}, the metrics and {@code /status}. */
    public SourceLoad asLoad() {
        return new SourceLoad(sourceName, arriving, problems, true, articleCount);
    }
}
