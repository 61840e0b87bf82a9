package org.pravah.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * @param path      resolved against the config file's folder
 * @param written   the path as the config wrote it, for messages
 * @param dataDir   the config's {@code dataDir}, where the source keeps its article cache; empty: no cache
 */
public record DirectorySourceConfig(String name, Path path, String written, Optional<Path> dataDir)
        implements SourceConfig {

    /** A source without an article cache: every start reads every file. */
    public DirectorySourceConfig(String name, Path path, String written) {
        this(name, path, written, Optional.empty());
    }
}
