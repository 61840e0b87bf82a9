package org.pravah.source;

import java.util.List;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;

/** Reads the articles in one file's text. One reader per layout; the file extension picks it. */
interface ArticleReader {
    /**
     * @param text     the file, decoded from UTF-8
     * @param file     describes the file: default id, modification time, name for messages
     * @param warnings where to say what was odd but did not stop the article (an unknown field, say)
     */
    List<ArticleDraft> read(String text, ArticleFile file, List<String> warnings) throws ArticleException;
}
