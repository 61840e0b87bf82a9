package org.pravah.store;

import java.util.Optional;

/** What a write to the store did. */
public sealed interface StoreWrite {
    /** Committed. {@code created}: there was no live article with this id before. */
    record Written(StoredArticle article, boolean created) implements StoreWrite {
    }

    /** The precondition did not hold; nothing was written. {@code current}: the row as it is (maybe a tombstone). */
    record PreconditionFailed(Optional<StoredArticle> current) implements StoreWrite {
    }

    /** A delete of an article that is not there; {@code tombstone} when it was deleted before. */
    record Missing(Optional<StoredArticle> tombstone) implements StoreWrite {
    }
}
