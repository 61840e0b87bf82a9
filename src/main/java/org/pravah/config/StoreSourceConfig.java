package org.pravah.config;

/** Articles kept in the article store (the top-level {@code store} section) under this source's name. */
public record StoreSourceConfig(String name) implements SourceConfig {
}
