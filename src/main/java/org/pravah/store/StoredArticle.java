package org.pravah.store;

import java.time.Instant;

/**
 * One row of the store: an article document with its bookkeeping.
 *
 * @param document the article as a JSON object in the shape of a {@code *.json} article file
 * @param revision 1 when created, one more on every write; never reused for the same id, even across a delete
 * @param deleted  a tombstone: the article was deleted and is no longer served
 * @param created  when the article was first written (or written again after a delete)
 * @param updated  when the row was last written
 */
public record StoredArticle(String sourceName, String id, long revision, boolean deleted, String document,
                            Instant created, Instant updated) {
}
