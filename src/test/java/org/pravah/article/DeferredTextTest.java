package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeferredTextTest {
    /** Nukta, conjuncts with virama, ZWJ and ZWNJ, a nasal mark, and a character outside the BMP. */
    private static final String HINDI = "क़ानून व्यवस्था: क्\u200Dष और क्\u200Cष, चाँद 🌙";

    /** {@code text} as UTF-16LE, between other bytes, as it sits in a cache file. */
    private static byte[] storedAmidOthers(String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] file = new byte[utf16.length + 7];
        Arrays.fill(file, (byte) 0x5A);
        System.arraycopy(utf16, 0, file, 3, utf16.length);
        return file;
    }

    private static DeferredText stored(String text) {
        return DeferredText.utf16le(storedAmidOthers(text), 3, text.length() * 2);
    }

    @Test
    void a_stored_text_reads_back_as_the_hindi_it_was_stored_from_every_mark_kept() {
        assertEquals(HINDI, stored(HINDI).value());
        assertEquals(HINDI, stored(HINDI).toString());
    }

    @Test
    void a_stored_text_equals_the_same_text_made_from_a_string_either_way_round() {
        DeferredText fromBytes = stored(HINDI);
        DeferredText fromString = DeferredText.of(HINDI);
        assertEquals(fromString, fromBytes);
        assertEquals(fromBytes, fromString);
        assertEquals(fromString.hashCode(), fromBytes.hashCode());
        assertEquals(stored(HINDI), stored(HINDI));
    }

    @Test
    void texts_that_differ_in_one_mark_are_not_equal() {
        assertNotEquals(stored("क्\u200Dष"), stored("क्\u200Cष"));
        assertNotEquals(DeferredText.of("क्\u200Dष"), stored("क्\u200Cष"));
    }

    @Test
    void writing_a_stored_text_gives_back_exactly_the_bytes_it_was_stored_as() throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        stored(HINDI).writeUtf16le(stored);
        ByteArrayOutputStream made = new ByteArrayOutputStream();
        DeferredText.of(HINDI).writeUtf16le(made);
        assertArrayEquals(HINDI.getBytes(StandardCharsets.UTF_16LE), stored.toByteArray());
        assertArrayEquals(stored.toByteArray(), made.toByteArray());
    }

    @Test
    void an_empty_range_is_the_empty_text() {
        DeferredText empty = DeferredText.utf16le(new byte[4], 2, 0);
        assertTrue(empty.isEmpty());
        assertEquals("", empty.value());
        assertEquals(DeferredText.of(""), empty);
    }

    @Test
    void half_a_character_or_a_range_outside_the_bytes_is_refused() {
        byte[] bytes = storedAmidOthers(HINDI);
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> DeferredText.utf16le(bytes, 3, 5));
        assertTrue(odd.getMessage().contains("odd number of bytes"), odd.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> DeferredText.utf16le(bytes, bytes.length - 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> DeferredText.utf16le(bytes, -2, 4));
    }
}
