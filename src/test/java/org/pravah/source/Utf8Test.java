package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pravah.article.ArticleException;

class Utf8Test {

    @Test
    void invalid_utf8_fixture_is_refused_with_the_byte_offset_of_the_bad_byte() {
        byte[] bytes = Fixtures.bytes("json/invalid-utf8.json");
        assertEquals((byte) 0xC3, bytes[139], "fixture as described in fixtures/README.md");
        ArticleException e = assertThrows(ArticleException.class,
                () -> Utf8.decode(bytes, "articles/vyapar/invalid-utf8.json"));
        assertTrue(e.getMessage().contains("byte offset 139"), e.getMessage());
        assertTrue(e.getMessage().contains("articles/vyapar/invalid-utf8.json"), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void devanagari_is_decoded_as_utf8_whatever_the_default_charset() throws Exception {
        // the tests run with -Dfile.encoding=ISO-8859-1
        String text = "हिंदी समाचार 🎉";
        assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void leading_byte_order_mark_is_dropped() throws Exception {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', 'b'};
        assertEquals("ab", Utf8.decode(bytes, "x"));
    }

    @Test
    void crlf_bom_fixture_decodes_without_its_bom() throws Exception {
        String text = Utf8.decode(Fixtures.bytes("txt/crlf-bom.txt"), "x");
        assertTrue(text.startsWith("Hindi News "), text.substring(0, 12));
    }

    @Test
    void sequence_cut_off_at_the_end_of_the_file_is_refused_with_its_offset() {
        byte[] bytes = {'{', '"', (byte) 0xE0, (byte) 0xA4};   // the first two bytes of क, then the file ends
        ArticleException e = assertThrows(ArticleException.class, () -> Utf8.decode(bytes, "x.json"));
        assertTrue(e.getMessage().contains("byte offset 2"), e.getMessage());
    }

    @Test
    void latin1_file_is_refused_at_its_first_accented_byte() {
        byte[] bytes = "caf\u00E9 ok".getBytes(StandardCharsets.ISO_8859_1);
        ArticleException e = assertThrows(ArticleException.class, () -> Utf8.decode(bytes, "x.txt"));
        assertTrue(e.getMessage().contains("byte offset 3"), e.getMessage());
    }

    @Test
    void encoded_surrogate_is_refused() {
        byte[] bytes = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};   // CESU-style U+D800
        ArticleException e = assertThrows(ArticleException.class, () -> Utf8.decode(bytes, "x.txt"));
        assertTrue(e.getMessage().contains("byte offset 1"), e.getMessage());
    }

    @Test
    void empty_file_decodes_to_empty_text() throws Exception {
        assertEquals("", Utf8.decode(new byte[0], "x"));
    }
}
