package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Text#clean} and {@link Text#cleanLine} give text that is already clean back after one quick pass. These
 * tests hold both to a definition written from scratch here (drop what XML and the article rules forbid, the JDK's
 * NFC, the line and space rules) on random text that is mostly clean, so that the quick pass is what answers.
 */
class TextQuickCheckTest {
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    /** Clean pieces, drawn most of the time: Devanagari (with its marks in every order), Latin, punctuation. */
    private static final List<String> CLEAN = List.of(
            "क", "ख", "न", "र", "ळ", "ज", "ि", "ा", "ी", "ु", "ं", "ँ", "ः", "्", "़", "ॅ", "ॉ", "ऽ", "।", "॥", "०",
            "\u0915\u093C", "\u0928\u094D", "\u0930\u094D\u200D", "\u0915\u094D\u200C", "समाचार", "ज़िला",
            "a", "Z", "9", "é", "ß", "ǅ", "ʰ", "&", "<", "\"", "'", " ", "\t", "\n", "\n\n",
            "\u2013", "\u2014", "\u2018", "\u2019", "\u201C", "\u201D", "\u2026", "\u2022", "\u20B9", "\u2030",
            "\u203C", "\u2044", "\u200C", "\u200D", "🎉", "\uD83D\uDE4F");
    /** Pieces that make text unclean, or that only the JDK's normaliser can judge. */
    private static final List<String> UNCLEAN = List.of(
            "\u0000", "\u0001", "\u001F", "\u007F", "\u0085", "\u009F", "\r", "\r\n", "\u000B", "\u000C",
            "\u00A0", "\u2007", "\u202F", "\u2000", "\u2001", "\u2003", "\u2028", "\u2029", "\u205F", "\u3000",
            "\uFEFF", "\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD800", "\uDC00", "\uD83F\uDFFE", "\uDBFF\uDFFF",
            "\u0958", "\u095B", "\u095F", "\u0951", "\u0954", "\u0929", "\u0931", "\u0934", "\u0301", "\u0300",
            "e\u0301", "\u0327", "\u1100\u1161", "\u1161", "\uAC00", "\u212B", "\u2126", "\u0340", "\u0F73",
            "\u09BE", "\u0B3E", "\uD834\uDD5E", "\u0338", "  ", "\n\n\n", "\n ", " \n");

    private static String stripReference(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            int width = Character.charCount(cp);
            boolean lone = Character.isSurrogate(raw.charAt(i)) && width == 1;
            boolean allowed = cp == '\t' || cp == '\n' || cp == '\r'
                    || (cp >= 0x20 && cp < 0x7F) || (cp > 0x9F && cp < 0xD800)
                    || (cp > 0xDFFF && cp <= 0x10FFFF && (cp < 0xFDD0 || cp > 0xFDEF) && (cp & 0xFFFE) != 0xFFFE
                    && cp != 0xFEFF);
            if (allowed && !lone) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out.toString();
    }

    private static String cleanReference(String raw) {
        String nfc = Normalizer.normalize(stripReference(raw), Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        for (String line : nfc.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            out.append(Text.trim(line)).append('\n');
        }
        return Text.trim(BLANK_LINES.matcher(out).replaceAll("\n\n"));
    }

    private static String randomText(Random random, int uncleanOneIn) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            List<String> pieces = random.nextInt(uncleanOneIn) == 0 ? UNCLEAN : CLEAN;
            s.append(pieces.get(random.nextInt(pieces.size())));
        }
        return s.toString();
    }

    @Test
    void random_hindi_latin_and_mark_text_is_cleaned_exactly_as_the_jdk_normaliser_and_the_rules_define() {
        Random random = new Random(12);
        for (int uncleanOneIn : new int[] {1_000_000, 40, 8, 2}) {
            for (int i = 0; i < 25_000; i++) {
                String raw = randomText(random, uncleanOneIn);
                String expected = cleanReference(raw);
                assertEquals(expected, Text.clean(raw), () -> "clean of " + escape(raw));
                assertEquals(SPACES.matcher(expected).replaceAll(" "), Text.cleanLine(raw),
                        () -> "cleanLine of " + escape(raw));
            }
        }
    }

    @Test
    void clean_text_with_quotes_dashes_rupees_joiners_and_emoji_comes_back_without_a_copy() {
        String body = "“मंडी के भाव” — ₹ 2,400 प्रति क्विंटल… र्\u200Dथ क्\u200Cष 🙏\n\nदूसरा अनुच्छेद\tयहाँ";
        assertSame(body, Text.clean(body));
        String title = "‘ज़िला अस्पताल’ को मंज़ूरी – ₹ 40 करोड़";
        assertSame(title, Text.cleanLine(title));
    }

    @Test
    void a_nukta_after_qa_stays_decomposed_and_after_na_ra_lla_is_composed() {
        String qa = "\u0915\u093C";
        assertEquals(qa, Text.clean(qa));
        assertEquals(qa + "\u093E\u0928\u0942\u0928", Text.cleanLine("\u0958\u093E\u0928\u0942\u0928"));
        assertEquals("\u0929 \u0931 \u0934", Text.cleanLine("\u0928\u093C \u0930\u093C \u0933\u093C"));
    }

    @Test
    void a_virama_before_a_nukta_is_put_after_it_as_canonical_order_wants() {
        assertEquals("\u0915\u093C\u094D\u0937", Text.clean("\u0915\u094D\u093C\u0937"));
    }

    @Test
    void joiners_stay_and_controls_noncharacters_and_lone_surrogates_go() {
        assertEquals("क्\u200Dष क्\u200Cष", Text.cleanLine("क्\u200Dष\u0000 \u0001क्\u200Cष"));
        assertEquals("खबर", Text.cleanLine("ख\uFFFEब\uFFFFर"));
        assertEquals("खबर", Text.cleanLine("ख\uD800ब\uDC00र\uD83D"));
        assertEquals("🙏खबर", Text.cleanLine("\uDC00🙏खबर"));
    }

    @Test
    void a_combining_mark_after_an_emoji_or_at_the_start_is_left_as_the_normaliser_leaves_it() {
        assertEquals("\u093Eक", Text.clean("\u093Eक"));
        assertEquals("🎉\u0301", Text.clean("🎉\u0301"));
        assertEquals("é", Text.cleanLine("e\u0301"));
    }

    @Test
    void punctuation_the_quick_pass_takes_as_is_neither_decomposes_nor_composes_with_anything_before_it() {
        List<String> wrong = new ArrayList<>();
        int inert = 0;
        for (char c = 0x80; c < Character.MAX_VALUE; c++) {
            if (!Text.isNfcInert(c)) {
                continue;
            }
            inert++;
            int type = Character.getType(c);
            String alone = String.valueOf(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.SPACE_SEPARATOR
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || Character.isWhitespace(c) || !Text.isAllowed(c)
                    || !Normalizer.normalize(alone, Normalizer.Form.NFD).equals(alone)) {
                wrong.add(Integer.toHexString(c));
                continue;
            }
            for (char x = 1; x < Character.MAX_VALUE; x++) {
                if (!Character.isSurrogate(x) && Normalizer.isNormalized(String.valueOf(x), Normalizer.Form.NFC)
                        && !Normalizer.isNormalized("" + x + c, Normalizer.Form.NFC)) {
                    wrong.add(Integer.toHexString(x) + "+" + Integer.toHexString(c));
                    break;
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(inert > 100, "the rupee sign, quotes and dashes at least");
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x7F && c >= 0x20 ? String.valueOf((char) c)
                : String.format(Locale.ROOT, "\\u%04X", c)));
        return out.toString();
    }
}
