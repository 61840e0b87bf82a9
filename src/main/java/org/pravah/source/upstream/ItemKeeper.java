package org.pravah.source.upstream;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a feed source keeps its items and cache validators between polls: a file in the data folder when the
 * process is alone ({@link FileItemKeeper}), the shared article store when several processes serve the same feeds
 * ({@link SharedItemKeeper}) and only one of them polls.
 */
interface ItemKeeper {
    /** What was kept, with the revision it was read at. */
    record Kept(long revision, FileItemKeeper.Stored stored) {
    }

    /**
     * What is kept, if it is newer than the revision {@code seen} (0: whatever is kept). Asked at every load, so it
     * must be cheap while nothing changed.
     */
    Optional<Kept> readNewer(long seen) throws UpstreamException;

    /** Replaces what is kept; returns the revision it now has. */
    long write(FileItemKeeper.Stored stored) throws IOException;

    /** Where the items are kept, for messages. */
    String where();
}
