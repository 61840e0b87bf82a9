package org.pravah.article;

import java.util.IllformedLocaleException;
import java.util.Locale;

/** A well-formed BCP 47 language tag in its canonical spelling ({@code hi}, {@code hi-IN}, {@code en}). */
public record LanguageTag(String value) {
    public static final LanguageTag HINDI = new LanguageTag("hi");

    public LanguageTag {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty language tag");
        }
    }

    /**
     * Parses a tag as BCP 47. Java's {@code Locale.toString()} spelling ({@code hi_IN}) is refused with a hint, because
     * feeds that carry it fail validators and readers silently fall back to no language at all.
     */
    public static LanguageTag parse(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty language tag");
        }
        if (s.contains("_")) {
            throw new IllegalArgumentException("'" + s + "' is not a BCP 47 language tag; write '" + s.replace('_', '-') + "'");
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(s).build();
            String canonical = locale.toLanguageTag();
            if (canonical.equals("und")) {
                throw new IllegalArgumentException("'" + s + "' names no language");
            }
            return new LanguageTag(canonical);
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException("'" + s + "' is not a well-formed BCP 47 language tag", e);
        }
    }

    /** The primary language subtag, e.g. {@code hi} for {@code hi-IN}. */
    public String primary() {
        int dash = value.indexOf('-');
        return dash < 0 ? value : value.substring(0, dash);
    }

    @Override
    public String toString() {
        return value;
    }
}
