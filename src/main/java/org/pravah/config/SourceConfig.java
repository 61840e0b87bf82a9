package org.pravah.config;

/** Where articles come from; one record per kind of source. */
public sealed interface SourceConfig permits DirectorySourceConfig, StoreSourceConfig, FeedSourceConfig {
    String name();
}
