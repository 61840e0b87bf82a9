package org.pravah.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Who reads us ({@code /stats}).
 *
 * @param enabled    count polls at all ({@code stats.enabled}, default true)
 * @param publicPage {@code /stats} answers without the API token even when one is configured ({@code stats.public})
 * @param dataDir    where the days are kept without a PostgreSQL store ({@code <dataDir>/stats}); empty: in memory
 */
public record StatsConfig(boolean enabled, boolean publicPage, Optional<Path> dataDir) {
    /** Counting, protected by the token if there is one, kept in memory only (configs built in code). */
    public static final StatsConfig IN_MEMORY = new StatsConfig(true, false, Optional.empty());
}
