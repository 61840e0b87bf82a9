package org.pravah.http;

import java.util.List;
import java.util.Optional;

/**
 * Strict reading of a raw query string. Javalin decodes parameters leniently: a malformed escape makes a parameter
 * absent and bytes that are not UTF-8 become U+FFFD, so {@code ?q=%zz} would quietly serve the unfiltered feed.
 */
final class QueryParameters {
    private QueryParameters() {
    }

    /** The first of {@code names} whose value in {@code rawQuery} is not percent-encoded UTF-8, if any. */
    static Optional<String> firstMalformed(String rawQuery, List<String> names) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            // '+' stands for a space in a query but is no escape: it cannot make a value malformed
            Optional<String> name = PathSegments.decode(pair.substring(0, eq)).filter(names::contains);
            if (name.isPresent() && PathSegments.decode(pair.substring(eq + 1)).isEmpty()) {
                return name;
            }
        }
        return Optional.empty();
    }
}
