package org.pravah.config;

/** A config that cannot be used. The message names the file, the key path and, where known, line and column. */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
