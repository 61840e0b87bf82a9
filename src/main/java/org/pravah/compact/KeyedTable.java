package org.pravah.compact;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Values found by a String key they carry themselves (an article by its key, a file's state by its path), in one
 * array: a slot costs a reference, where a {@code HashMap} costs a node of 32 bytes and a slot per value. A newsroom's
 * archive keeps several such indexes of a million articles each, and that difference was a quarter of the heap per
 * article (BENCHMARKS.md, "cost follows the change"). Open addressing with linear probing, at most two thirds full;
 * removal shifts the following values back, so there are no tombstones. Not thread-safe; a table no longer changed
 * may be read by many threads once safely published.
 *
 * @param <V> the values; two values with equal keys are the same entry
 */
public final class KeyedTable<V> {
    private static final int SMALLEST = 8;

    private final Function<? super V, String> keyOf;
    private Object[] slots;
    private int size;

    /**
     * @param keyOf    the key each value carries (never null)
     * @param expected how many values it will hold, so that building it does not grow it step by step
     */
    public KeyedTable(Function<? super V, String> keyOf, int expected) {
        this.keyOf = Objects.requireNonNull(keyOf);
        this.slots = new Object[capacityFor(expected)];
    }

    public KeyedTable(Function<? super V, String> keyOf) {
        this(keyOf, 0);
    }

    private static int capacityFor(int values) {
        long needed = Math.max(SMALLEST, (long) values * 3 / 2 + 1);
        return (int) Math.min(1 << 30, Long.highestOneBit(needed - 1) << 1);
    }

    /** Makes room for {@code values} in all before they are put, so that putting them does not grow it step by step. */
    public void expect(int values) {
        int capacity = capacityFor(values);
        while (slots.length < capacity) {
            grow();
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public V get(String key) {
        int i = find(key);
        return i < 0 ? null : value(i);
    }

    public boolean containsKey(String key) {
        return find(key) >= 0;
    }

    /** Adds {@code value}, replacing the one of the same key; returns that one, or null. */
    public V put(V value) {
        String key = keyOf.apply(value);
        int mask = slots.length - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            Object there = slots[i];
            if (there == null) {
                slots[i] = value;
                if (++size * 3 > slots.length * 2) {
                    grow();
                }
                return null;
            }
            @SuppressWarnings("unchecked")
            V old = (V) there;
            if (keyOf.apply(old).equals(key)) {
                slots[i] = value;
                return old;
            }
        }
    }

    /** Removes the value of {@code key}; returns it, or null when there was none. */
    public V remove(String key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        V removed = value(i);
        int mask = slots.length - 1;
        slots[i] = null;
        size--;
        // shift back the values after it that would no longer be found past the hole (Knuth's algorithm R)
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int k = home(keyOf.apply(value(j)), mask);
            boolean stays = i <= j ? i < k && k <= j : i < k || k <= j;
            if (!stays) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
        return removed;
    }

    /** The values, in no particular order; a live view, not to be used while the table changes. */
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < slots.length && slots[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < slots.length;
                    }

                    @Override
                    public V next() {
                        if (next >= slots.length) {
                            throw new NoSuchElementException();
                        }
                        V v = value(next);
                        next = advance(next + 1);
                        return v;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int find(String key) {
        int mask = slots.length - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            Object there = slots[i];
            if (there == null) {
                return -1;
            }
            if (keyOf.apply(value(i)).equals(key)) {
                return i;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) slots[i];
    }

    /** The slot a key is looked for first: its hash spread over the high bits, since keys often differ at the end. */
    private static int home(String key, int mask) {
        int h = key.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void grow() {
        Object[] old = slots;
        slots = new Object[old.length * 2];
        int mask = slots.length - 1;
        for (Object o : old) {
            if (o != null) {
                @SuppressWarnings("unchecked")
                V v = (V) o;
                int i = home(keyOf.apply(v), mask);
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = o;
            }
        }
    }
}
