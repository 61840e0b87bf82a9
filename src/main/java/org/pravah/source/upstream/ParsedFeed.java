package org.pravah.source.upstream;

import java.util.List;

/**
 * What one upstream document holds, format-neutral.
 *
 * @param format   {@code RSS 2.0}, {@code Atom 1.0}, {@code JSON Feed 1.1}, … for messages
 * @param entries  in document order; ids are unique (later duplicates are dropped and reported)
 * @param warnings what was odd but did not stop the feed: unreadable dates, duplicate ids, dropped links
 */
public record ParsedFeed(String format, List<UpstreamEntry> entries, List<String> warnings) {
    public ParsedFeed {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }
}
