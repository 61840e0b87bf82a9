package org.pravah.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterLock} on PostgreSQL: a session-level advisory lock ({@code pg_try_advisory_lock}) held on a
 * connection of its own. PostgreSQL releases it when that session ends, so a process that dies or loses its
 * connection can never keep the lock from the others.
 */
final class AdvisoryLock implements ClusterLock {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLock.class);

    private final ArticleStore store;
    private final String name;
    private final long key;
    private Connection connection;
    private boolean holding;

    AdvisoryLock(ArticleStore store, String name, long key) {
        this.store = store;
        this.name = name;
        this.key = key;
    }

    @Override
    public synchronized boolean held() {
        try {
            if (connection == null || !connection.isValid(5)) {
                if (holding) {
                    LOG.warn("cluster lock '{}': connection lost; another process may take over", name);
                }
                release();
                connection = store.dedicatedConnection();
            }
            if (!holding) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    lock.setLong(1, key);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        holding = rs.getBoolean(1);
                    }
                }
                if (holding) {
                    LOG.info("cluster lock '{}': this process holds it", name);
                }
            }
            return holding;
        } catch (SQLException e) {
            LOG.warn("cluster lock '{}': {}", name, e.getMessage());
            release();
            return false;
        }
    }

    /** Ending the session releases the advisory lock. */
    private void release() {
        holding = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the session is gone either way, and the lock with it
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        release();
    }
}
