package org.pravah.source;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Somewhere articles come from. A load never throws: what could not be read is in the result's problems. */
public interface ArticleSource {
    String name();

    SourceLoad load();

    /** Whether a change the file system reports at {@code path} concerns this source (its folder holds it). */
    default boolean watches(Path path) {
        return false;
    }

    /**
     * Loads only what changed after the file system reported changes at {@code paths}, in time that follows them.
     *
     * @return empty when the source cannot tell from paths what changed: the catalogue then loads it whole
     */
    default Optional<SourceChange> loadChanged(Set<Path> paths) {
        return Optional.empty();
    }

    /**
     * Loads only what changed since this source's last load or change, where the source can tell without reading
     * everything (the store, from its change numbers). The catalogue asks only while it holds what the source's
     * last load or change gave.
     *
     * @return empty when the source cannot tell what changed: the catalogue then loads it whole
     */
    default Optional<SourceChange> loadChanges() {
        return Optional.empty();
    }

    /** How the source is doing; sources that track nothing say only that they exist. */
    default SourceStatus status() {
        return SourceStatus.notYetRead(name(), "other");
    }
}
