package org.pravah.http;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** RFC 9110 conditional GET, pure: given the request's validators and the representation's, is it unchanged? */
public final class ConditionalGet {
    /** IMF-fixdate, the only form a server may send (RFC 9110 §5.6.7); always GMT and English names. */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ConditionalGet() {
    }

    /**
     * True when the client's copy is current and a 304 is the answer. {@code If-None-Match} wins over
     * {@code If-Modified-Since} when both are sent (RFC 9110 §13.2.2); tags compare weakly, as GET requires.
     */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            return matchesAny(ifNoneMatch, etag);
        }
        if (ifModifiedSince != null && !ifModifiedSince.isBlank()) {
            Instant since = parseHttpDate(ifModifiedSince);
            return since != null && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        }
        return false;
    }

    static boolean matchesAny(String ifNoneMatch, String etag) {
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    /** The quoted part of an entity tag without its weakness indicator: {@code W/"x"} and {@code "x"} compare equal. */
    private static String opaque(String tag) {
        String t = tag.strip();
        return t.startsWith("W/") ? t.substring(2) : t;
    }

    public static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /** RFC 850 dates carry a two-digit year: read it within 49 years back and 50 ahead (RFC 9110 §5.6.7). */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, Year.now(ZoneOffset.UTC).getValue() - 49)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** asctime: {@code Sun Nov  6 08:49:37 1994}, day padded with a space (runs of spaces are folded first). */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * Parses the three forms a server must accept (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and
     * asctime forms old clients still send; null if unreadable (the condition is then ignored).
     */
    static Instant parseHttpDate(String value) {
        String s = value.strip();
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the obsolete forms below
        }
        try {
            return ZonedDateTime.parse(s, RFC_850).toInstant();
        } catch (DateTimeParseException ignored) {
            // not RFC 850
        }
        try {
            return ZonedDateTime.parse(s.replaceAll(" +", " "), ASCTIME).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
