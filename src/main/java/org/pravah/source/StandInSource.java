package org.pravah.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stands in for a configured source that has nothing to read: a {@code store} source whose store did not open
 * ({@link #failing}: it reports why at every load, so {@code /status} and the log name the cause while every other
 * source goes on serving), or whose store no server has created yet when {@code check} or {@code export} reads it
 * ({@link #empty}: they never create it, and a store that does not exist holds no article).
 */
public final class StandInSource implements ArticleSource {
    private final String name;
    private final Optional<String> problem;
    private volatile SourceStatus status;

    private StandInSource(String name, String type, Optional<String> problem) {
        this.name = name;
        this.problem = problem;
        this.status = SourceStatus.notYetRead(name, type);
    }

    public static StandInSource failing(String name, String type, String problem) {
        return new StandInSource(name, type, Optional.of(problem));
    }

    public static StandInSource empty(String name, String type) {
        return new StandInSource(name, type, Optional.empty());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceLoad load() {
        SourceLoad load = new SourceLoad(name, List.of(), problem.stream().toList(), problem.isEmpty());
        status = status.afterLoad(load, Instant.now());
        return load;
    }

    @Override
    public SourceStatus status() {
        return status;
    }
}
