package org.pravah.config;

import java.nio.file.Path;

/**
 * @param path      resolved against the config file's folder
 * @param written   the path as the config wrote it, for messages
 */
public record DirectorySourceConfig(String name, Path path, String written) implements SourceConfig {
}
