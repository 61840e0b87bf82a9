package org.pravah.article;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        Instant quick = quickOffsetDateTime(s);
        if (quick != null) {
            return quick;
        }
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

    /**
     * {@code 2026-11-27T09:30:00+05:30} or {@code …Z}, the form nearly every article is dated in, read without the
     * formatter (a first start reads a million of them); null for any other form or for values out of range, which
     * the formatter then reads or refuses as before.
     */
    private static Instant quickOffsetDateTime(String s) {
        int length = s.length();
        if ((length != 20 && length != 25) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            ZoneOffset offset;
            if (length == 20) {
                if (s.charAt(19) != 'Z') {
                    return null;
                }
                offset = ZoneOffset.UTC;
            } else {
                char sign = s.charAt(19);
                int offsetHours = digits(s, 20, 2);
                int offsetMinutes = digits(s, 23, 2);
                if ((sign != '+' && sign != '-') || s.charAt(22) != ':' || offsetHours < 0 || offsetMinutes < 0) {
                    return null;
                }
                offset = sign == '+' ? ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes)
                        : ZoneOffset.ofHoursMinutes(-offsetHours, -offsetMinutes);
            }
            return Instant.ofEpochSecond(LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(offset));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written with {@code count} ASCII digits at {@code from}; -1 when any is not one. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
