package org.pravah.http;

import java.time.ZoneId;
import java.util.List;
import org.pravah.source.SourceStatus;

/**
 * What {@code /status} shows: every source's status, with the zone its times are shown in (the site's).
 */
public record StatusReport(List<SourceStatus> sources, ZoneId zone) {
    public StatusReport {
        sources = List.copyOf(sources);
    }
}
