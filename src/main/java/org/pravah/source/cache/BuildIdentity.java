package org.pravah.source.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tells this build of Pravah and of the libraries that shape articles and feeds (Jackson, jsoup, commonmark, SnakeYAML,
 * Rome) from any other, for {@link ArticleCache} and for the feeds a stop keeps for the next start: the jar or class
 * folder each is loaded from, with its size and modification time (a class folder: every file's). A rebuild or an upgrade changes it even when the version number does not (every
 * snapshot build is "0.1.0-SNAPSHOT"), so articles normalised by other code are never reused.
 */
public final class BuildIdentity {
    /** Classes standing for the code that reads and normalises articles; one per jar is enough. */
    private static final List<String> CLASSES = List.of(
            "org.pravah.source.DirectorySource",
            "org.pravah.article.ArticleNormaliser",
            "com.fasterxml.jackson.core.JsonFactory",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
            "com.fasterxml.jackson.dataformat.smile.SmileFactory",
            "org.yaml.snakeyaml.Yaml",
            "org.jsoup.Jsoup",
            "org.commonmark.parser.Parser",
            "com.rometools.rome.io.WireFeedOutput");

    private static final Optional<String> CURRENT = compute();

    private BuildIdentity() {
    }

    /** Empty when some code's origin cannot be seen (no code source, an unreadable jar). */
    public static Optional<String> current() {
        return CURRENT;
    }

    private static Optional<String> compute() {
        Set<Path> locations = new LinkedHashSet<>();
        try {
            for (String name : CLASSES) {
                Class<?> c;
                try {
                    c = Class.forName(name, false, BuildIdentity.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    // a library that a later version no longer uses shapes nothing
                    continue;
                }
                CodeSource source = c.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    return Optional.empty();
                }
                locations.add(Path.of(source.getLocation().toURI()));
            }
            List<String> parts = new ArrayList<>();
            for (Path location : locations) {
                parts.add(describe(location));
            }
            return Optional.of(String.join(";", parts));
        } catch (URISyntaxException | IllegalArgumentException | IOException | UncheckedIOException
                 | SecurityException e) {
            return Optional.empty();
        }
    }

    static String describe(Path location) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
        if (!attributes.isDirectory()) {
            return location + "@" + attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        }
        // running from classes (tests, an IDE): any changed class file counts
        long files = 0;
        long bytes = 0;
        long newest = 0;
        long hash = 0;
        try (Stream<Path> walk = Files.walk(location)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    files++;
                    bytes += a.size();
                    newest = Math.max(newest, a.lastModifiedTime().toMillis());
                    hash += (location.relativize(p).toString().hashCode() * 31L + a.size()) * 31L
                            + a.lastModifiedTime().toMillis();
                }
            }
        }
        return location + "@" + files + "@" + bytes + "@" + newest + "@" + Long.toHexString(hash);
    }
}
