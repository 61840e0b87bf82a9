package org.pravah.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the article store lives.
 *
 * @param url         a JDBC URL: {@code jdbc:sqlite:…} (the embedded default, a file on this machine) or
 *                    {@code jdbc:postgresql://…} (several processes sharing one database)
 * @param password    from the config or the environment variable {@code PRAVAH_STORE_PASSWORD}; never logged
 * @param pool        the most connections one process keeps open
 * @param pollSeconds how often each process checks the shared database for changes it was not notified of
 *                    (the fallback behind PostgreSQL's LISTEN/NOTIFY)
 */
public record StoreConfig(String url, String user, String password, int pool, int pollSeconds) {
    public static final int DEFAULT_POOL = 8;
    public static final int DEFAULT_POLL_SECONDS = 5;

    public static final String EMBEDDED_PREFIX = "jdbc:sqlite:";
    /** The embedded store's file name in the data folder. */
    public static final String EMBEDDED_FILE = "pravah.db";

    /** The embedded default: a SQLite database file {@code pravah.db} in {@code dataFolder}, no user or password. */
    public static StoreConfig embeddedIn(Path dataFolder) {
        return new StoreConfig(EMBEDDED_PREFIX + dataFolder.toAbsolutePath().normalize().resolve(EMBEDDED_FILE), "", "",
                DEFAULT_POOL, DEFAULT_POLL_SECONDS);
    }

    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The embedded SQLite store's file, if this is one. */
    public Optional<Path> embeddedFile() {
        if (!url.startsWith(EMBEDDED_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(url.substring(EMBEDDED_PREFIX.length()).split("\\?", 2)[0]));
    }

    /** The URL for messages and logs: a password written into it is masked. */
    public String displayUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Without the password: records print every component, and this one ends up in logs. */
    @Override
    public String toString() {
        return "StoreConfig[url=" + displayUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", pool=" + pool + ", pollSeconds=" + pollSeconds + "]";
    }
}
