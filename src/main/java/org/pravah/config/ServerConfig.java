package org.pravah.config;

/**
 * @param port                  0 lets the system pick a free port (tests)
 * @param requestHeadersSeconds how long a connection may take to send a request's headers, from its opening or from
 *                              the first byte after the previous request; a client dripping them is cut off
 * @param connectionsPerAddress the most connections one remote address may hold open at once; 0: no limit
 */
public record ServerConfig(int port, int requestHeadersSeconds, int connectionsPerAddress) {
    public static final int DEFAULT_REQUEST_HEADERS_SECONDS = 15;
    /**
     * Generous: many readers can share one address behind a carrier-grade NAT, and a browser keeps about six
     * connections per site. A reverse proxy in front makes every connection come from its address: raise it or use 0.
     */
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 256;

    public ServerConfig(int port) {
        this(port, DEFAULT_REQUEST_HEADERS_SECONDS, DEFAULT_CONNECTIONS_PER_ADDRESS);
    }

    public ServerConfig withPort(int other) {
        return new ServerConfig(other, requestHeadersSeconds, connectionsPerAddress);
    }
}
