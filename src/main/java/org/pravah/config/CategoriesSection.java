package org.pravah.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pravah.article.Text;

/** The {@code categories} tree of a config: slugs, labels, aliases and children, each unique in the whole tree. */
final class CategoriesSection {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private final ConfigKeys keys;

    private CategoriesSection(ConfigKeys keys) {
        this.keys = keys;
    }

    static List<CategoryConfig> read(ConfigKeys keys, JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        CategoriesSection section = new CategoriesSection(keys);
        List<CategoryConfig> categories = section.categoryList(node, "categories");
        section.checkUnique(categories);
        return categories;
    }

    private List<CategoryConfig> categoryList(JsonNode node, String path) throws ConfigException {
        if (!node.isArray()) {
            throw keys.error(path, "expected a list of categories");
        }
        List<CategoryConfig> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode c = node.get(i);
            keys.requireObject(c, at);
            keys.allowKeys(c, at, Set.of("slug", "label", "description", "aliases", "children"));
            String slug = keys.text(keys.required(c, at, "slug"), at + ".slug");
            if (!SLUG.matcher(slug).matches()) {
                throw keys.error(at + ".slug", "'" + slug + "' is not a slug: use lower-case ASCII letters, digits and '-'");
            }
            if (path.equals("categories") && slug.equals("all")) {
                throw keys.error(at + ".slug", "'all' is reserved for the feed of every article (/feeds/all.rss)");
            }
            String label = Text.cleanLine(keys.text(keys.required(c, at, "label"), at + ".label"));
            if (label.isEmpty()) {
                throw keys.error(at + ".label", "must not be empty");
            }
            List<String> aliases = new ArrayList<>();
            JsonNode a = c.path("aliases");
            if (!a.isMissingNode() && !a.isNull()) {
                if (!a.isArray()) {
                    throw keys.error(at + ".aliases", "expected a list, e.g. [World, दुनिया]");
                }
                for (int j = 0; j < a.size(); j++) {
                    String alias = Text.cleanLine(keys.text(a.get(j), at + ".aliases[" + j + "]"));
                    if (!alias.isEmpty()) {
                        aliases.add(alias);
                    }
                }
            }
            JsonNode children = c.path("children");
            List<CategoryConfig> kids = children.isMissingNode() || children.isNull()
                    ? List.of() : categoryList(children, at + ".children");
            out.add(new CategoryConfig(slug, label, Text.cleanLine(keys.optionalText(c, at, "description", "")),
                    aliases, kids));
        }
        return out;
    }

    /**
     * Slugs are unique in the whole tree (an article may name a category by its bare slug), and so are labels and
     * aliases, compared case-insensitively: a name that could mean two categories would file articles by chance.
     */
    private void checkUnique(List<CategoryConfig> categories) throws ConfigException {
        Map<String, String> slugs = new HashMap<>();
        checkUnique(categories, "categories", slugs, new HashMap<>());
        // a name that is another category's slug would be read as that slug first: refuse the ambiguity
        checkNamesAgainstSlugs(categories, "categories", slugs);
    }

    private void checkNamesAgainstSlugs(List<CategoryConfig> list, String path, Map<String, String> slugs)
            throws ConfigException {
        for (int i = 0; i < list.size(); i++) {
            CategoryConfig c = list.get(i);
            String at = path + "[" + i + "]";
            List<String> names = new ArrayList<>();
            names.add(c.label());
            names.addAll(c.aliases());
            for (String name : names) {
                String slugAt = slugs.get(name.toLowerCase(Locale.ROOT));
                if (slugAt != null && !slugAt.equals(at + ".slug")) {
                    String where = name.equals(c.label()) ? at + ".label" : at + ".aliases";
                    throw keys.error(where, "'" + name + "' is the slug of another category (at " + slugAt + ")");
                }
            }
            checkNamesAgainstSlugs(c.children(), at + ".children", slugs);
        }
    }

    private void checkUnique(List<CategoryConfig> list, String path, Map<String, String> slugs,
                             Map<String, String> names) throws ConfigException {
        for (int i = 0; i < list.size(); i++) {
            CategoryConfig c = list.get(i);
            String at = path + "[" + i + "]";
            String earlier = slugs.putIfAbsent(c.slug(), at + ".slug");
            if (earlier != null) {
                throw keys.error(at + ".slug", "duplicate slug '" + c.slug() + "' (already used at " + earlier + ")");
            }
            Set<String> own = new LinkedHashSet<>();
            own.add(c.label());
            own.addAll(c.aliases());
            int j = 0;
            for (String name : own) {
                String key = name.toLowerCase(Locale.ROOT);
                String where = j == 0 ? at + ".label" : at + ".aliases";
                String before = names.putIfAbsent(key, where);
                if (before != null) {
                    throw keys.error(where, "'" + name + "' already names another category (at " + before + ")");
                }
                j++;
            }
            checkUnique(c.children(), at + ".children", slugs, names);
        }
    }

    /** Every name that may pick a category here: slug paths, bare slugs, labels and aliases, folded. */
    static void categoryNames(List<CategoryConfig> list, String parent, Set<String> out) {
        for (CategoryConfig c : list) {
            String path = parent.isEmpty() ? c.slug() : parent + "/" + c.slug();
            out.add(path);
            out.add(c.slug());
            out.add(foldName(c.label()));
            c.aliases().forEach(a -> out.add(foldName(a)));
            categoryNames(c.children(), path, out);
        }
    }

    static String foldName(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip()
                .replaceAll("\\s+", " ").replaceAll("^/+|/+$", "");
    }

    static String unknownCategory(String name) {
        return "'" + name + "' names no category (use a slug path such as videsh/asia, a slug, a label or an alias)";
    }
}
