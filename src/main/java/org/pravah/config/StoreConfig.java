package org.pravah.config;

import java.nio.file.Path;

/**
 * Where the article store lives.
 *
 * @param url         a JDBC URL: {@code jdbc:h2:file:…} (the embedded default, one process) or
 *                    {@code jdbc:postgresql://…} (several processes sharing one database)
 * @param password    from the config or the environment variable {@code PRAVAH_STORE_PASSWORD}; never logged
 * @param pool        the most connections one process keeps open
 * @param pollSeconds how often each process checks the shared database for changes it was not notified of
 *                    (the fallback behind PostgreSQL's LISTEN/NOTIFY)
 */
public record StoreConfig(String url, String user, String password, int pool, int pollSeconds) {
    public static final int DEFAULT_POOL = 8;
    public static final int DEFAULT_POLL_SECONDS = 5;

    /** The embedded default: an H2 database file {@code pravah.mv.db} in {@code dataFolder}, no user or password. */
    public static StoreConfig embeddedIn(Path dataFolder) {
        return new StoreConfig("jdbc:h2:file:" + dataFolder.toAbsolutePath().normalize().resolve("pravah"), "", "",
                DEFAULT_POOL, DEFAULT_POLL_SECONDS);
    }

    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
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
