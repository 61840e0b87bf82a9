package org.pravah.stats;

import org.pravah.stats.ClientRecognition.Kind;
import org.pravah.stats.ClientRecognition.Recognised;

/**
 * How a poller's client is written in the counts: the data file's name, {@code ?Name} for an aggregator the file does
 * not know (its product token), {@code ""} for an unnamed reader. Only such labels are kept, never a User-Agent.
 */
public final class Clients {
    static final String UNKNOWN_PREFIX = "?";

    private Clients() {
    }

    static String label(Recognised r) {
        return r.kind() == Kind.UNKNOWN_AGGREGATOR ? UNKNOWN_PREFIX + r.name() : r.name();
    }

    /** True for a label of an aggregator the data file does not name. */
    public static boolean unknown(String label) {
        return label.startsWith(UNKNOWN_PREFIX);
    }

    /** The name to show: the data file's name, the unknown aggregator's product token, or "" for an unnamed reader. */
    public static String name(String label) {
        return unknown(label) ? label.substring(UNKNOWN_PREFIX.length()) : label;
    }
}
