package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeedQueryTest {
    @Test
    void a_query_whose_q_or_tag_holds_a_control_character_or_noncharacter_cannot_be_made() {
        for (String bad : List.of("\u0000", "मेला\u000B", "\u001B[31m", "\u0085", "\uFDD0", "\uFFFE", "\uFFFF",
                "\uDBFF\uDFFF", "\uD800")) {
            IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
                    () -> FeedQuery.parse(null, null, bad, null));
            assertEquals("q may not contain control characters or noncharacters", q.getMessage());
            IllegalArgumentException tag = assertThrows(IllegalArgumentException.class,
                    () -> FeedQuery.parse(null, null, null, bad));
            assertEquals("tag may not contain control characters or noncharacters", tag.getMessage());
        }
    }

    @Test
    void joiners_and_nukta_that_devanagari_needs_are_kept() {
        // क्‍ष with ZWJ and र्‌ with ZWNJ select other conjunct forms; ज़ is ज with a nukta
        FeedQuery query = FeedQuery.parse(null, null, "क्\u200Dष र्\u200C ज\u093C", "\u200Cटैग");
        assertEquals("क्\u200Dष र्\u200C ज\u093C", query.text());
        assertEquals("\u200Cटैग", query.tag());
    }
}
