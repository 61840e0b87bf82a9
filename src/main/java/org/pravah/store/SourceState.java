package org.pravah.store;

/**
 * A source's own state kept in the store for every process to read (an upstream feed's kept items, say).
 *
 * @param revision 1 on the first write, +1 on every later one
 * @param document JSON in the source's own shape; the store does not look inside
 */
public record SourceState(String sourceName, long revision, String document) {
}
