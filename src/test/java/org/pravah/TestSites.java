package org.pravah;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The small complete sites in {@code src/test/resources/sites}, copied where a test may change or watch them. */
public final class TestSites {
    private TestSites() {
    }

    /** Copies site {@code name} into {@code target}; returns its config file. */
    public static Path copy(String name, Path target) throws IOException {
        Path source = resource("/sites/" + name);
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(from -> {
                Path to = target.resolve(source.relativize(from).toString());
                try {
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target.resolve("feeds-config.yaml");
    }

    private static Path resource(String path) {
        URL url = TestSites.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("no test resource " + path);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
