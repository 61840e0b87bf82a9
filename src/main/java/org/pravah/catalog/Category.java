package org.pravah.catalog;

import java.util.List;

/**
 * A category in the tree.
 *
 * @param path       slug path from the root, e.g. {@code videsh/asia}; feed URLs and category ids use it
 * @param labelPath  the Hindi labels from the root, e.g. {@code [विदेश, एशिया]}
 */
public record Category(String path, String slug, String label, String description, List<String> aliases,
                       List<String> labelPath, List<Category> children) {
    public Category {
        aliases = List.copyOf(aliases);
        labelPath = List.copyOf(labelPath);
        children = List.copyOf(children);
    }

    /** True if {@code other} is this category or lies below it. */
    public boolean contains(Category other) {
        return other.path.equals(path) || other.path.startsWith(path + "/");
    }

    /** For people: {@code विदेश › एशिया}. */
    public String displayPath() {
        return String.join(" › ", labelPath);
    }
}
