package org.pravah.source.upstream;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates upstream feeds actually write: RFC 822 in its many spellings (RSS), RFC 3339 / ISO 8601 (Atom,
 * JSON Feed, Dublin Core), with or without seconds, weekday or offset.
 *
 * <p>Zone abbreviations are read by this table and never by {@code java.time}'s, because Indian feeds write
 * {@code IST} for India Standard Time (+05:30) and Java's short zone ids read it as Israel or Irish time. Only names
 * with one reading in practice are listed; any other name makes the date unreadable rather than wrong. A weekday that
 * does not match the date is ignored (a common slip), the date is what counts.
 */
public final class UpstreamDates {
    private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(
            Map.entry("UT", ZoneOffset.UTC), Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC),
            Map.entry("IST", ZoneOffset.ofHoursMinutes(5, 30)),
            Map.entry("NPT", ZoneOffset.ofHoursMinutes(5, 45)),
            Map.entry("PKT", ZoneOffset.ofHours(5)),
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("WET", ZoneOffset.UTC), Map.entry("WEST", ZoneOffset.ofHours(1)),
            Map.entry("CET", ZoneOffset.ofHours(1)), Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("EET", ZoneOffset.ofHours(2)), Map.entry("EEST", ZoneOffset.ofHours(3)),
            Map.entry("MSK", ZoneOffset.ofHours(3)),
            Map.entry("SGT", ZoneOffset.ofHours(8)), Map.entry("HKT", ZoneOffset.ofHours(8)),
            Map.entry("JST", ZoneOffset.ofHours(9)));
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    /** [weekday,] day month year hour:minute[:second[.fraction]] [zone] */
    private static final Pattern RFC_822 = Pattern.compile(
            "(?:[A-Za-z]{2,9}\\.?,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3,9})\\.?[\\s-]+(\\d{2}|\\d{4}),?\\s+"
                    + "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*(.*)");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("([+-])(\\d{1,2}):?(\\d{2})?");
    private static final Pattern TRAILING_ZONE_NAME = Pattern.compile("(.*\\d)\\s*([A-Za-z]{1,5})");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("(.*[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)\\s*([+-])(\\d{2})(\\d{2})");

    private UpstreamDates() {
    }

    /**
     * The instant {@code raw} names, or empty if it cannot be read. Dates without any zone are read in {@code zone}
     * (the site's), like dates in local article files.
     */
    public static Optional<Instant> parse(String raw, ZoneId zone) {
        String s = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            Matcher rfc = RFC_822.matcher(s);
            if (rfc.matches()) {
                return rfc822(rfc, zone);
            }
            return iso(s, zone);
        } catch (DateTimeException e) {
            // out of range: 31 February, hour 25
            return Optional.empty();
        }
    }

    private static Optional<Instant> rfc822(Matcher m, ZoneId zone) {
        String monthName = m.group(2).toLowerCase(Locale.ROOT);
        int month = MONTHS.indexOf(monthName.substring(0, 3)) + 1;
        if (month == 0) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += year < 50 ? 2000 : 1900;
        }
        LocalDateTime local = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        String zoneText = m.group(7).strip();
        if (zoneText.isEmpty()) {
            return Optional.of(local.atZone(zone).toInstant());
        }
        return offset(zoneText).map(o -> local.toInstant(o));
    }

    /** {@code +0530}, {@code +05:30}, {@code IST}, {@code GMT+5:30}, {@code UTC}. */
    private static Optional<ZoneOffset> offset(String text) {
        String t = text.strip();
        String upper = t.toUpperCase(Locale.ROOT);
        for (String prefix : new String[] {"GMT", "UTC", "UT"}) {
            if (upper.startsWith(prefix) && upper.length() > prefix.length()
                    && (upper.charAt(prefix.length()) == '+' || upper.charAt(prefix.length()) == '-')) {
                t = t.substring(prefix.length());
                upper = upper.substring(prefix.length());
                break;
            }
        }
        ZoneOffset named = ZONES.get(upper);
        if (named != null) {
            return Optional.of(named);
        }
        Matcher m = NUMERIC_OFFSET.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int sign = m.group(1).equals("-") ? -1 : 1;
        return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
    }

    private static Optional<Instant> iso(String raw, ZoneId zone) {
        String s = raw;
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + "T" + s.substring(11);
        }
        Matcher compact = COMPACT_OFFSET.matcher(s);
        if (compact.matches()) {
            s = compact.group(1) + compact.group(2) + compact.group(3) + ":" + compact.group(4);
        }
        Matcher named = TRAILING_ZONE_NAME.matcher(s);
        if (named.matches() && !named.group(2).equals("Z")) {
            Optional<ZoneOffset> offset = offset(named.group(2));
            if (offset.isEmpty()) {
                return Optional.empty();
            }
            s = named.group(1) + offset.get().getId().replace("Z", "+00:00");
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException ignored) {
            // no offset: try the forms below
        }
        try {
            return Optional.of(ZonedDateTime.parse(s).toInstant());
        } catch (DateTimeParseException ignored) {
            // no zone id either
        }
        try {
            return Optional.of(LocalDateTime.parse(s).atZone(zone).toInstant());
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
