package org.pravah.source;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a source is doing, for {@code /status} and the log: what an operator needs to see that an upstream is down
 * while the site keeps serving.
 *
 * @param type        {@code directory}, {@code feed}, …
 * @param ok          whether the last attempt worked (a failing upstream still serves its kept items)
 * @param lastAttempt when it was last read or fetched
 * @param lastSuccess when that last worked
 * @param httpStatus  the upstream's last HTTP status (after redirects); empty for sources without one
 * @param items       how many articles the source serves now
 * @param lastError   the last error in plain words, empty if there has been none; kept after a later success, so
 *                    compare {@code lastErrorAt} with {@code lastSuccess}
 * @param nextAttempt when the source is read next, if it is scheduled
 */
public record SourceStatus(String name, String type, boolean ok, Optional<Instant> lastAttempt,
                           Optional<Instant> lastSuccess, OptionalInt httpStatus, int items, String lastError,
                           Optional<Instant> lastErrorAt, Optional<Instant> nextAttempt) {

    /**
     * This status after a load: a source that loaded (some bad files or rows included) works; one that could not be
     * read at all keeps its last success and item count. The first problem, if any, becomes the last error.
     */
    public SourceStatus afterLoad(SourceLoad load, Instant now) {
        String error = load.problems().isEmpty() ? ""
                : load.problems().get(0) + (load.problems().size() > 1
                        ? " (and " + (load.problems().size() - 1) + " more problems, see the log)" : "");
        return new SourceStatus(name, type, load.complete(), Optional.of(now),
                load.complete() ? Optional.of(now) : lastSuccess, httpStatus,
                load.complete() ? load.articleCount() : items,
                error.isEmpty() ? lastError : error,
                error.isEmpty() ? lastErrorAt : Optional.of(now), nextAttempt);
    }

    /** A source that has not been read yet. */
    public static SourceStatus notYetRead(String name, String type) {
        return new SourceStatus(name, type, true, Optional.empty(), Optional.empty(), OptionalInt.empty(), 0, "",
                Optional.empty(), Optional.empty());
    }
}
