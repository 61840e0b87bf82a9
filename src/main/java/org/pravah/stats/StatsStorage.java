package org.pravah.stats;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the counts outlive the process: the data folder ({@link StatsFolder}), the shared store of a cluster
 * ({@link StatsInStore}), or nowhere ({@link #inMemory}). Called only from the statistics' own thread.
 */
interface StatsStorage {
    /**
     * The day's secret for poller hashes, made when first asked for and the same for every process of a cluster; it
     * is deleted once the day is over, after which a kept hash can no longer be tied to an address.
     */
    byte[] dayKey(LocalDate day);

    /**
     * What is kept for the day: with {@code includeOwn}, everything; without, all but what this process itself still
     * writes (other processes' shares, and what earlier runs of this one kept).
     */
    DayShare kept(LocalDate day, boolean includeOwn);

    /** Replaces this process's own share of its day. */
    void save(DayShare own);

    /** Forgets the days before {@code oldest}, and the keys of the days before {@code today}. */
    void forget(LocalDate oldest, LocalDate today);

    /** Keeps nothing: counts live as long as the process (a config built without a data folder, tests). */
    static StatsStorage inMemory() {
        return new StatsStorage() {
            private LocalDate keyDay;
            private byte[] key;
            /** The process's own saves, which are all there is: days over are read back from here. */
            private final Map<LocalDate, DayShare> saved = new HashMap<>();

            @Override
            public byte[] dayKey(LocalDate day) {
                if (!day.equals(keyDay)) {
                    key = StatsKeys.random();
                    keyDay = day;
                }
                return key.clone();
            }

            @Override
            public DayShare kept(LocalDate day, boolean includeOwn) {
                DayShare own = saved.get(day);
                return includeOwn && own != null ? own.copy() : new DayShare(day);
            }

            @Override
            public void save(DayShare own) {
                saved.put(own.day, own.copy());
            }

            @Override
            public void forget(LocalDate oldest, LocalDate today) {
                saved.keySet().removeIf(day -> day.isBefore(oldest));
            }
        };
    }
}
