package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArticleTextsTest {
    /** Nukta, conjuncts with virama, ZWJ and ZWNJ, a nasal mark, and a character outside the BMP. */
    private static final String TITLE = "क़ानून व्यवस्था: क्\u200Dष और क्\u200Cष, चाँद 🌙";
    private static final String SUMMARY = "सार में अनुस्वार, विसर्ग: दुःख, और ॐ";
    private static final String BODY = "<p>पहला अनुच्छेद।</p><p>दूसरा &amp; अंतिम।</p>";
    private static final String ORIGIN = "articles/2026/11/क़ानून.json";

    /** The four texts as UTF-16LE one after the other, between other bytes, as they sit in a cache file. */
    private static byte[] storedAmidOthers(String... texts) {
        byte[] utf16 = String.join("", texts).getBytes(StandardCharsets.UTF_16LE);
        byte[] file = new byte[utf16.length + 7];
        Arrays.fill(file, (byte) 0x5A);
        System.arraycopy(utf16, 0, file, 3, utf16.length);
        return file;
    }

    private static ArticleTexts stored(String title, String summary, String body, String origin) {
        return ArticleTexts.utf16le(storedAmidOthers(title, summary, body, origin), 3, title.length() * 2,
                summary.length() * 2, body.length() * 2, origin.length() * 2);
    }

    private static ArticleTexts stored() {
        return stored(TITLE, SUMMARY, BODY, ORIGIN);
    }

    @Test
    void stored_texts_read_back_as_the_hindi_they_were_stored_from_every_mark_kept() {
        ArticleTexts texts = stored();
        assertEquals(TITLE, texts.title());
        assertEquals(SUMMARY, texts.summary());
        assertEquals(BODY, texts.contentHtml());
        assertEquals(ORIGIN, texts.origin());
    }

    @Test
    void stored_texts_equal_the_same_texts_made_from_strings_either_way_round() {
        ArticleTexts fromBytes = stored();
        ArticleTexts fromStrings = ArticleTexts.of(TITLE, SUMMARY, BODY, ORIGIN);
        assertEquals(fromStrings, fromBytes);
        assertEquals(fromBytes, fromStrings);
        assertEquals(fromStrings.hashCode(), fromBytes.hashCode());
        assertEquals(stored(), stored());
    }

    @Test
    void texts_that_differ_in_one_mark_are_not_equal() {
        assertNotEquals(stored("क्\u200Dष", "", "", ""), stored("क्\u200Cष", "", "", ""));
        assertNotEquals(ArticleTexts.of("क्\u200Dष", "", "", ""), stored("क्\u200Cष", "", "", ""));
    }

    @Test
    void the_same_characters_split_otherwise_between_title_and_summary_are_other_texts() {
        assertNotEquals(stored("चाँद", "तारे", "", ""), stored("चाँदता", "रे", "", ""));
        assertNotEquals(ArticleTexts.of("चाँद", "तारे", "", ""), stored("चाँदता", "रे", "", ""));
    }

    @Test
    void writing_stored_texts_gives_back_exactly_the_bytes_they_were_stored_as() throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        stored().writeUtf16le(stored);
        ByteArrayOutputStream made = new ByteArrayOutputStream();
        ArticleTexts.of(TITLE, SUMMARY, BODY, ORIGIN).writeUtf16le(made);
        assertArrayEquals((TITLE + SUMMARY + BODY + ORIGIN).getBytes(StandardCharsets.UTF_16LE), stored.toByteArray());
        assertArrayEquals(stored.toByteArray(), made.toByteArray());

        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        stored().writeSummaryUtf16le(summary);
        assertArrayEquals(SUMMARY.getBytes(StandardCharsets.UTF_16LE), summary.toByteArray());
    }

    @Test
    void texts_moved_to_stored_bytes_leave_the_heap_and_read_the_same() {
        ArticleTexts texts = ArticleTexts.of(TITLE, SUMMARY, "", ORIGIN);
        assertTrue(texts.isOnHeap());
        byte[] file = storedAmidOthers(TITLE, SUMMARY, "", ORIGIN);

        texts.moveTo(ByteBuffer.wrap(file), 3);

        assertFalse(texts.isOnHeap());
        assertEquals(TITLE, texts.title());
        assertEquals(SUMMARY, texts.summary());
        assertEquals("", texts.contentHtml());
        assertEquals(ORIGIN, texts.origin());
    }

    @Test
    void texts_are_encoded_as_the_utf16le_charset_encodes_them_surrogates_included() {
        for (String text : new String[] {"", "ASCII only", "क्षत्रिय ज़िले में स्\u200dत्री शक्ति, ₹ १०० — “उद्धरण”…",
                "इमोजी 🙏 के साथ", "अकेला \uD83D सरोगेट", "अंत में अकेला \uDE4F"}) {
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_16LE), ArticleTexts.encodeUtf16le(text), text);
        }
    }

    @Test
    void empty_texts_read_as_empty() {
        ArticleTexts empty = ArticleTexts.utf16le(new byte[4], 2, 0, 0, 0, 0);
        assertEquals("", empty.title());
        assertEquals("", empty.contentHtml());
        assertEquals(ArticleTexts.of("", "", "", ""), empty);
    }

    @Test
    void half_a_character_or_texts_outside_the_bytes_are_refused() {
        byte[] bytes = storedAmidOthers(TITLE, SUMMARY, BODY, ORIGIN);
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> ArticleTexts.utf16le(bytes, 3, 5, 0, 0, 0));
        assertTrue(odd.getMessage().contains("not a whole number of characters"), odd.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ArticleTexts.utf16le(bytes, bytes.length - 2, 2, 2, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ArticleTexts.utf16le(bytes, -2, 4, 0, 0, 0));
    }
}
