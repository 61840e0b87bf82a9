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
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.pravah.article.ArticleLimit;
import org.pravah.article.LanguageTag;
import org.pravah.article.Text;

/**
 * Reads feeds-config.yaml into {@link PravahConfig}. Every rule is checked here, at load time, so that a running
 * server never meets a half-valid config; each error names the key path the way a person would look for it
 * ({@link ConfigKeys}). The two long sections have classes of their own: {@link CategoriesSection} and
 * {@link SourcesSection}.
 */
public final class ConfigLoader {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** The bearer token of the publish API; only its hash is kept. */
    public static final String API_TOKEN_ENV = "PRAVAH_API_TOKEN";
    public static final String STORE_PASSWORD_ENV = "PRAVAH_STORE_PASSWORD";

    private final String fileName;
    private final ConfigKeys keys;
    private final Path folder;
    private final Map<String, String> env;

    private ConfigLoader(String fileName, YamlTree tree, Path folder, Map<String, String> env) {
        this.fileName = fileName;
        this.keys = new ConfigKeys(fileName, tree);
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
        JsonNode root = keys.root();
        if (!root.isObject()) {
            throw new ConfigException(fileName + ": expected a mapping with keys site, server, feeds, categories, sources");
        }
        keys.allowKeys(root, "", Set.of("site", "server", "feeds", "categories", "sources", "websub", "reload", "store",
                "api", "dataDir", "stats"));
        SiteConfig site = site(keys.required(root, "", "site"));
        ServerConfig server = server(root.path("server"));
        FeedsConfig feeds = feeds(root.path("feeds"));
        List<CategoryConfig> categories = CategoriesSection.read(keys, root.path("categories"));
        Path dataDir = dataDir(root.path("dataDir"));
        List<SourceConfig> sources = new SourcesSection(keys, folder)
                .read(keys.required(root, "", "sources"), categories, dataDir);
        return new PravahConfig(Path.of(fileName), site, server, feeds, categories, sources,
                websub(root.path("websub")), reload(root.path("reload")), store(root.path("store")),
                api(root.path("api")), stats(root.path("stats"), dataDir));
    }

