package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 9110 §13: when is a client's cached copy current (304) and when must it get the body again (200)? */
class ConditionalGetTest {
    private static final String ETAG = "\"Xtf14X-tloHoqhhi9-E4NA_Z_ep\"";
    /** Sat, 21 Nov 2026 02:30:00 GMT, i.e. 08:00 in India. */
    private static final Instant LAST_MODIFIED = Instant.parse("2026-11-21T02:30:00Z");
    private static final String LAST_MODIFIED_HTTP = "Sat, 21 Nov 2026 02:30:00 GMT";

    private static boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        return ConditionalGet.notModified(ifNoneMatch, ifModifiedSince, ETAG, LAST_MODIFIED);
    }

    @Test
    void request_without_validators_gets_the_full_body() {
        assertFalse(notModified(null, null));
    }

    @Test
    void if_none_match_with_our_single_tag_is_not_modified() {
        assertTrue(notModified(ETAG, null));
    }

    @Test
    void if_none_match_list_containing_our_tag_is_not_modified() {
        assertTrue(notModified("\"old-1\", " + ETAG + " ,\"old-2\"", null));
    }

    @Test
    void weak_tag_with_our_opaque_part_matches_because_get_compares_weakly() {
        assertTrue(notModified("W/" + ETAG, null));
    }

    @Test
    void weak_tag_inside_a_list_matches() {
        assertTrue(notModified("\"old-1\", W/" + ETAG, null));
    }

    @Test
    void star_matches_any_current_representation() {
        assertTrue(notModified("*", null));
    }

    @Test
    void stale_tag_gets_the_full_body() {
        assertFalse(notModified("\"an-older-version-of-the-feed\"", null));
    }

    @Test
    void stale_weak_tag_gets_the_full_body() {
        assertFalse(notModified("W/\"an-older-version-of-the-feed\"", null));
    }

    @Test
    void tag_that_only_starts_like_ours_does_not_match() {
        assertFalse(notModified(ETAG.substring(0, ETAG.length() - 2) + "\"", null));
    }

    @Test
    void if_modified_since_equal_to_last_modified_is_not_modified() {
        assertTrue(notModified(null, LAST_MODIFIED_HTTP));
    }

    @Test
    void if_modified_since_older_than_last_modified_gets_the_full_body() {
        assertFalse(notModified(null, "Sat, 21 Nov 2026 02:29:59 GMT"));
    }

    @Test
    void if_modified_since_newer_than_last_modified_is_not_modified() {
        assertTrue(notModified(null, "Sun, 22 Nov 2026 10:00:00 GMT"));
    }

    @Test
    void if_modified_since_compares_whole_seconds_because_http_dates_have_no_fraction() {
        Instant withMillis = LAST_MODIFIED.plusMillis(750);
        assertTrue(ConditionalGet.notModified(null, LAST_MODIFIED_HTTP, ETAG, withMillis));
    }

    @Test
    void unparseable_if_modified_since_is_ignored_and_the_full_body_sent() {
        assertFalse(notModified(null, "कल शाम"));
    }

    @Test
    void if_modified_since_in_iso_form_is_not_an_http_date_and_is_ignored() {
        assertFalse(notModified(null, "2026-11-22T10:00:00Z"));
    }

    @Test
    void matching_if_none_match_wins_over_an_if_modified_since_that_says_modified() {
        assertTrue(notModified(ETAG, "Sat, 21 Nov 2026 02:00:00 GMT"));
    }

    @Test
    void stale_if_none_match_wins_over_an_if_modified_since_that_says_not_modified() {
        assertFalse(notModified("\"an-older-version-of-the-feed\"", "Sun, 22 Nov 2026 10:00:00 GMT"));
    }

    /** RFC 9110 §5.6.7: "A recipient that parses a timestamp value in an HTTP field MUST accept all three formats". */
    @Test
    void if_modified_since_in_obsolete_rfc850_form_is_honoured() {
        assertTrue(notModified(null, "Saturday, 21-Nov-26 02:30:00 GMT"));
    }

    /** asctime pads a one-digit day with a space: {@code Nov  6}. */
    @Test
    void if_modified_since_in_asctime_form_with_one_digit_day_is_honoured() {
        Instant nov6 = Instant.parse("2026-11-06T08:49:37Z");
        assertTrue(ConditionalGet.notModified(null, "Fri Nov  6 08:49:37 2026", ETAG, nov6));
    }

    /** RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the past year with the same last two digits. */
    @Test
    void rfc850_date_with_two_digit_year_94_means_1994_so_content_from_2026_is_modified() {
        assertFalse(notModified(null, "Sunday, 06-Nov-94 08:49:37 GMT"));
    }

    @Test
    void last_modified_is_written_as_imf_fixdate_in_english_and_gmt_whatever_the_locale() {
        assertEquals(LAST_MODIFIED_HTTP, ConditionalGet.httpDate(LAST_MODIFIED));
    }
}
