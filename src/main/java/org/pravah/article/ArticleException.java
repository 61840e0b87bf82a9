package org.pravah.article;

/** An article that cannot be read; the message names the place (file, field, line or byte offset) in plain words. */
public class ArticleException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArticleException(String message) {
        super(message);
    }

    public ArticleException(String message, Throwable cause) {
        super(message, cause);
    }
}
