package org.pravah.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. Types are tag URIs
 * ({@code tag:pravah,2026:problem/<name>}): stable identifiers a client can switch on, not pages to fetch.
 *
 * @param extensions further members of the body (e.g. {@code errors}, a list of bad fields with JSON pointers)
 * @param headers    response headers that belong to the problem (WWW-Authenticate, Retry-After, …)
 */
record Problem(int status, String type, String title, String detail, Map<String, Object> extensions,
               Map<String, String> headers) {
    static final String TYPE_PREFIX = "tag:pravah,2026:problem/";

    Problem {
        // insertion order: the body reads in the order the members were added
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static Problem of(int status, String name, String title, String detail) {
        return new Problem(status, TYPE_PREFIX + name, title, detail, Map.of(), Map.of());
    }

    Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, type, title, detail, more, headers);
    }

    Problem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, type, title, detail, extensions, more);
    }

    /** Thrown inside a handler to answer with this problem at once. */
    static final class Raised extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Raised(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    Raised raise() {
        return new Raised(this);
    }
}
