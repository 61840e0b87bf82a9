package org.pravah.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears about writes that other processes made to the store, so that every process serves them within moments.
 *
 * <p>PostgreSQL: {@code LISTEN} on a connection of its own, woken by the {@code NOTIFY} that each write sends at
 * commit. Notifications are lost while the connection is down, so after every (re)connect it reports a change, and
 * every {@code store.pollSeconds} it compares the store's change mark as a fallback.
 *
 * <p>The embedded store: another process (the import command, a second server on the same file) commits to the
 * same SQLite file. A read-only connection of its own asks SQLite's {@code PRAGMA data_version} every
 * {@value #EMBEDDED_CHECK_MILLIS} ms, which changes when any other connection has committed: a few microseconds, and
 * nothing read from the tables. That includes this process's own API writes, which refresh the feeds themselves; so
 * each store source says when it is about to be read ({@link ArticleStore#readingSource}), and a commit is reported
 * only while some source has not been read since: a write costs one reload, not two, however the reloads of the
 * sources are composed.
 *
 * <p>Runs on one daemon thread.
 */
public final class StoreChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreChanges.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    /** How often the embedded store is asked whether another connection committed: the delay before feeds show it. */
    static final long EMBEDDED_CHECK_MILLIS = 250;

    private final ArticleStore store;
    private final Runnable changed;
    private final long pollMillis;
    private final long checkMillis;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Connection connection;
    /** The embedded store's watching connection, and the data version at its last check. */
    private Connection watching;
    private long checkedVersion;
    /** By store source: the data version just before it was last read. */
    private final Map<String, Long> readVersions = new HashMap<>();
    private long checks;

    StoreChanges(ArticleStore store, Runnable changed) {
        this(store, changed, EMBEDDED_CHECK_MILLIS);
    }

    /** @param checkMillis how often the embedded store's watch checks (tests check when they choose) */
    StoreChanges(ArticleStore store, Runnable changed, long checkMillis) {
        this.store = store;
        this.changed = changed;
        this.checkMillis = checkMillis;
        store.watching(this);
        this.pollMillis = store.config().pollSeconds() * 1000L;
        if (store.shared()) {
            thread = new Thread(this::run, "pravah-store-listen");
        } else {
            // connected before returning, so that a refresh starting right after is the baseline, and no commit
            // falls between the two
            synchronized (this) {
                try {
                    watching = store.dedicatedReadConnection();
                    checkedVersion = dataVersion(watching);
                } catch (SQLException e) {
                    closeQuietly(watching);
                    watching = null;
                    LOG.debug("store: the watch connects on its own thread ({})", e.getMessage());
                }
            }
            thread = new Thread(this::watchEmbedded, "pravah-store-watch");
        }
        thread.setDaemon(true);
        thread.start();
    }

    /** A store source is about to be read: it reads every commit made until now (see {@link ArticleStore#readingSource}). */
    void sourceRead(String sourceName) {
        synchronized (this) {
            if (watching == null) {
                return;
            }
            try {
                readVersions.put(sourceName, dataVersion(watching));
            } catch (SQLException e) {
                // the source counts as not read since; the watch's next check fails the same way and reconnects
                readVersions.put(sourceName, Long.MIN_VALUE);
                LOG.debug("store: data version not read before loading {}: {}", sourceName, e.getMessage());
            }
        }
    }

    /** How many checks the embedded store's watch has made (for tests, which wait for a check, never a time). */
    synchronized long checks() {
        return checks;
    }

    /** Checks the embedded store now, as the watch does every {@code checkMillis} (for tests). */
    void checkNow() throws SQLException {
        Connection c;
        synchronized (this) {
            c = watching;
        }
        if (c != null) {
            check(c);
        }
    }

    /**
     * Reports a commit made since the last check that some store source has not been read after (before any source
     * was read: any commit since the last check).
     */
    private void check(Connection c) throws SQLException {
        boolean report;
        synchronized (this) {
            long now = dataVersion(c);
            boolean committed = now != checkedVersion;
            report = committed && (readVersions.isEmpty()
                    || readVersions.values().stream().anyMatch(read -> read != now));
            checkedVersion = now;
            checks++;
        }
        if (report) {
            report();
        }
    }

    private void watchEmbedded() {
        long backoff = 1000;
        Connection connected;
        synchronized (this) {
            connected = watching;
        }
        while (!closed()) {
            try (Connection c = connected != null ? connected : store.dedicatedReadConnection()) {
                if (connected == null) {
                    synchronized (this) {
                        checkedVersion = dataVersion(c);
                        watching = c;
                    }
                    // whatever was committed while the watch was down was never reported
                    report();
                }
                connected = null;
                backoff = 1000;
                while (!closing.await(checkMillis, TimeUnit.MILLISECONDS)) {
                    check(c);
                }
                return;
            } catch (SQLException e) {
                if (closed()) {
                    return;
                }
                LOG.warn("store: watching for other processes' writes failed ({}); trying again in {} ms",
                        e.getMessage(), backoff);
                if (!waitToRetry(backoff)) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                synchronized (this) {
                    watching = null;
                }
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection that failed its first query; nothing more to learn from it
            }
        }
    }

    private static long dataVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean closed() {
        return closing.getCount() == 0;
    }

    private void run() {
        long backoff = 1000;
        long mark = Long.MIN_VALUE;
        while (!closed()) {
            try (Connection c = store.dedicatedConnection()) {
                connection = c;
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + ArticleStore.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                backoff = 1000;
                // whatever was written before LISTEN took effect (or while disconnected) was never notified
                mark = store.changeMark();
                report();
                long nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollMillis);
                while (!closed()) {
                    PGNotification[] notes = pg.getNotifications((int) Math.min(1000, pollMillis));
                    boolean fromOthers = false;
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            fromOthers |= !note.getParameter().startsWith(store.processId() + " ");
                        }
                    }
                    if (System.nanoTime() - nextCheck >= 0) {
                        nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollMillis);
                        long now = store.changeMark();
                        if (now != mark) {
                            if (!fromOthers) {
                                LOG.debug("store: change mark moved from {} to {}", mark, now);
                            }
                            fromOthers = true;
                            mark = now;
                        }
                    }
                    if (fromOthers) {
                        report();
                    }
                }
            } catch (SQLException | StoreException e) {
                if (closed()) {
                    return;
                }
                LOG.warn("store: listening for changes failed ({}); trying again in {} ms", e.getMessage(), backoff);
                if (!waitToRetry(backoff)) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } finally {
                connection = null;
            }
        }
    }

    private void report() {
        try {
            changed.run();
        } catch (RuntimeException e) {
            LOG.error("store: reacting to a change failed", e);
        }
    }

    @Override
    public void close() {
        store.notWatching(this);
        closing.countDown();
        // the embedded watch wakes from its wait and closes its connection itself; the listener is woken by this
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing wakes the listener; an error on the way out changes nothing
            }
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits {@code millis} before a retry; false when the watch is closing (or the thread interrupted) meanwhile. */
    private boolean waitToRetry(long millis) {
        try {
            return !closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
