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

    @Test
    void decoding_into_a_buffer_gives_the_decoded_text_or_refuses_exactly_what_decode_refuses() {
        byte[] sample = "\uFEFFख़बर: Café ₹ 40 🎉 \uFFFD\uFFFE अंत".getBytes(StandardCharsets.UTF_8);
        java.util.Random random = new java.util.Random(8);
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = java.util.Arrays.copyOf(sample, random.nextInt(sample.length + 1));
            for (int k = random.nextInt(3); k > 0 && bytes.length > 0; k--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            char[] out = new char[bytes.length];
            int length = Utf8.decodeInto(bytes, out);
            String decoded;
            try {
                decoded = Utf8.decode(bytes, "x.json");
            } catch (ArticleException e) {
                assertEquals(-1, length, e.getMessage());
                continue;
            }
            String text = new String(out, 0, Math.max(length, 0));
            assertEquals(decoded, text.startsWith("\uFEFF") ? text.substring(1) : text);
        }
    }
}
