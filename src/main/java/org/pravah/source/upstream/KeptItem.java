package org.pravah.source.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An upstream item as we keep it, also after it has left the upstream feed.
 *
 * @param firstSeen RFC 3339: when we first fetched it; the date of an item whose upstream gives none we can read,
 *                  so that its date does not move at every poll or restart
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeptItem(UpstreamEntry entry, String firstSeen) {
}
