package org.pravah.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of one config file as the loader reads them: each value checked for its type and range, and every error
 * naming the file, the key path and, where the YAML parser saw it, the line and column.
 */
final class ConfigKeys {
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,12})\\s*(KB|MB|B|)", Pattern.CASE_INSENSITIVE);

    private final String fileName;
    private final YamlTree tree;

    ConfigKeys(String fileName, YamlTree tree) {
        this.fileName = fileName;
        this.tree = tree;
    }

    JsonNode root() {
        return tree.root;
    }

    boolean bool(JsonNode node, String path, String key, boolean fallback) throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(path + "." + key, "expected true or false, found '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    /** A size in bytes: a whole number, or text with a unit, {@code 512 KB} or {@code 5 MB} (1024-based). */
    long byteSize(JsonNode node, String path, String key, long fallback, long min, long max)
            throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        String at = path + "." + key;
        long bytes = -1;
        if (value.isIntegralNumber()) {
            bytes = value.asLong();
        } else if (value.isTextual()) {
            Matcher m = BYTE_SIZE.matcher(value.asText().strip());
            if (m.matches()) {
                long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                    case "KB" -> 1024L;
                    case "MB" -> 1024L * 1024;
                    default -> 1L;
                };
                bytes = Long.parseLong(m.group(1)) * unit;
            }
        }
        if (bytes < min || bytes > max) {
            throw error(at, "expected a size from " + min + " bytes to " + (max >> 20) + " MB (e.g. 5 MB or 524288), found '"
                    + value.asText() + "'");
        }
        return bytes;
    }

    JsonNode required(JsonNode node, String path, String key) throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            String full = path.isEmpty() ? key : path + "." + key;
            throw new ConfigException(fileName + ": " + full + ": missing required key" + tree.placeOf(path));
        }
        return value;
    }

    String text(JsonNode node, String path) throws ConfigException {
        if (!node.isValueNode() || node.isNull()) {
            throw error(path, "expected text");
        }
        return node.asText();
    }

    String optionalText(JsonNode node, String path, String key, String fallback) throws ConfigException {
        JsonNode value = node.path(key);
        return value.isMissingNode() || value.isNull() ? fallback : text(value, path + "." + key);
    }

    int integer(JsonNode node, String path, String key, int fallback, int min, int max) throws ConfigException {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        String at = path + "." + key;
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw error(at, "expected a whole number from " + min + " to " + max + ", found '" + value.asText() + "'");
        }
        return value.asInt();
    }

    void requireObject(JsonNode node, String path) throws ConfigException {
        if (!node.isObject()) {
            throw error(path, "expected a mapping of keys");
        }
    }

    void allowKeys(JsonNode node, String path, Set<String> allowed) throws ConfigException {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                String full = path.isEmpty() ? key : path + "." + key;
                throw error(full, "unknown key (allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    ConfigException error(String path, String message) {
        return new ConfigException(fileName + ": " + path + ": " + message + tree.placeOf(path));
    }
}
