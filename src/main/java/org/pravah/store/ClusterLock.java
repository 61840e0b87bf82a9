package org.pravah.store;

/**
 * Elects one process of a cluster for work that must happen once per cluster, not once per process: polling an
 * upstream feed, say. Every process asks {@link #held()} before each round of such work and does it only on true;
 * when the holder stops or loses its database connection, the lock is free and the next process that asks gets it.
 *
 * <p>A poller that runs once per cluster must put what it fetched into the shared store (under its source name), so
 * that every process serves it, not only the holder.
 */
public interface ClusterLock extends AutoCloseable {
    /** The lock of a process that is alone: the embedded store, or no store at all. */
    ClusterLock SOLO = new ClusterLock() {
        @Override
        public boolean held() {
            return true;
        }

        @Override
        public void close() {
        }
    };

    /** True if this process holds the lock now; takes it first if it is free. Never throws: trouble means false. */
    boolean held();

    /** Gives the lock up (another process may take it at its next {@link #held()}). */
    @Override
    void close();
}
