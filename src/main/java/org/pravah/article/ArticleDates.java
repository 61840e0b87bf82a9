package org.pravah.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads article dates as publishers write them (ISO-8601 with or without an offset) and formats them for feeds. */
public final class ArticleDates {
    /** RFC 822 as RSS 2.0 wants it: numeric offset, English names whatever the machine's locale, 4-digit year. */
    private static final DateTimeFormatter RFC_822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);
    /** RFC 3339: always seconds, and 'Z' or a numeric offset, never a zone name. */
    private static final DateTimeFormatter RFC_3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private ArticleDates() {
    }

    /**
     * Parses {@code 2026-11-27T09:30:00+05:30}, {@code …Z}, a local {@code 2026-11-27T09:30[:00]} or a date
     * {@code 2026-11-27}; the last two are read in {@code zone}, the site's time zone. A space may stand for the
     * {@code T} ({@code 2026-11-27 09:30}), as RFC 3339 allows and as CMS exports and spreadsheets write it.
     */
    public static Instant parse(String raw, ZoneId zone) {
        String written = raw.strip();
        String s = withT(written);
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset: try the local forms below
        }
        try {
            return ZonedDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // no zone id either
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + written + "' is not an ISO-8601 date (e.g. 2026-11-27T09:30:00+05:30)");
        }
    }

    /** {@code 2026-11-27 09:30…} with the date-time separator written as a single space becomes {@code …T09:30…}. */
    private static String withT(String s) {
        boolean spaced = s.length() > 13 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == ' '
                && Character.isDigit(s.charAt(11)) && Character.isDigit(s.charAt(12)) && s.charAt(13) == ':';
        return spaced ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    }

    public static String rfc822(Instant instant, ZoneId zone) {
        return RFC_822.format(instant.atZone(zone));
    }

    public static String rfc3339(Instant instant, ZoneId zone) {
        return RFC_3339.format(instant.atZone(zone));
    }
}
