package org.pravah.config;

/**
 * @param watch         react to file-system events in article folders and on the config file within moments
 * @param rescanSeconds full rescan interval, the fallback for file systems whose events are lost (network mounts);
 *                      0 turns it off
 */
public record ReloadConfig(boolean watch, int rescanSeconds) {
    public static final ReloadConfig DEFAULT = new ReloadConfig(true, 30);
}
