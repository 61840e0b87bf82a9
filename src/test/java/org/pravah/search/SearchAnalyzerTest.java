package org.pravah.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchAnalyzerTest {
    private static final List<String> PIECES = List.of("क", "ख", "ज", "ड", "न", "र", "ळ", "फ", "य", "अ", "आ", "ि", "ी",
            "ा", "्", "़", "ँ", "ं", "\u0958", "\u095B", "\u095C", "\u095E", "\u0929", "\u0931", "\u0934", "\u200C",
            "\u200D", "२", "०", "7", "A", "Delhi", "É", "e\u0301", "।", " ", "-", ",", "समाचार", "क्ष", "श्र");

    @Test
    void every_word_folded_alone_is_found_in_its_text_folded_whole() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int p = random.nextInt(20); p > 0; p--) {
                raw.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            // sources hand the search NFC text
            String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
            String whole = SearchAnalyzer.foldText(text);
            for (String word : SearchWords.of(text).words()) {
                assertTrue(whole.contains(word), () -> "'" + word + "' not in '" + whole + "' from '" + text + "'");
            }
        }
    }

    @Test
    void folding_forgets_nukta_joiners_chandrabindu_digit_script_and_case_but_not_vowel_length() {
        assertEquals("जिला", SearchAnalyzer.fold("\u095Bिला"));
        assertEquals("जिला", SearchAnalyzer.fold("ज\u093Cिला"));
        assertEquals("क्षेत्र", SearchAnalyzer.fold("क्\u200Dषेत्र"));
        assertEquals("चांद", SearchAnalyzer.fold("चाँद"));
        assertEquals("2025", SearchAnalyzer.fold("२०२५"));
        assertEquals("delhi", SearchAnalyzer.fold("DELHI"));
        assertEquals("दीन", SearchAnalyzer.fold("दीन"));
        assertEquals("खिलाड", SearchAnalyzer.stem(SearchAnalyzer.fold("खिलाड़ियों")));
        assertEquals(SearchAnalyzer.stem("खिलाडी"), SearchAnalyzer.stem(SearchAnalyzer.fold("खिलाड़ियों")));
    }
}
