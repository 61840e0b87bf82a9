package org.pravah.source;

import java.time.Instant;
import java.util.List;

/**
 * A configured source with nothing in it and nothing wrong: a {@code store} source read by {@code check} or
 * {@code export} before any server created the store. They never create it, and a store that does not exist holds
 * no article.
 */
public final class EmptySource implements ArticleSource {
    private final String name;
    private volatile SourceStatus status;

    public EmptySource(String name, String type) {
        this.name = name;
        this.status = SourceStatus.notYetRead(name, type);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceLoad load() {
        SourceLoad load = new SourceLoad(name, List.of(), List.of(), true);
        status = status.afterLoad(load, Instant.now());
        return load;
    }

    @Override
    public SourceStatus status() {
        return status;
    }
}
