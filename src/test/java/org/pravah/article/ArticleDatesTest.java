package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleDatesTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    // ---- parse -----------------------------------------------------------------------------------------------------

    @Test
    void date_time_with_plus_five_thirty_offset_is_that_instant() {
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), ArticleDates.parse("2026-11-27T09:30:00+05:30", KOLKATA));
    }

    @Test
    void date_time_with_z_is_utc_whatever_the_site_zone() {
        assertEquals(Instant.parse("2026-11-27T09:30:00Z"), ArticleDates.parse("2026-11-27T09:30:00Z", KOLKATA));
    }

    @Test
    void local_date_time_is_read_in_the_site_zone_not_the_machine_zone() {
        // the tests run with America/New_York as the default zone; the site says Asia/Kolkata
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), ArticleDates.parse("2026-11-27T09:30:00", KOLKATA));
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), ArticleDates.parse("2026-11-27T09:30", KOLKATA));
    }

    @Test
    void plain_date_is_midnight_in_the_site_zone() {
        assertEquals(Instant.parse("2026-11-26T18:30:00Z"), ArticleDates.parse("2026-11-27", KOLKATA));
    }

    @Test
    void date_time_with_a_zone_id_in_brackets_is_read() {
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"),
                ArticleDates.parse("2026-11-27T09:30:00+05:30[Asia/Kolkata]", ZoneOffset.UTC));
    }

    @Test
    void a_space_instead_of_the_t_is_read_as_cms_exports_write_it() {
        assertEquals(Instant.parse("2026-11-29T12:10:00Z"), ArticleDates.parse("2026-11-29 17:40", KOLKATA));
        assertEquals(Instant.parse("2026-11-29T12:10:00Z"), ArticleDates.parse("2026-11-29 17:40:00", KOLKATA));
        assertEquals(Instant.parse("2026-11-29T12:10:00Z"), ArticleDates.parse("2026-11-29 17:40:00+05:30", KOLKATA));
        assertEquals(Instant.parse("2026-11-29T17:40:00Z"), ArticleDates.parse("2026-11-29 17:40Z", KOLKATA));
    }

    @Test
    void surrounding_white_space_is_ignored() {
        assertEquals(Instant.parse("2026-11-27T04:00:00Z"), ArticleDates.parse("  2026-11-27T09:30:00+05:30\n", KOLKATA));
    }

    @Test
    void text_that_is_not_an_iso_date_is_refused_with_an_example_of_the_right_form() {
        for (String raw : List.of("27/11/2026", "Fri, 27 Nov 2026 09:30:00 +0530", "कल", "2026-13-01",
                "2026-11-29 25:40")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ArticleDates.parse(raw, KOLKATA));
            assertTrue(e.getMessage().contains(raw), e.getMessage());
            assertTrue(e.getMessage().contains("2026-11-27T09:30:00+05:30"), e.getMessage());
        }
    }

    // ---- RFC 822 (RSS) ---------------------------------------------------------------------------------------------

    @Test
    void rfc822_in_kolkata_uses_english_names_and_a_numeric_offset_despite_a_turkish_default_locale() {
        Instant instant = Instant.parse("2026-11-27T04:00:00Z");
        String formatted = ArticleDates.rfc822(instant, KOLKATA);
        assertEquals("Fri, 27 Nov 2026 09:30:00 +0530", formatted);
        assertFalse(formatted.contains("IST"));
    }

    @Test
    void rfc822_pads_the_day_and_changes_the_date_when_kolkata_is_already_tomorrow() {
        assertEquals("Tue, 01 Dec 2026 05:00:00 +0530",
                ArticleDates.rfc822(Instant.parse("2026-11-30T23:30:00Z"), KOLKATA));
    }

    @Test
    void rfc822_in_utc_ends_in_plus_zero_zero_zero_zero() {
        assertEquals("Fri, 27 Nov 2026 04:00:00 +0000",
                ArticleDates.rfc822(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void rfc822_names_every_month_and_weekday_in_english() {
        List<String> months = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
        for (int m = 1; m <= 12; m++) {
            Instant instant = LocalDateTime.of(2026, m, 15, 12, 0).atZone(KOLKATA).toInstant();
            String formatted = ArticleDates.rfc822(instant, KOLKATA);
            assertTrue(formatted.contains(" 15 " + months.get(m - 1) + " 2026 12:00:00 +0530"), formatted);
        }
        // 2026-11-23 is a Monday
        List<String> days = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
        for (int d = 0; d < 7; d++) {
            Instant instant = LocalDateTime.of(2026, 11, 23 + d, 12, 0).atZone(KOLKATA).toInstant();
            String formatted = ArticleDates.rfc822(instant, KOLKATA);
            assertTrue(formatted.startsWith(days.get(d) + ", "), formatted);
        }
    }

    // ---- RFC 3339 (Atom) -------------------------------------------------------------------------------------------

    @Test
    void rfc3339_in_kolkata_has_a_numeric_offset() {
        assertEquals("2026-11-27T09:30:00+05:30", ArticleDates.rfc3339(Instant.parse("2026-11-27T04:00:00Z"), KOLKATA));
    }

    @Test
    void rfc3339_in_utc_ends_in_z() {
        assertEquals("2026-11-27T04:00:00Z", ArticleDates.rfc3339(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC));
        assertEquals("2026-11-27T04:00:00Z", ArticleDates.rfc3339(Instant.parse("2026-11-27T04:00:00Z"), ZoneId.of("UTC")));
    }

    @Test
    void rfc3339_always_writes_seconds_and_drops_fractions() {
        assertEquals("2026-11-27T00:00:00Z", ArticleDates.rfc3339(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC));
        assertEquals("2026-11-27T05:30:00+05:30",
                ArticleDates.rfc3339(Instant.parse("2026-11-27T00:00:00.789Z"), KOLKATA));
    }

    @Test
    void a_parsed_date_formats_back_to_what_the_publisher_wrote() {
        String written = "2026-11-27T09:30:00+05:30";
        assertEquals(written, ArticleDates.rfc3339(ArticleDates.parse(written, KOLKATA), KOLKATA));
    }
}
