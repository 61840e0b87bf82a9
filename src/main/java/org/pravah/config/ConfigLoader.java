package org.pravah.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pravah.article.ArticleLimit;
import org.pravah.article.LanguageTag;
import org.pravah.article.Text;

/**
 * Reads feeds-config.yaml into {@link PravahConfig}. Every rule is checked here, at load time, so that a running
 * server never meets a half-valid config; each error names the key path the way a person would look for it.
 */
public final class ConfigLoader {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9]+(?:[-_][a-z0-9]+)*");
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,12})\\s*(KB|MB|B|)", Pattern.CASE_INSENSITIVE);

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** The bearer token of the publish API; only its hash is kept. */
    public static final String API_TOKEN_ENV = "PRAVAH_API_TOKEN";
    public static final String STORE_PASSWORD_ENV = "PRAVAH_STORE_PASSWORD";

    private final String fileName;
    private final YamlTree tree;
    private final Path folder;
    private final Map<String, String> env;

    private ConfigLoader(String fileName, YamlTree tree, Path folder, Map<String, String> env) {
        this.fileName = fileName;
        this.tree = tree;
        this.folder = folder;
        this.env = env;
    }

    public static PravahConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    /** @param env the environment variables to read secrets from ({@code System.getenv()}; tests pass their own) */
    public static PravahConfig load(Path file, Map<String, String> env) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        Path absolute = file.toAbsolutePath().normalize();
        YamlTree tree = YamlTree.parse(bytes, file.toString());
        return new ConfigLoader(file.toString(), tree, absolute.getParent(), env).read();
    }

    private PravahConfig read() throws ConfigException {
        JsonNode root = tree.root;
        if (!root.isObject()) {
            throw new ConfigException(fileName + ": expected a mapping with keys site, server, feeds, categories, sources");
        }
        allowKeys(root, "", Set.of("site", "server", "feeds", "categories", "sources", "websub", "reload", "store",
                "api", "dataDir", "stats"));
        SiteConfig site = site(required(root, "", "site"));
        ServerConfig server = server(root.path("server"));
        FeedsConfig feeds = feeds(root.path("feeds"));
        List<CategoryConfig> categories = categories(root.path("categories"));
        Path dataDir = dataDir(root.path("dataDir"));
        List<SourceConfig> sources = sources(required(root, "", "sources"), categories, dataDir);
        return new PravahConfig(Path.of(fileName), site, server, feeds, categories, sources,
                websub(root.path("websub")), reload(root.path("reload")), store(root.path("store")),
                api(root.path("api")), stats(root.path("stats"), dataDir));
    }

    private StatsConfig stats(JsonNode node, Path dataDir) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return new StatsConfig(true, false, Optional.of(dataDir));
        }
        requireObject(node, "stats");
        allowKeys(node, "stats", Set.of("enabled", "public"));
        return new StatsConfig(bool(node, "stats", "enabled", true), bool(node, "stats", "public", false),
                Optional.of(dataDir));
    }

    private boolean bool(JsonNode node, String path, String key, boolean fallback) throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(path + "." + key, "expected true or false, found '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    private SiteConfig site(JsonNode node) throws ConfigException {
        requireObject(node, "site");
        allowKeys(node, "site", Set.of("title", "description", "baseUrl", "language", "timeZone", "icon", "logo",
                "author", "images"));
        String title = Text.cleanLine(text(required(node, "site", "title"), "site.title"));
        if (title.isEmpty()) {
            throw error("site.title", "must not be empty");
        }
        String description = Text.cleanLine(optionalText(node, "site", "description", ""));
        String baseUrl;
        try {
            baseUrl = checkBaseUrl(text(required(node, "site", "baseUrl"), "site.baseUrl"));
        } catch (ConfigException e) {
            throw error("site.baseUrl", e.getMessage());
        }
        LanguageTag language;
        try {
            language = LanguageTag.parse(optionalText(node, "site", "language", "hi"));
        } catch (IllegalArgumentException e) {
            throw error("site.language", e.getMessage());
        }
        ZoneId zone;
        String zoneName = optionalText(node, "site", "timeZone", "Asia/Kolkata");
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw error("site.timeZone", "'" + zoneName + "' is not a time zone id (e.g. Asia/Kolkata)");
        }
        return new SiteConfig(title, description, baseUrl, language, zone, image(node, "icon"), image(node, "logo"),
                author(node), images(node));
    }

    /**
     * {@code site.images}: a folder, relative to this file. One that does not exist yet is not an error (a new site
     * may have no pictures); the server says so when it starts.
     */
    private Optional<Path> images(JsonNode site) throws ConfigException {
        JsonNode node = site.path("images");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String written = text(node, "site.images").strip();
        if (written.isEmpty()) {
            throw error("site.images", "must name a folder, e.g. images (leave the key out for none)");
        }
        Path path = folder.resolve(written).normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw error("site.images", "'" + written + "' is a file, not a folder (resolved to " + path + ")");
        }
        return Optional.of(path);
    }

    /** {@code site.author}: a name, within the limit of an article's own author, since feeds write it in its place. */
    private Optional<String> author(JsonNode site) throws ConfigException {
        JsonNode node = site.path("author");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String author = Text.cleanLine(text(node, "site.author"));
        if (author.isEmpty()) {
            throw error("site.author", "must not be empty (leave the key out to credit the site's title)");
        }
        int max = ArticleLimit.AUTHOR.max();
        if (author.codePointCount(0, author.length()) > max) {
            throw error("site.author", "must be at most " + max + " characters, like an article's author");
        }
        return Optional.of(author);
    }

    /** {@code site.icon} / {@code site.logo}: an absolute http(s) URL, or a path on this site starting with '/'. */
    private Optional<String> image(JsonNode site, String key) throws ConfigException {
        String path = "site." + key;
        JsonNode node = site.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String value = text(node, path).strip();
        if (value.startsWith("/") && !value.startsWith("//")) {
            try {
                URI uri = new URI(value);
                if (uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return Optional.of(value);
                }
            } catch (URISyntaxException e) {
                throw error(path, "'" + value + "' is not a URL path: " + e.getReason());
            }
            throw error(path, "'" + value + "' must be a path without query or fragment, e.g. /img/icon.png");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(value);
            }
        } catch (URISyntaxException e) {
            throw error(path, "'" + value + "' is not a URL: " + e.getReason());
        }
        throw error(path, "'" + value + "' must be an absolute http(s) URL or a path on this site starting with '/'");
    }

    /** An absolute http(s) URL without query or fragment, returned without its trailing slash. */
    public static String checkBaseUrl(String raw) throws ConfigException {
        String s = raw.strip();
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new ConfigException("'" + s + "' must be an absolute http(s) URL without query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException("'" + s + "' is not a URL: " + e.getReason());
        }
        return s.replaceAll("/+$", "");
    }

    private ServerConfig server(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return new ServerConfig(8080);
        }
        requireObject(node, "server");
        allowKeys(node, "server", Set.of("port", "requestHeadersSeconds", "connectionsPerAddress"));
        return new ServerConfig(integer(node, "server", "port", 8080, 0, 65535),
                integer(node, "server", "requestHeadersSeconds", ServerConfig.DEFAULT_REQUEST_HEADERS_SECONDS, 1, 300),
                integer(node, "server", "connectionsPerAddress", ServerConfig.DEFAULT_CONNECTIONS_PER_ADDRESS, 0,
                        1_000_000));
    }

    private FeedsConfig feeds(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return new FeedsConfig(50);
        }
        requireObject(node, "feeds");
        allowKeys(node, "feeds", Set.of("itemsPerFeed", "ttlMinutes"));
        return new FeedsConfig(integer(node, "feeds", "itemsPerFeed", 50, 1, 1000),
                integer(node, "feeds", "ttlMinutes", FeedsConfig.DEFAULT_TTL_MINUTES, 1, 1440));
    }

    private WebSubConfig websub(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return WebSubConfig.OFF;
        }
        requireObject(node, "websub");
        allowKeys(node, "websub", Set.of("hubs"));
        JsonNode hubs = node.path("hubs");
        List<String> out = new ArrayList<>();
        if (!hubs.isMissingNode() && !hubs.isNull()) {
            if (!hubs.isArray()) {
                throw error("websub.hubs", "expected a list of hub URLs");
            }
            for (int i = 0; i < hubs.size(); i++) {
                String at = "websub.hubs[" + i + "]";
                try {
                    out.add(checkBaseUrl(text(hubs.get(i), at)));
                } catch (ConfigException e) {
                    throw error(at, e.getMessage());
                }
            }
        }
        return new WebSubConfig(out);
    }

    private ReloadConfig reload(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return ReloadConfig.DEFAULT;
        }
        requireObject(node, "reload");
        allowKeys(node, "reload", Set.of("watch", "rescanSeconds"));
        JsonNode watch = node.path("watch");
        if (!watch.isMissingNode() && !watch.isBoolean()) {
            throw error("reload.watch", "expected true or false");
        }
        return new ReloadConfig(watch.isMissingNode() || watch.asBoolean(),
                integer(node, "reload", "rescanSeconds", ReloadConfig.DEFAULT.rescanSeconds(), 0, 86400));
    }

    private StoreConfig store(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return StoreConfig.embeddedIn(folder.resolve("data"));
        }
        requireObject(node, "store");
        allowKeys(node, "store", Set.of("url", "dataDir", "user", "password", "pool", "pollSeconds"));
        String dataDir = optionalText(node, "store", "dataDir", "data");
        String url = optionalText(node, "store", "url", "").strip();
        if (url.isEmpty()) {
            url = StoreConfig.embeddedIn(folder.resolve(dataDir)).url();
        } else if (url.startsWith("jdbc:h2:")) {
            // H2 lost acknowledged writes after crashes (BENCHMARKS.md, durability); its files are imported instead
            throw error("store.url", "H2 is no longer a store: leave store.url out for the embedded SQLite store under"
                    + " store.dataDir (a pravah.mv.db there is imported at the first start), or use"
                    + " jdbc:postgresql://host:5432/db");
        } else if (!url.startsWith("jdbc:postgresql:") && !url.startsWith(StoreConfig.EMBEDDED_PREFIX)) {
            throw error("store.url", "'" + url + "' is not a store URL: use jdbc:postgresql://host:5432/db, or leave it"
                    + " out for the embedded database under store.dataDir");
        } else if (node.has("dataDir")) {
            throw error("store.dataDir", "only for the embedded database; store.url names another one");
        }
        String password = optionalText(node, "store", "password", env.getOrDefault(STORE_PASSWORD_ENV, ""));
        return new StoreConfig(url, optionalText(node, "store", "user", ""), password,
                integer(node, "store", "pool", StoreConfig.DEFAULT_POOL, 1, 200),
                integer(node, "store", "pollSeconds", StoreConfig.DEFAULT_POLL_SECONDS, 1, 3600));
    }

    private ApiConfig api(JsonNode node) throws ConfigException {
        List<String> hashes = new ArrayList<>();
        int maxBody = ApiConfig.DEFAULT_MAX_BODY_BYTES;
        if (!node.isMissingNode() && !node.isNull()) {
            requireObject(node, "api");
            allowKeys(node, "api", Set.of("tokenSha256", "maxBodyBytes"));
            JsonNode tokens = node.path("tokenSha256");
            List<JsonNode> values = new ArrayList<>();
            if (tokens.isArray()) {
                tokens.forEach(values::add);
            } else if (!tokens.isMissingNode() && !tokens.isNull()) {
                values.add(tokens);
            }
            for (int i = 0; i < values.size(); i++) {
                String at = tokens.isArray() ? "api.tokenSha256[" + i + "]" : "api.tokenSha256";
                String hex = text(values.get(i), at).strip();
                if (!SHA256_HEX.matcher(hex).matches()) {
                    throw error(at, "expected the 64 hex digits of the token's SHA-256 (printf %s \"$TOKEN\" | sha256sum)");
                }
                hashes.add(hex.toLowerCase(Locale.ROOT));
            }
            maxBody = integer(node, "api", "maxBodyBytes", maxBody, 1024, 64 * 1024 * 1024);
        }
        String token = env.getOrDefault(API_TOKEN_ENV, "");
        if (!token.isBlank()) {
            hashes.add(sha256Hex(token.strip()));
        }
        return new ApiConfig(hashes, maxBody);
    }

    /** Lower-case hex SHA-256 of a token's UTF-8 bytes: how tokens are kept at rest and compared. */
    public static String sha256Hex(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private List<CategoryConfig> categories(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<CategoryConfig> categories = categoryList(node, "categories");
        checkUnique(categories);
        return categories;
    }

    private List<CategoryConfig> categoryList(JsonNode node, String path) throws ConfigException {
        if (!node.isArray()) {
            throw error(path, "expected a list of categories");
        }
        List<CategoryConfig> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode c = node.get(i);
            requireObject(c, at);
            allowKeys(c, at, Set.of("slug", "label", "description", "aliases", "children"));
            String slug = text(required(c, at, "slug"), at + ".slug");
            if (!SLUG.matcher(slug).matches()) {
                throw error(at + ".slug", "'" + slug + "' is not a slug: use lower-case ASCII letters, digits and '-'");
            }
            if (path.equals("categories") && slug.equals("all")) {
                throw error(at + ".slug", "'all' is reserved for the feed of every article (/feeds/all.rss)");
            }
            String label = Text.cleanLine(text(required(c, at, "label"), at + ".label"));
            if (label.isEmpty()) {
                throw error(at + ".label", "must not be empty");
            }
            List<String> aliases = new ArrayList<>();
            JsonNode a = c.path("aliases");
            if (!a.isMissingNode() && !a.isNull()) {
                if (!a.isArray()) {
                    throw error(at + ".aliases", "expected a list, e.g. [World, दुनिया]");
                }
                for (int j = 0; j < a.size(); j++) {
                    String alias = Text.cleanLine(text(a.get(j), at + ".aliases[" + j + "]"));
                    if (!alias.isEmpty()) {
                        aliases.add(alias);
                    }
                }
            }
            JsonNode children = c.path("children");
            List<CategoryConfig> kids = children.isMissingNode() || children.isNull()
                    ? List.of() : categoryList(children, at + ".children");
            out.add(new CategoryConfig(slug, label, Text.cleanLine(optionalText(c, at, "description", "")),
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
                    throw error(where, "'" + name + "' is the slug of another category (at " + slugAt + ")");
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
                throw error(at + ".slug", "duplicate slug '" + c.slug() + "' (already used at " + earlier + ")");
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
                    throw error(where, "'" + name + "' already names another category (at " + before + ")");
                }
                j++;
            }
            checkUnique(c.children(), at + ".children", slugs, names);
        }
    }

    /** Where sources keep what they fetched (upstream items); created when first needed. */
    private Path dataDir(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return folder.resolve("data").normalize();
        }
        String written = text(node, "dataDir");
        Path path = folder.resolve(written).normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw error("dataDir", "'" + written + "' is a file, not a folder (resolved to " + path + ")");
        }
        return path;
    }

    private List<SourceConfig> sources(JsonNode node, List<CategoryConfig> categories, Path dataDir)
            throws ConfigException {
        if (!node.isArray() || node.isEmpty()) {
            throw error("sources", "expected a list with at least one source, e.g. - {name: local, type: directory, path: articles}");
        }
        List<SourceConfig> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "sources[" + i + "]";
            JsonNode s = node.get(i);
            requireObject(s, at);
            String name = text(required(s, at, "name"), at + ".name");
            if (!SOURCE_NAME.matcher(name).matches()) {
                throw error(at + ".name", "'" + name + "' is not a source name: use lower-case ASCII letters, digits, '-' and '_'");
            }
            if (!names.add(name)) {
                throw error(at + ".name", "duplicate source name '" + name + "'");
            }
            String type = text(required(s, at, "type"), at + ".type");
            switch (type) {
                case "directory" -> {
                    allowKeys(s, at, Set.of("name", "type", "path"));
                    String written = text(required(s, at, "path"), at + ".path");
                    Path path = folder.resolve(written).normalize();
                    if (!Files.isDirectory(path)) {
                        throw error(at + ".path", "directory '" + written + "' does not exist (resolved to " + path + ")");
                    }
                    out.add(new DirectorySourceConfig(name, path, written, Optional.of(dataDir)));
                }
                case "store" -> {
                    allowKeys(s, at, Set.of("name", "type"));
                    out.add(new StoreSourceConfig(name));
                }
                case "feed" -> out.add(feedSource(s, at, name, categories, dataDir));
                default -> throw error(at + ".type", "unknown source type '" + type + "' (known: directory, store, feed)");
            }
        }
        return out;
    }

    private FeedSourceConfig feedSource(JsonNode s, String at, String name, List<CategoryConfig> categories,
                                        Path dataDir) throws ConfigException {
        allowKeys(s, at, Set.of("name", "type", "url", "refreshMinutes", "category", "categoryMap", "language",
                "maxBytes", "timeoutSeconds", "allowInternal"));
        URI url = feedUrl(text(required(s, at, "url"), at + ".url"), at + ".url");
        Set<String> known = new HashSet<>();
        categoryNames(categories, "", known);
        String category = Text.cleanLine(optionalText(s, at, "category", ""));
        if (!category.isEmpty() && !known.contains(foldName(category))) {
            throw error(at + ".category", unknownCategory(category));
        }
        Map<String, String> categoryMap = new LinkedHashMap<>();
        JsonNode map = s.path("categoryMap");
        if (!map.isMissingNode() && !map.isNull()) {
            if (!map.isObject()) {
                throw error(at + ".categoryMap", "expected a mapping of upstream category → our category, e.g. {World: videsh}");
            }
            Set<String> upstreamNames = new HashSet<>();
            for (Map.Entry<String, JsonNode> field : map.properties()) {
                String where = at + ".categoryMap." + field.getKey();
                String upstream = Text.cleanLine(field.getKey());
                String ours = Text.cleanLine(text(field.getValue(), where));
                if (upstream.isEmpty()) {
                    throw error(where, "empty upstream category name");
                }
                if (!upstreamNames.add(foldName(upstream))) {
                    throw error(where, "'" + upstream + "' is mapped twice (names compare ignoring case)");
                }
                if (!known.contains(foldName(ours))) {
                    throw error(where, unknownCategory(ours));
                }
                categoryMap.put(upstream, ours);
            }
        }
        Optional<LanguageTag> language = Optional.empty();
        JsonNode lang = s.path("language");
        if (!lang.isMissingNode() && !lang.isNull()) {
            try {
                language = Optional.of(LanguageTag.parse(text(lang, at + ".language")));
            } catch (IllegalArgumentException e) {
                throw error(at + ".language", e.getMessage());
            }
        }
        JsonNode allowInternal = s.path("allowInternal");
        if (!allowInternal.isMissingNode() && !allowInternal.isNull() && !allowInternal.isBoolean()) {
            throw error(at + ".allowInternal", "expected true or false");
        }
        return new FeedSourceConfig(name, url,
                integer(s, at, "refreshMinutes", FeedSourceConfig.DEFAULT_REFRESH_MINUTES, 1, 1440),
                category, categoryMap, language,
                byteSize(s, at, "maxBytes", FeedSourceConfig.DEFAULT_MAX_BYTES, 1024, 64L * 1024 * 1024),
                integer(s, at, "timeoutSeconds", FeedSourceConfig.DEFAULT_TIMEOUT_SECONDS, 1, 300),
                dataDir, allowInternal.asBoolean(false));
    }

    /** An absolute http(s) URL; unlike the base URL it may carry a query ({@code ?format=rss}). */
    private URI feedUrl(String raw, String at) throws ConfigException {
        String s = raw.strip();
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw error(at, "'" + s + "' must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw error(at, "'" + s + "' is not a URL: " + e.getReason());
        }
    }

    /** A size in bytes: a whole number, or text with a unit, {@code 512 KB} or {@code 5 MB} (1024-based). */
    private long byteSize(JsonNode node, String path, String key, long fallback, long min, long max)
            throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        String at = path + "." + key;
        long bytes = -1;
        if (value.isIntegralNumber()) {
            bytes = value.asLong();
        } else if (value.isTextual()) {
            Matcher m = BYTE_SIZE.matcher(value.asText().strip());
            if (m.matches()) {
                long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                    case "KB" -> 1024L;
                    case "MB" -> 1024L * 1024;
                    default -> 1L;
                };
                bytes = Long.parseLong(m.group(1)) * unit;
            }
        }
        if (bytes < min || bytes > max) {
            throw error(at, "expected a size from " + min + " bytes to " + (max >> 20) + " MB (e.g. 5 MB or 524288), found '"
                    + value.asText() + "'");
        }
        return bytes;
    }

    /** Every name that may pick a category here: slug paths, bare slugs, labels and aliases, folded. */
    private static void categoryNames(List<CategoryConfig> list, String parent, Set<String> out) {
        for (CategoryConfig c : list) {
            String path = parent.isEmpty() ? c.slug() : parent + "/" + c.slug();
            out.add(path);
            out.add(c.slug());
            out.add(foldName(c.label()));
            c.aliases().forEach(a -> out.add(foldName(a)));
            categoryNames(c.children(), path, out);
        }
    }

    private static String foldName(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).strip()
                .replaceAll("\\s+", " ").replaceAll("^/+|/+$", "");
    }

    private static String unknownCategory(String name) {
        return "'" + name + "' names no category (use a slug path such as videsh/asia, a slug, a label or an alias)";
    }

    private JsonNode required(JsonNode node, String path, String key) throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            String full = path.isEmpty() ? key : path + "." + key;
            throw new ConfigException(fileName + ": " + full + ": missing required key" + tree.placeOf(path));
        }
        return value;
    }

    private String text(JsonNode node, String path) throws ConfigException {
        if (!node.isValueNode() || node.isNull()) {
            throw error(path, "expected text");
        }
        return node.asText();
    }

    private String optionalText(JsonNode node, String path, String key, String fallback) throws ConfigException {
        JsonNode value = node.path(key);
        return value.isMissingNode() || value.isNull() ? fallback : text(value, path + "." + key);
    }

    private int integer(JsonNode node, String path, String key, int fallback, int min, int max) throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        String at = path + "." + key;
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw error(at, "expected a whole number from " + min + " to " + max + ", found '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private void requireObject(JsonNode node, String path) throws ConfigException {
        if (!node.isObject()) {
            throw error(path, "expected a mapping of keys");
        }
    }

    private void allowKeys(JsonNode node, String path, Set<String> allowed) throws ConfigException {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                String full = path.isEmpty() ? key : path + "." + key;
                throw error(full, "unknown key (allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private ConfigException error(String path, String message) {
        return new ConfigException(fileName + ": " + path + ": " + message + tree.placeOf(path));
    }
}
