package org.pravah.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears about writes that other processes made to a shared (PostgreSQL) store, so that every process serves them
 * within moments: {@code LISTEN} on a connection of its own, woken by the {@code NOTIFY} that each write sends at
 * commit. Notifications are lost while the connection is down, so after every (re)connect it reports a change, and
 * every {@code store.pollSeconds} it compares the store's change mark as a fallback.
 *
 * <p>Runs on one daemon thread. The embedded store has no other processes: there is nothing to listen to, and no
 * thread is started.
 */
public final class StoreChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreChanges.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final ArticleStore store;
    private final Runnable changed;
    private final long pollMillis;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Connection connection;

    StoreChanges(ArticleStore store, Runnable changed) {
        this.store = store;
        this.changed = changed;
        this.pollMillis = store.config().pollSeconds() * 1000L;
        if (store.shared()) {
            thread = new Thread(this::run, "pravah-store-listen");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
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
                try {
                    if (closing.await(backoff, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
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
        closing.countDown();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing wakes the listener; an error on the way out changes nothing
            }
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
