package org.pravah.source;

import java.time.Instant;
import java.util.List;

/**
 * A configured source that cannot be read at all, such as a {@code store} source whose store did not open. It
 * serves nothing and reports why at every load, so {@code /status} and the log name the cause while every other
 * source goes on serving.
 */
public final class UnavailableSource implements ArticleSource {
    private final String name;
    private final String problem;
    private volatile SourceStatus status;

    public UnavailableSource(String name, String type, String problem) {
        this.name = name;
        this.problem = problem;
        this.status = SourceStatus.notYetRead(name, type);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceLoad load() {
        SourceLoad load = new SourceLoad(name, List.of(), List.of(problem), false);
        status = status.afterLoad(load, Instant.now());
        return load;
    }

    @Override
    public SourceStatus status() {
        return status;
    }
}
