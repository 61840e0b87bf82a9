package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pravah.article.ArticleException;

/**
 * {@link Utf8#decode} decodes with the fast String constructor first and falls back to the strict decoder only for
 * text that then holds U+FFFD. Every kind of bad UTF-8 must still be refused, and a real U+FFFD still accepted.
 */
class Utf8FastPathTest {
    private static void assertRefusedAt(int offset, byte... bytes) {
        ArticleException e = assertThrows(ArticleException.class, () -> Utf8.decode(bytes, "x.json"));
        assertTrue(e.getMessage().contains("byte offset " + offset), e.getMessage());
    }

    @Test
    void a_replacement_character_written_in_the_file_is_kept() throws Exception {
        String text = "ख़बर \uFFFD अधूरी";
        assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "x.json"));
    }

    @Test
    void overlong_encodings_are_refused() {
        assertRefusedAt(1, (byte) 'a', (byte) 0xC0, (byte) 0xAF);
        assertRefusedAt(0, (byte) 0xE0, (byte) 0x80, (byte) 0xAF);
    }

    @Test
    void code_points_above_the_unicode_range_and_stray_continuation_bytes_are_refused() {
        assertRefusedAt(0, (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80);
        assertRefusedAt(2, (byte) 'a', (byte) 'b', (byte) 0x80);
        assertRefusedAt(0, (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80);
    }

    @Test
    void a_bad_byte_after_a_real_replacement_character_is_still_found() {
        byte[] good = "\uFFFDक".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 1];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xFF;
        assertRefusedAt(good.length, bytes);
    }
}
