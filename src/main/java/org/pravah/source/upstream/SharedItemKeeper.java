package org.pravah.source.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.Optional;
import org.pravah.store.ArticleStore;
import org.pravah.store.SourceState;
import org.pravah.store.StoreException;

/**
 * Keeps a feed source's items in the shared (PostgreSQL) store, as the source's state document in the same JSON
 * shape as the data-folder file: the one process that polls writes it, every process reads it. A write notifies
 * the other processes, which then reload and read the new revision.
 */
final class SharedItemKeeper implements ItemKeeper {
    private final ArticleStore store;
    private final String sourceName;

    SharedItemKeeper(ArticleStore store, String sourceName) {
        this.store = store;
        this.sourceName = sourceName;
    }

    @Override
    public Optional<Kept> readNewer(long seen) throws UpstreamException {
        Optional<SourceState> state;
        try {
            state = store.sourceStateNewerThan(sourceName, seen);
        } catch (StoreException e) {
            throw new UpstreamException(e.getMessage());
        }
        if (state.isEmpty()) {
            return Optional.empty();
        }
        try {
            FileItemKeeper.Stored stored = FileItemKeeper.JSON.readValue(state.get().document(), FileItemKeeper.Stored.class);
            if (stored.version() != FileItemKeeper.FORMAT_VERSION) {
                throw new UpstreamException(where() + ": kept items in format " + stored.version() + ", expected "
                        + FileItemKeeper.FORMAT_VERSION);
            }
            return Optional.of(new Kept(state.get().revision(), stored));
        } catch (JsonProcessingException e) {
            throw new UpstreamException(where() + ": the kept items cannot be read (" + e.getOriginalMessage() + ")");
        }
    }

    @Override
    public long write(FileItemKeeper.Stored stored) throws IOException {
        try {
            return store.putSourceState(sourceName, FileItemKeeper.JSON.writeValueAsString(stored)).revision();
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String where() {
        return "the store (" + store.config().displayUrl() + ", source '" + sourceName + "')";
    }
}
