package org.pravah.render;

import java.util.List;
import org.pravah.source.SourceStatus;

/**
 * The HTML of {@code /status} ({@code status.jte}): a row per source, in the site's layout and language. Rendered
 * here, with the other pages' templates, from the sources' states alone; {@code http} decides when it is asked for.
 */
public final class SourcesPage {
    private static final List<String> COLUMNS = List.of("status.source", "status.type", "status.state",
            "status.lastAttempt", "status.lastSuccess", "status.http", "status.items", "status.lastError",
            "status.nextAttempt");

    private SourcesPage() {
    }

    /** What the template shows; {@code columns} are the headings in the site's language. */
    record Model(PageLayout layout, List<SourceStatus> sources, List<String> columns) {
    }

    public static byte[] html(PageLayout layout, List<SourceStatus> sources) {
        return PageLayout.render("status.jte",
                new Model(layout, List.copyOf(sources), COLUMNS.stream().map(layout::t).toList()));
    }
}
