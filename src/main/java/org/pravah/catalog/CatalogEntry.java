package org.pravah.catalog;

import java.util.List;
import org.pravah.article.Article;

/** An article with the categories it was filed under (empty: it appears only in the all-feed). */
public record CatalogEntry(Article article, List<Category> categories) {
    public CatalogEntry {
        categories = List.copyOf(categories);
    }

    public boolean isIn(Category category) {
        return categories.stream().anyMatch(category::contains);
    }
}
