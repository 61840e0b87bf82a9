package org.pravah.config;

import java.util.List;

/** One category as configured: an ASCII slug for URLs, a Hindi label for people, aliases that articles may use. */
public record CategoryConfig(String slug, String label, String description, List<String> aliases,
                             List<CategoryConfig> children) {
    public CategoryConfig {
        aliases = List.copyOf(aliases);
        children = List.copyOf(children);
    }
}
