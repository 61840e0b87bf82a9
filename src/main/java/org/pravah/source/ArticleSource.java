package org.pravah.source;

/** Somewhere articles come from. A load never throws: what could not be read is in the result's problems. */
public interface ArticleSource {
    String name();

    SourceLoad load();
}
