package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLogTest {
    @Test
    void a_request_is_one_line_of_key_value_pairs() {
        assertEquals("method=GET path=\"/feeds/all.rss\" query=\"page=2\" status=200 bytes=62762 ms=3.5"
                        + " ua=\"NetNewsWire (RSS Reader)\"",
                AccessLog.line("GET", "/feeds/all.rss", "page=2", 200, 62762, 3.46, "NetNewsWire (RSS Reader)"));
    }

    @Test
    void no_query_no_query_key_and_no_user_agent_an_empty_one() {
        assertEquals("method=HEAD path=\"/\" status=304 bytes=0 ms=0.0 ua=\"\"",
                AccessLog.line("HEAD", "/", null, 304, 0, 0.01, null));
    }

    @Test
    void quotes_backslashes_and_line_breaks_from_a_client_are_escaped_so_it_cannot_forge_a_line() {
        assertEquals("\"a\\\"b\\\\c\\u000d\\u000ainjected\\u2028\"", AccessLog.quote("a\"b\\c\r\ninjected\u2028"));
        assertEquals("\"पुस्तक\"", AccessLog.quote("पुस्तक"));
    }
}
