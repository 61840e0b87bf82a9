package org.pravah.config;

public record FeedsConfig(int itemsPerFeed) {
}
