package org.pravah.source;

/** Somewhere articles come from. A load never throws: what could not be read is in the result's problems. */
public interface ArticleSource {
    String name();

    SourceLoad load();

    /** How the source is doing; sources that track nothing say only that they exist. */
    default SourceStatus status() {
        return SourceStatus.notYetRead(name(), "other");
    }
}
