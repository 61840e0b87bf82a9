package org.pravah.source;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.pravah.compact.KeyedTable;

/**
 * The first-seen date of every file of a directory source, by path, as whole seconds: an entry of 24 bytes and a
 * reference per file, where a {@code TreeMap} of {@code Instant}s took three objects per file. Its paths may be the
 * very Strings the source's folder state holds ({@link #samePath}), so a path is kept once. Read as a map of
 * {@code Instant}s, which are made when asked for. Not thread-safe.
 */
final class FirstSeenDates extends AbstractMap<String, Instant> {
    /** One file's date. */
    private record Seen(String path, long second) {
    }

    private final KeyedTable<Seen> byPath = new KeyedTable<>(Seen::path);

    /** The second {@code path} was first seen at; {@code Long.MIN_VALUE} when it is not known. */
    long secondOf(String path) {
        Seen seen = byPath.get(path);
        return seen == null ? Long.MIN_VALUE : seen.second();
    }

    /**
     * Keeps {@code path}, when it is known, as this very String rather than an equal one: the folder state and the
     * dates then share it.
     *
     * @return whether {@code path} is known: one lookup for what a rescan asks of every file
     */
    boolean samePath(String path) {
        Seen seen = byPath.get(path);
        if (seen != null && seen.path() != path) {
            byPath.put(new Seen(path, seen.second()));
        }
        return seen != null;
    }

    /** Each date's whole seconds (a date within a second is kept as that second, as files are dated). */
    @Override
    public Instant put(String path, Instant date) {
        Seen old = byPath.put(new Seen(path, date.getEpochSecond()));
        return old == null ? null : Instant.ofEpochSecond(old.second());
    }

    @Override
    public Instant get(Object path) {
        Seen seen = path instanceof String p ? byPath.get(p) : null;
        return seen == null ? null : Instant.ofEpochSecond(seen.second());
    }

    @Override
    public boolean containsKey(Object path) {
        return path instanceof String p && byPath.containsKey(p);
    }

    @Override
    public Instant remove(Object path) {
        Seen old = path instanceof String p ? byPath.remove(p) : null;
        return old == null ? null : Instant.ofEpochSecond(old.second());
    }

    @Override
    public int size() {
        return byPath.size();
    }

    /** In no particular order. */
    @Override
    public Set<Entry<String, Instant>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Instant>> iterator() {
                Iterator<Seen> all = byPath.values().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return all.hasNext();
                    }

                    @Override
                    public Entry<String, Instant> next() {
                        Seen seen = all.next();
                        return Map.entry(seen.path(), Instant.ofEpochSecond(seen.second()));
                    }
                };
            }

            @Override
            public int size() {
                return byPath.size();
            }
        };
    }
}
