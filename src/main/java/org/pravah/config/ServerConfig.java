package org.pravah.config;

/** @param port 0 lets the system pick a free port (tests) */
public record ServerConfig(int port) {
}
