package org.pravah.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pravah.config.CategoryConfig;

/**
 * The configured category tree and the one place that decides which category an article's words mean: a slug path
 * ({@code videsh/asia}), a bare slug ({@code asia}), a label or alias in Hindi or English ({@code एशिया}, {@code World}),
 * or a breadcrumb of several of these ({@code विदेश एशिया}).
 */
public final class CategoryTree {
    private static final Pattern OUTER_SLASHES = Pattern.compile("^/+|/+$");
    private static final Pattern SEPARATORS = Pattern.compile("[›»>|/,]");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private final List<Category> roots;
    private final Map<String, Category> byPath = new LinkedHashMap<>();
    private final Map<String, Category> bySlug = new HashMap<>();
    private final Map<String, Category> byName = new HashMap<>();
    private final int longestName;

    public CategoryTree(List<CategoryConfig> config) {
        this.roots = build(config, "", List.of());
        int longest = 1;
        for (Category c : byPath.values()) {
            bySlug.put(c.slug(), c);
            byName.put(key(c.label()), c);
            longest = Math.max(longest, words(c.label()).size());
            for (String alias : c.aliases()) {
                byName.put(key(alias), c);
                longest = Math.max(longest, words(alias).size());
            }
        }
        this.longestName = longest;
    }

    private List<Category> build(List<CategoryConfig> configs, String parentPath, List<String> parentLabels) {
        List<Category> out = new ArrayList<>();
        for (CategoryConfig c : configs) {
            String path = parentPath.isEmpty() ? c.slug() : parentPath + "/" + c.slug();
            List<String> labels = new ArrayList<>(parentLabels);
            labels.add(c.label());
            Category category = new Category(path, c.slug(), c.label(), c.description(), c.aliases(), labels,
                    build(c.children(), path, labels));
            byPath.put(path, category);
            out.add(category);
        }
        return Collections.unmodifiableList(out);
    }

    public List<Category> roots() {
        return roots;
    }

    /** Every category, parents before their children, in config order. */
    public List<Category> all() {
        List<Category> out = new ArrayList<>();
        addDepthFirst(roots, out);
        return out;
    }

    private static void addDepthFirst(List<Category> level, List<Category> out) {
        for (Category c : level) {
            out.add(c);
            addDepthFirst(c.children(), out);
        }
    }

    public Optional<Category> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** The category one reference means, or empty when it means none. */
    public Optional<Category> resolve(String ref) {
        String s = ref.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String lower = s.toLowerCase(Locale.ROOT);
        Category direct = byPath.get(OUTER_SLASHES.matcher(lower).replaceAll(""));
        if (direct == null) {
            direct = bySlug.get(lower);
        }
        if (direct == null) {
            direct = byName.get(key(s));
        }
        if (direct != null) {
            return Optional.of(direct);
        }
        return resolveBreadcrumb(s);
    }

    /**
     * Reads a breadcrumb such as {@code विदेश एशिया} or {@code World > Asia}: the longest runs of words that name a
     * category, left to right; the most specific category found wins.
     */
    private Optional<Category> resolveBreadcrumb(String s) {
        List<String> words = words(SEPARATORS.matcher(s).replaceAll(" "));
        List<Category> matches = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int matched = 1;
            for (int n = Math.min(longestName, words.size() - i); n >= 1; n--) {
                String phrase = String.join(" ", words.subList(i, i + n));
                Category c = byName.get(key(phrase));
                if (c == null && n == 1) {
                    c = bySlug.get(phrase.toLowerCase(Locale.ROOT));
                }
                if (c != null) {
                    matches.add(c);
                    matched = n;
                    break;
                }
            }
            i += matched;
        }
        return matches.stream().max(Comparator.comparingInt(c -> c.labelPath().size()));
    }

    /**
     * Resolves all of an article's references to its categories, most specific only: an article filed under both
     * विदेश and विदेश › एशिया is filed under एशिया, whose feed its parent's feed includes anyway.
     */
    public List<Category> resolveAll(List<String> refs) {
        List<Category> resolved = new ArrayList<>();
        for (String ref : refs) {
            resolve(ref).ifPresent(resolved::add);
        }
        List<Category> out = new ArrayList<>();
        for (Category c : resolved) {
            boolean coveredByDeeper = resolved.stream().anyMatch(o -> o != c && !o.path().equals(c.path()) && c.contains(o));
            if (!coveredByDeeper && out.stream().noneMatch(o -> o.path().equals(c.path()))) {
                out.add(c);
            }
        }
        // immutable, so that each entry filed under the same refs keeps this one list rather than a copy of it
        return List.copyOf(out);
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : WHITE_SPACE.split(s.strip())) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Names compare after NFC and case folding, so "world", "World" and a decomposed nukta all match. */
    private static String key(String name) {
        return String.join(" ", words(Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)));
    }
}
