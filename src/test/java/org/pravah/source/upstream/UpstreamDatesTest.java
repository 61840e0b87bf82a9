package org.pravah.source.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamDatesTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void ist_in_an_rfc_822_date_is_india_standard_time_not_israel() {
        assertEquals(Optional.of(Instant.parse("2026-11-27T04:00:00Z")),
                UpstreamDates.parse("Fri, 27 Nov 2026 09:30:00 IST", ZoneId.of("UTC")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Fri, 27 Nov 2026 09:30:00 +0530        | 2026-11-27T04:00:00Z",
            "Fri, 27 Nov 2026 09:30:00 +05:30       | 2026-11-27T04:00:00Z",
            "27 Nov 2026 04:00:00 GMT               | 2026-11-27T04:00:00Z",
            "Fri, 27 Nov 26 09:30 IST               | 2026-11-27T04:00:00Z",
            "Fri, 7 Nov 2026 09:30:00 GMT+5:30      | 2026-11-07T04:00:00Z",
            "Thu, 27 Nov 2026 09:30:00 IST          | 2026-11-27T04:00:00Z",
            "FRI, 27 NOV 2026 09:30:00 ist          | 2026-11-27T04:00:00Z",
            "Fri, 27 November 2026 09:30:00 EST     | 2026-11-27T14:30:00Z",
            "Fri, 27 Nov 2026 09:30:00              | 2026-11-27T04:00:00Z",
            "2026-11-27T09:30:00+05:30              | 2026-11-27T04:00:00Z",
            "2026-11-27T04:00:00Z                   | 2026-11-27T04:00:00Z",
            "2026-11-27T04:00:00.123Z               | 2026-11-27T04:00:00.123Z",
            "2026-11-27 09:30:00 +0530              | 2026-11-27T04:00:00Z",
            "2026-11-27T09:30:00 IST                | 2026-11-27T04:00:00Z",
            "2026-11-27T09:30:00                    | 2026-11-27T04:00:00Z",
            "2026-11-27                             | 2026-11-26T18:30:00Z",
    })
    void common_upstream_spellings_name_the_right_instant(String raw, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), UpstreamDates.parse(raw, KOLKATA), raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"कल सुबह", "yesterday", "31 Feb 2026 10:00:00 GMT", "Fri, 27 Nov 2026 09:30:00 XYZT",
            "Fri, 27 Foo 2026 09:30:00 GMT", "2026-13-01T00:00:00Z", "Fri, 27 Nov 2026 25:30:00 GMT", ""})
    void unreadable_dates_are_empty_rather_than_guessed(String raw) {
        assertTrue(UpstreamDates.parse(raw, KOLKATA).isEmpty(), raw);
    }
}
