package org.pravah.config;

import java.util.List;

/**
 * The publish API ({@code /api/articles}).
 *
 * @param tokenSha256  lower-case hex SHA-256 hashes of the accepted bearer tokens (from {@code api.tokenSha256} and
 *                     the environment variable {@code PRAVAH_API_TOKEN}); none: the API is off, never open
 * @param maxBodyBytes the largest request body accepted
 */
public record ApiConfig(List<String> tokenSha256, int maxBodyBytes) {
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final ApiConfig OFF = new ApiConfig(List.of(), DEFAULT_MAX_BODY_BYTES);

    public ApiConfig {
        tokenSha256 = List.copyOf(tokenSha256);
    }

    public boolean enabled() {
        return !tokenSha256.isEmpty();
    }
}
