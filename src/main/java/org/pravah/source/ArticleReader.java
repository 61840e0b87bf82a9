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

    /**
     * Reads the articles in a file's bytes, which must be UTF-8 (a leading byte order mark is dropped): what a
     * folder's files are read with. A reader may decode them its own way, provided what it reads and what it refuses
     * (in the same words) are those of {@link #read(String, ArticleFile, List)} on {@link Utf8#decode}'s text.
     */
    default List<ArticleDraft> read(byte[] bytes, ArticleFile file, List<String> warnings) throws ArticleException {
        return read(Utf8.decode(bytes, file.name()), file, warnings);
    }
}
