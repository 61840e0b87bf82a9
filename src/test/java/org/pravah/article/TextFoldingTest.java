package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.text.Normalizer;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Text#clean} and {@link Text#cleanLine} scan characters instead of running regular expressions (they run for
 * every field of every article at a cold start). These tests hold them to the regex definitions they replaced, on
 * random Hindi text full of every kind of white space, line break and mark.
 */
class TextFoldingTest {
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private static final List<String> PIECES = List.of(
            "क", "ख", "ग", "अ", "आ", "इ", "ि", "ा", "्", "़", "\u0915\u093C", "\u0958", "\u0928\u093C", "e\u0301",
            "समाचार", "A", "1", "&", "<",
            " ", "  ", "\t", "\u000B", "\u000C", "\u00A0", "\u2007", "\u202F", "\uFEFF", "\u1680", "\u2000", "\u200A",
            "\u200B", "\u200C", "\u200D", "\u2028", "\u2029", "\u205F", "\u3000", "\u001C", "\u001F", "\u0085",
            "\u0001", "\n", "\n\n", "\n\n\n", "\n \n", "\n\u00A0\n", "\r\n", "\r", "\r\n\r\n\r\n", "🎉", "\uD83C");

    /** What {@code Text.clean} was: split into lines, trim each, fold 3+ newlines into 2 with a regex. */
    private static String cleanByRegex(String raw) {
        String nfc = Normalizer.normalize(Text.stripIllegal(raw), Normalizer.Form.NFC);
        String unixNewlines = nfc.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder();
        for (String line : unixNewlines.split("\n", -1)) {
            out.append(Text.trim(line)).append('\n');
        }
        return Text.trim(BLANK_LINES.matcher(out).replaceAll("\n\n"));
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            s.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return s.toString();
    }

    @Test
    void clean_gives_what_the_line_split_and_regex_definition_gave_on_random_hindi_text() {
        Random random = new Random(2026);
        for (int i = 0; i < 20_000; i++) {
            String raw = randomText(random);
            assertEquals(cleanByRegex(raw), Text.clean(raw), () -> "for " + escape(raw));
        }
    }

    @Test
    void clean_line_folds_exactly_what_the_regex_of_white_space_and_separators_matched() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String raw = randomText(random);
            assertEquals(SPACES.matcher(cleanByRegex(raw)).replaceAll(" "), Text.cleanLine(raw),
                    () -> "for " + escape(raw));
        }
    }

    @Test
    void every_bmp_space_or_separator_is_folded_and_nothing_else_is() {
        for (char c = 1; c < Character.MAX_VALUE; c++) {
            if (Character.isSurrogate(c)) {
                continue;
            }
            String raw = "क" + c + c + "ख";
            String expected = SPACES.matcher(cleanByRegex(raw)).replaceAll(" ");
            char shown = c;
            assertEquals(expected, Text.cleanLine(raw), () -> "U+" + Integer.toHexString(shown));
        }
    }

    @Test
    void clean_title_comes_back_as_the_same_string_without_a_copy() {
        String title = "दिल्ली में इस मौसम का सबसे ठंडा दिन";
        assertSame(title, Text.cleanLine(title));
    }

    @Test
    void text_already_in_nfc_is_left_as_it_is_and_other_text_is_composed() {
        String nfc = "क़ानून \u0929";
        assertSame(nfc, Text.nfc(nfc));
        assertEquals("\u0929", Text.nfc("\u0928\u093C"));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x7F && c >= 0x20 ? String.valueOf((char) c)
                : String.format(java.util.Locale.ROOT, "\\u%04X", c)));
        return out.toString();
    }
}
