package org.pravah.article;

/**
 * Something wrong with an article that does not keep it from being served: a part of it is left out instead.
 *
 * @param where   the article's origin (its file, as messages name it)
 * @param field   the field at fault, as the article formats spell it ({@code image.url})
 * @param detail  what is wrong with it, in plain words
 * @param dropped what the article is served without ({@code image})
 */
public record ArticleWarning(String where, String field, String detail, String dropped) {
    /** One line for logs and {@code check}, naming the file and the field. */
    public String message() {
        return where + ": " + field + ": " + detail + " (" + dropped + " dropped, article kept)";
    }
}
