package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    // ---- NFC and nukta -------------------------------------------------------------------------------------------

    @Test
    void decomposed_nukta_letter_stays_decomposed_because_nfc_never_recomposes_exclusions() {
        String za = "\u091C\u093C";   // ज + nukta
        String qa = "\u0915\u093C";   // क + nukta
        assertEquals(za + "\u093F\u0932\u093E " + qa + "\u093E\u0928\u0942\u0928",
                Text.clean(za + "\u093F\u0932\u093E " + qa + "\u093E\u0928\u0942\u0928"));
    }

    @Test
    void precomposed_za_is_decomposed_by_nfc_so_both_spellings_become_equal() {
        String precomposed = "\u095B\u0930\u0942\u0930\u0940";           // ज़रूरी with U+095B
        String decomposed = "\u091C\u093C\u0930\u0942\u0930\u0940";
        assertEquals(decomposed, Text.clean(precomposed));
        assertEquals(Text.clean(decomposed), Text.clean(precomposed));
        assertFalse(Text.clean(precomposed).contains("\u095B"));
    }

    @Test
    void every_precomposed_nukta_letter_from_qa_to_yya_is_decomposed() {
        for (int cp = 0x0958; cp <= 0x095F; cp++) {
            String letter = new String(Character.toChars(cp));
            String cleaned = Text.clean(letter);
            assertEquals(2, cleaned.length(), () -> "U+" + Integer.toHexString(letter.charAt(0)) + ": " + cleaned);
            assertEquals('\u093C', cleaned.charAt(1));
        }
    }

    @Test
    void na_followed_by_nukta_is_composed_into_nnna_because_it_is_not_an_exclusion() {
        assertEquals("\u0929", Text.clean("\u0928\u093C"));
        assertEquals("\u0929", Text.cleanLine("\u0928\u093C"));
    }

    // ---- XML-illegal characters ------------------------------------------------------------------------------------

    @Test
    void every_devanagari_sequence_of_up_to_three_characters_comes_out_exactly_as_the_jdk_normalises_it() {
        // the quick check that spares most text the normaliser must never call text NFC that is not
        StringBuilder alphabet = new StringBuilder("a\u00E9\u0301\u200D");
        for (char c = 0x0900; c <= 0x097F; c++) {
            alphabet.append(c);
        }
        char[] chars = alphabet.toString().toCharArray();
        List<String> wrong = new ArrayList<>();
        for (char x : chars) {
            for (char y : chars) {
                for (char z : chars) {
                    String s = "" + x + y + z;
                    if (!Text.clean(s).equals(Normalizer.normalize(s, Normalizer.Form.NFC).strip())
                            && wrong.size() < 5) {
                        wrong.add(s);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void characters_xml_forbids_are_removed_and_the_rest_is_untouched() {
        String raw = "प\u0000र\u0008ब\u000Bल\u000C\u0001ह\uFFFE\uFFFFर\u0085\u009Fा\uFDD0 \uD83C\uDF89";
        assertEquals("परबलहरा 🎉", Text.clean(raw));
    }

    @Test
    void lone_high_and_low_surrogates_are_removed_but_a_pair_is_kept() {
        assertEquals("कख", Text.clean("क\uD83Cख"));
        assertEquals("कख", Text.clean("क\uDF89ख"));
        assertEquals("कख", Text.clean("क\uDF89\uD83Cख"));   // reversed pair: two lone surrogates
        assertEquals("क\uD83C\uDF89ख", Text.clean("क\uD83C\uDF89ख"));
        assertEquals("क", Text.clean("क\uD83C"));              // lone high surrogate at the very end
    }

    @Test
    void c1_control_next_line_is_removed_from_a_title() {
        assertEquals("समाचार शीर्षक", Text.cleanLine("समाचार\u0085 शीर्षक"));
    }

    @Test
    void supplementary_noncharacters_and_stray_byte_order_marks_are_removed() {
        assertEquals("कख", Text.clean("क\uD83F\uDFFEख"));   // U+1FFFE
        assertEquals("कख", Text.clean("\uFEFFक\uFEFFख"));
    }

    @Test
    void tab_and_line_breaks_are_legal_and_survive_in_a_multi_line_field() {
        assertEquals("पहला\tशब्द\nदूसरी पंक्ति", Text.clean("पहला\tशब्द\nदूसरी पंक्ति"));
    }

    // ---- what must be kept -----------------------------------------------------------------------------------------

    @Test
    void zero_width_joiner_and_non_joiner_are_kept_because_they_select_conjunct_forms() {
        String withZwj = "\u0938\u0941\u0930\u0915\u094D\u200D\u0937\u093E";    // सुरक्‍षा
        String withZwnj = "\u0936\u093F\u0915\u094D\u200C\u0937\u093E";          // शिक्‌षा
        assertEquals(withZwj + " " + withZwnj, Text.cleanLine(withZwj + " " + withZwnj));
        assertEquals(withZwj, Text.clean(withZwj));
    }

    @Test
    void zero_width_joiner_at_the_end_of_a_title_is_not_trimmed_as_white_space() {
        assertEquals("\u0915\u094D\u200D", Text.cleanLine(" \u0915\u094D\u200D "));
    }

    @Test
    void emoji_written_as_surrogate_pairs_are_kept_whole() {
        String raw = "जीत 🎉 और 👍🏽 तिरंगा 🇮🇳";
        String cleaned = Text.cleanLine(raw);
        assertEquals(raw, cleaned);
        assertEquals(raw.codePointCount(0, raw.length()), cleaned.codePointCount(0, cleaned.length()));
        assertTrue(cleaned.codePoints().anyMatch(cp -> cp == 0x1F389));
    }

    @Test
    void every_devanagari_combining_mark_survives_after_a_consonant() {
        List<String> lost = new ArrayList<>();
        int checked = 0;
        for (int cp = 0x0900; cp <= 0x097F; cp++) {
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK) {
                continue;
            }
            checked++;
            String syllable = "\u0915" + new String(Character.toChars(cp));   // क + mark
            if (!Text.clean(syllable).equals(syllable) || !Text.cleanLine(syllable).equals(syllable)) {
                lost.add("U+" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT));
            }
        }
        assertTrue(checked >= 30, "expected the Devanagari block to have many marks, found " + checked);
        assertEquals(List.of(), lost);
    }

    @Test
    void named_marks_in_real_words_are_kept() {
        List<String> words = List.of(
                "\u0915\u094D\u0937",               // virama: क्ष
                "\u0939\u0902\u0938",                // anusvara: हंस
                "\u091A\u093E\u0901\u0926",          // chandrabindu: चाँद
                "\u0926\u0941\u0903\u0916",          // visarga: दुःख
                "\u0921\u093C\u0930",                // nukta
                "\u0915\u093E \u0915\u093F \u0915\u0940 \u0915\u0941 \u0915\u0942 \u0915\u0943 \u0915\u0947 "
                        + "\u0915\u0948 \u0915\u094B \u0915\u094C \u0915\u0949 \u0915\u0945");   // vowel signs
        for (String word : words) {
            assertEquals(word, Text.cleanLine(word));
        }
    }

    // ---- trimming and folding --------------------------------------------------------------------------------------

    @Test
    void no_break_spaces_at_both_ends_are_trimmed() {
        assertEquals("शीर्षक", Text.trim("\u00A0\u202F शीर्षक\u00A0\u2007"));
        assertEquals("शीर्षक", Text.cleanLine("\u00A0शीर्षक\u00A0"));
        assertEquals("पहली पंक्ति\nदूसरी", Text.clean("पहली पंक्ति\u00A0\n\u00A0दूसरी\u00A0"));
    }

    @Test
    void no_break_space_inside_a_title_becomes_one_ordinary_space() {
        assertEquals("नई दिल्ली", Text.cleanLine("नई\u00A0दिल्ली"));
        assertEquals("नई दिल्ली", Text.cleanLine("नई \u00A0 \u202Fदिल्ली"));
    }

    @Test
    void clean_line_folds_tabs_line_breaks_and_runs_of_spaces_into_one_space() {
        assertEquals("देश की बड़ी ख़बर आज", Text.cleanLine("  देश  की\tबड़ी\r\nख़बर \n\n\n आज  "));
    }

    @Test
    void clean_line_folds_unicode_spaces_that_trim_already_treats_as_white_space() {
        // EM SPACE and THIN SPACE are white space to Character.isWhitespace (Text.trim strips them at the ends),
        // so inside a title they must fold too rather than leave a double-width gap
        assertEquals("देश विदेश", Text.cleanLine("देश\u2003\u2003विदेश"));
        assertEquals("देश विदेश", Text.cleanLine("देश\u2009विदेश"));
    }

    @Test
    void clean_turns_crlf_and_cr_into_lf_and_keeps_one_blank_line_between_paragraphs() {
        assertEquals("पहला अनुच्छेद\n\nदूसरा अनुच्छेद\nतीसरी पंक्ति",
                Text.clean("\r\n  पहला अनुच्छेद  \r\n\r\n\r\n\r\nदूसरा अनुच्छेद\rतीसरी पंक्ति\r\n"));
    }

    @Test
    void null_is_read_as_empty_text() {
        assertEquals("", Text.clean(null));
        assertEquals("", Text.cleanLine(null));
    }

    @Test
    void text_of_only_marks_joiners_and_spaces_has_no_content() {
        assertFalse(Text.hasContent("\u094D\u200D\u200C \u0902"));
        assertFalse(Text.hasContent(""));
        assertTrue(Text.hasContent("\u0915"));
        assertTrue(Text.hasContent("2026"));
    }
}
