package org.pravah.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.pravah.article.LanguageTag;
import org.pravah.article.Text;

/** The {@code sources} list of a config: folders, the store, and upstream feeds with their category mapping. */
final class SourcesSection {
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9]+(?:[-_][a-z0-9]+)*");

    private final ConfigKeys keys;
    /** The config file's folder: relative paths are read from there. */
    private final Path folder;

    SourcesSection(ConfigKeys keys, Path folder) {
        this.keys = keys;
        this.folder = folder;
    }

    List<SourceConfig> read(JsonNode node, List<CategoryConfig> categories, Path dataDir)
            throws ConfigException {
        if (!node.isArray() || node.isEmpty()) {
            throw keys.error("sources", "expected a list with at least one source, e.g. - {name: local, type: directory, path: articles}");
        }
        List<SourceConfig> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "sources[" + i + "]";
            JsonNode s = node.get(i);
            keys.requireObject(s, at);
            String name = keys.text(keys.required(s, at, "name"), at + ".name");
            if (!SOURCE_NAME.matcher(name).matches()) {
                throw keys.error(at + ".name", "'" + name + "' is not a source name: use lower-case ASCII letters, digits, '-' and '_'");
            }
            if (!names.add(name)) {
                throw keys.error(at + ".name", "duplicate source name '" + name + "'");
            }
            String type = keys.text(keys.required(s, at, "type"), at + ".type");
            switch (type) {
                case "directory" -> {
                    keys.allowKeys(s, at, Set.of("name", "type", "path"));
                    String written = keys.text(keys.required(s, at, "path"), at + ".path");
                    Path path = folder.resolve(written).normalize();
                    if (!Files.isDirectory(path)) {
                        throw keys.error(at + ".path", "directory '" + written + "' does not exist (resolved to " + path + ")");
                    }
                    out.add(new DirectorySourceConfig(name, path, written, Optional.of(dataDir)));
                }
                case "store" -> {
                    keys.allowKeys(s, at, Set.of("name", "type"));
                    out.add(new StoreSourceConfig(name));
                }
                case "feed" -> out.add(feedSource(s, at, name, categories, dataDir));
                default -> throw keys.error(at + ".type", "unknown source type '" + type + "' (known: directory, store, feed)");
            }
        }
        return out;
    }

    private FeedSourceConfig feedSource(JsonNode s, String at, String name, List<CategoryConfig> categories,
                                        Path dataDir) throws ConfigException {
        keys.allowKeys(s, at, Set.of("name", "type", "url", "refreshMinutes", "category", "categoryMap", "language",
                "maxBytes", "timeoutSeconds", "allowInternal"));
        URI url = feedUrl(keys.text(keys.required(s, at, "url"), at + ".url"), at + ".url");
        Set<String> known = new HashSet<>();
        CategoriesSection.categoryNames(categories, "", known);
        String category = Text.cleanLine(keys.optionalText(s, at, "category", ""));
        if (!category.isEmpty() && !known.contains(CategoriesSection.foldName(category))) {
            throw keys.error(at + ".category", CategoriesSection.unknownCategory(category));
        }
        Map<String, String> categoryMap = new LinkedHashMap<>();
        JsonNode map = s.path("categoryMap");
        if (!map.isMissingNode() && !map.isNull()) {
            if (!map.isObject()) {
                throw keys.error(at + ".categoryMap", "expected a mapping of upstream category → our category, e.g. {World: videsh}");
            }
            Set<String> upstreamNames = new HashSet<>();
            for (Map.Entry<String, JsonNode> field : map.properties()) {
                String where = at + ".categoryMap." + field.getKey();
                String upstream = Text.cleanLine(field.getKey());
                String ours = Text.cleanLine(keys.text(field.getValue(), where));
                if (upstream.isEmpty()) {
                    throw keys.error(where, "empty upstream category name");
                }
                if (!upstreamNames.add(CategoriesSection.foldName(upstream))) {
                    throw keys.error(where, "'" + upstream + "' is mapped twice (names compare ignoring case)");
                }
                if (!known.contains(CategoriesSection.foldName(ours))) {
                    throw keys.error(where, CategoriesSection.unknownCategory(ours));
                }
                categoryMap.put(upstream, ours);
            }
        }
        Optional<LanguageTag> language = Optional.empty();
        JsonNode lang = s.path("language");
        if (!lang.isMissingNode() && !lang.isNull()) {
            try {
                language = Optional.of(LanguageTag.parse(keys.text(lang, at + ".language")));
            } catch (IllegalArgumentException e) {
                throw keys.error(at + ".language", e.getMessage());
            }
        }
        JsonNode allowInternal = s.path("allowInternal");
        if (!allowInternal.isMissingNode() && !allowInternal.isNull() && !allowInternal.isBoolean()) {
            throw keys.error(at + ".allowInternal", "expected true or false");
        }
        return new FeedSourceConfig(name, url,
                keys.integer(s, at, "refreshMinutes", FeedSourceConfig.DEFAULT_REFRESH_MINUTES, 1, 1440),
                category, categoryMap, language,
                keys.byteSize(s, at, "maxBytes", FeedSourceConfig.DEFAULT_MAX_BYTES, 1024, 64L * 1024 * 1024),
                keys.integer(s, at, "timeoutSeconds", FeedSourceConfig.DEFAULT_TIMEOUT_SECONDS, 1, 300),
                dataDir, allowInternal.asBoolean(false));
    }

    /** An absolute http(s) URL; unlike the base URL it may carry a query ({@code ?format=rss}). */
    private URI feedUrl(String raw, String at) throws ConfigException {
        String s = raw.strip();
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw keys.error(at, "'" + s + "' must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw keys.error(at, "'" + s + "' is not a URL: " + e.getReason());
        }
    }
}
