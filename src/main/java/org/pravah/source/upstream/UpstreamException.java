package org.pravah.source.upstream;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An upstream that could not be fetched or read. The message is meant for an operator: plain words, what to check;
 * never a stack trace on {@code /status}, and never the upstream's body or an excerpt of it (status code, content
 * type, size and positions instead): {@code /status} is public, and a body may come from a page meant only for the
 * inside.
 */
public final class UpstreamException extends Exception {
    private static final long serialVersionUID = 1L;

    private final OptionalInt httpStatus;
    private final transient Optional<Duration> retryAfter;

    public UpstreamException(String message) {
        this(message, OptionalInt.empty(), Optional.empty());
    }

    public UpstreamException(String message, OptionalInt httpStatus, Optional<Duration> retryAfter) {
        super(message);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status that made the fetch fail, if the failure was an HTTP answer. */
    public OptionalInt httpStatus() {
        return httpStatus;
    }

    /** How long the upstream asked us to wait ({@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