    private StatsConfig stats(JsonNode node, Path dataDir) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return new StatsConfig(true, false, Optional.of(dataDir));
        }
        keys.requireObject(node, "stats");
        keys.allowKeys(node, "stats", Set.of("enabled", "public"));
        return new StatsConfig(keys.bool(node, "stats", "enabled", true), keys.bool(node, "stats", "public", false),
                Optional.of(dataDir));
    }

    private SiteConfig site(JsonNode node) throws ConfigException {
        keys.requireObject(node, "site");
        keys.allowKeys(node, "site", Set.of("title", "description", "baseUrl", "language", "timeZone", "icon", "logo",
                "author", "images"));
        String title = Text.cleanLine(keys.text(keys.required(node, "site", "title"), "site.title"));
        if (title.isEmpty()) {
            throw keys.error("site.title", "must not be empty");
        }
        String description = Text.cleanLine(keys.optionalText(node, "site", "description", ""));
        String baseUrl;
        try {
            baseUrl = checkBaseUrl(keys.text(keys.required(node, "site", "baseUrl"), "site.baseUrl"));
        } catch (ConfigException e) {
            throw keys.error("site.baseUrl", e.getMessage());
        }
        LanguageTag language;
        try {
            language = LanguageTag.parse(keys.optionalText(node, "site", "language", "hi"));
        } catch (IllegalArgumentException e) {
            throw keys.error("site.language", e.getMessage());
        }
        ZoneId zone;
        String zoneName = keys.optionalText(node, "site", "timeZone", "Asia/Kolkata");
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw keys.error("site.timeZone", "'" + zoneName + "' is not a time zone id (e.g. Asia/Kolkata)");
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
        String written = keys.text(node, "site.images").strip();
        if (written.isEmpty()) {
            throw keys.error("site.images", "must name a folder, e.g. images (leave the key out for none)");
        }
        Path path = folder.resolve(written).normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw keys.error("site.images", "'" + written + "' is a file, not a folder (resolved to " + path + ")");
        }
        return Optional.of(path);
    }

    /** {@code site.author}: a name, within the limit of an article's own author, since feeds write it in its place. */
    private Optional<String> author(JsonNode site) throws ConfigException {
        JsonNode node = site.path("author");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String author = Text.cleanLine(keys.text(node, "site.author"));
        if (author.isEmpty()) {
            throw keys.error("site.author", "must not be empty (leave the key out to credit the site's title)");
        }
        int max = ArticleLimit.AUTHOR.max();
        if (author.codePointCount(0, author.length()) > max) {
            throw keys.error("site.author", "must be at most " + max + " characters, like an article's author");
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
        String value = keys.text(node, path).strip();
        if (value.startsWith("/") && !value.startsWith("//")) {
            try {
                URI uri = new URI(value);
                if (uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return Optional.of(value);
                }
            } catch (URISyntaxException e) {
                throw keys.error(path, "'" + value + "' is not a URL path: " + e.getReason());
            }
            throw keys.error(path, "'" + value + "' must be a path without query or fragment, e.g. /img/icon.png");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(value);
            }
        } catch (URISyntaxException e) {
            throw keys.error(path, "'" + value + "' is not a URL: " + e.getReason());
        }
        throw keys.error(path, "'" + value + "' must be an absolute http(s) URL or a path on this site starting with '/'");
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
        keys.requireObject(node, "server");
        keys.allowKeys(node, "server", Set.of("port", "requestHeadersSeconds", "connectionsPerAddress"));
        return new ServerConfig(keys.integer(node, "server", "port", 8080, 0, 65535),
                keys.integer(node, "server", "requestHeadersSeconds", ServerConfig.DEFAULT_REQUEST_HEADERS_SECONDS, 1, 300),
                keys.integer(node, "server", "connectionsPerAddress", ServerConfig.DEFAULT_CONNECTIONS_PER_ADDRESS, 0,
                        1_000_000));
    }

    private FeedsConfig feeds(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return new FeedsConfig(50);
        }
        keys.requireObject(node, "feeds");
        keys.allowKeys(node, "feeds", Set.of("itemsPerFeed", "ttlMinutes"));
        return new FeedsConfig(keys.integer(node, "feeds", "itemsPerFeed", 50, 1, 1000),
                keys.integer(node, "feeds", "ttlMinutes", FeedsConfig.DEFAULT_TTL_MINUTES, 1, 1440));
    }

    private WebSubConfig websub(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return WebSubConfig.OFF;
        }
        keys.requireObject(node, "websub");
        keys.allowKeys(node, "websub", Set.of("hubs"));
        JsonNode hubs = node.path("hubs");
        List<String> out = new ArrayList<>();
        if (!hubs.isMissingNode() && !hubs.isNull()) {
            if (!hubs.isArray()) {
                throw keys.error("websub.hubs", "expected a list of hub URLs");
            }
            for (int i = 0; i < hubs.size(); i++) {
                String at = "websub.hubs[" + i + "]";
                try {
                    out.add(checkBaseUrl(keys.text(hubs.get(i), at)));
                } catch (ConfigException e) {
                    throw keys.error(at, e.getMessage());
                }
            }
        }
        return new WebSubConfig(out);
    }

    private ReloadConfig reload(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return ReloadConfig.DEFAULT;
        }
        keys.requireObject(node, "reload");
        keys.allowKeys(node, "reload", Set.of("watch", "rescanSeconds"));
        JsonNode watch = node.path("watch");
        if (!watch.isMissingNode() && !watch.isBoolean()) {
            throw keys.error("reload.watch", "expected true or false");
        }
        return new ReloadConfig(watch.isMissingNode() || watch.asBoolean(),
                keys.integer(node, "reload", "rescanSeconds", ReloadConfig.DEFAULT.rescanSeconds(), 0, 86400));
    }

    private StoreConfig store(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return StoreConfig.embeddedIn(folder.resolve("data"));
        }
        keys.requireObject(node, "store");
        keys.allowKeys(node, "store", Set.of("url", "dataDir", "user", "password", "pool", "pollSeconds"));
        String dataDir = keys.optionalText(node, "store", "dataDir", "data");
        String url = keys.optionalText(node, "store", "url", "").strip();
        if (url.isEmpty()) {
            url = StoreConfig.embeddedIn(folder.resolve(dataDir)).url();
        } else if (url.startsWith("jdbc:h2:")) {
            // H2 lost acknowledged writes after crashes (BENCHMARKS.md, durability); its files are imported instead
            throw keys.error("store.url", "H2 is no longer a store: leave store.url out for the embedded SQLite store under"
                    + " store.dataDir (a pravah.mv.db there is imported at the first start), or use"
                    + " jdbc:postgresql://host:5432/db");
        } else if (!url.startsWith("jdbc:postgresql:") && !url.startsWith(StoreConfig.EMBEDDED_PREFIX)) {
            throw keys.error("store.url", "'" + url + "' is not a store URL: use jdbc:postgresql://host:5432/db, or leave it"
                    + " out for the embedded database under store.dataDir");
        } else if (node.has("dataDir")) {
            throw keys.error("store.dataDir", "only for the embedded database; store.url names another one");
        }
        String password = keys.optionalText(node, "store", "password", env.getOrDefault(STORE_PASSWORD_ENV, ""));
        return new StoreConfig(url, keys.optionalText(node, "store", "user", ""), password,
                keys.integer(node, "store", "pool", StoreConfig.DEFAULT_POOL, 1, 200),
                keys.integer(node, "store", "pollSeconds", StoreConfig.DEFAULT_POLL_SECONDS, 1, 3600));
    }

    private ApiConfig api(JsonNode node) throws ConfigException {
        List<String> hashes = new ArrayList<>();
        int maxBody = ApiConfig.DEFAULT_MAX_BODY_BYTES;
        if (!node.isMissingNode() && !node.isNull()) {
            keys.requireObject(node, "api");
            keys.allowKeys(node, "api", Set.of("tokenSha256", "maxBodyBytes"));
            JsonNode tokens = node.path("tokenSha256");
            List<JsonNode> values = new ArrayList<>();
            if (tokens.isArray()) {
                tokens.forEach(values::add);
            } else if (!tokens.isMissingNode() && !tokens.isNull()) {
                values.add(tokens);
            }
            for (int i = 0; i < values.size(); i++) {
                String at = tokens.isArray() ? "api.tokenSha256[" + i + "]" : "api.tokenSha256";
                String hex = keys.text(values.get(i), at).strip();
                if (!SHA256_HEX.matcher(hex).matches()) {
                    throw keys.error(at, "expected the 64 hex digits of the token's SHA-256 (printf %s \"$TOKEN\" | sha256sum)");
                }
                hashes.add(hex.toLowerCase(Locale.ROOT));
            }
            maxBody = keys.integer(node, "api", "maxBodyBytes", maxBody, 1024, 64 * 1024 * 1024);
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

    /** Where sources keep what they fetched (upstream items); created when first needed. */
    private Path dataDir(JsonNode node) throws ConfigException {
        if (node.isMissingNode() || node.isNull()) {
            return folder.resolve("data").normalize();
        }
        String written = keys.text(node, "dataDir");
        Path path = folder.resolve(written).normalize();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw keys.error("dataDir", "'" + written + "' is a file, not a folder (resolved to " + path + ")");
        }
        return path;
    }

}
