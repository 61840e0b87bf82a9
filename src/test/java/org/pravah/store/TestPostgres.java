package org.pravah.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.pravah.config.StoreConfig;

/**
 * One real PostgreSQL for the whole test run, started from the binaries Maven Central ships (no Docker, nothing
 * installed). It starts on first use and stops when the JVM exits; every test gets a fresh database in it, so tests
 * stay independent while paying the start-up once.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data folder is temporary
                }
            }, "test-postgres-stop"));
        }
        return server;
    }

    /** A new, empty database; its JDBC URL (user postgres, no password). */
    public static String freshDatabaseUrl() {
        EmbeddedPostgres pg = server();
        String name = "pravah_test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name;
    }

    /** A store config for a fresh database, checking for missed notifications every {@code pollSeconds}. */
    public static StoreConfig freshStore(int pollSeconds) {
        return new StoreConfig(freshDatabaseUrl(), "postgres", "", 4, pollSeconds);
    }
}
