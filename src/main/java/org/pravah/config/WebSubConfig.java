package org.pravah.config;

import java.util.List;

/** @param hubs WebSub hubs every feed advertises and that are told when a feed changes; empty: WebSub off */
public record WebSubConfig(List<String> hubs) {
    public static final WebSubConfig OFF = new WebSubConfig(List.of());

    public WebSubConfig {
        hubs = List.copyOf(hubs);
    }
}
