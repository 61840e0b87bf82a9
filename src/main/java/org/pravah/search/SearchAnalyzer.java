package org.pravah.search;

import java.io.IOException;
import java.text.Normalizer;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hi.HindiStemmer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How text becomes search words, for the index and for queries alike: Unicode words (UAX #29, which keeps a
 * Devanagari word whole with its matras, viramas, conjuncts and joiners) folded by {@link #fold}; in the
 * {@link SearchIndex#STEMS} field, each word's stem ({@link #stem}).
 */
final class SearchAnalyzer extends Analyzer {
    /** Shared: an analyzer keeps its token streams per thread. */
    static final SearchAnalyzer INSTANCE = new SearchAnalyzer();

    private SearchAnalyzer() {
        // the default strategy would reuse one field's components for the other, stemming both or neither
        super(PER_FIELD_REUSE_STRATEGY);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer words = new StandardTokenizer();
        TokenStream folded = new Folding(words);
        return new TokenStreamComponents(words,
                fieldName.equals(SearchIndex.STEMS) ? new HindiStemFilter(folded) : folded);
    }

    /**
     * A folded word without its Hindi inflection (Ramanathan and Rao's light stemmer, Lucene's {@link
     * HindiStemFilter}): खिलाड़ी and खिलाड़ियों, बच्चे and बच्चों share a stem. Latin words and numbers are kept as they are.
     */
    static String stem(String folded) {
        char[] buffer = folded.toCharArray();
        return new String(buffer, 0, new HindiStemmer().stem(buffer, buffer.length));
    }

    /**
     * One word as it is indexed and looked for. Differences a reader does not type reliably are folded away: the
     * nukta (ज़ → ज, precomposed or not: many people type without it, and spellings with and without it live side by
     * side), the joiners ZWJ and ZWNJ (they choose how a conjunct is drawn, not which word it is), chandrabindu to
     * anusvara (चाँद, चांद), Devanagari digits to ASCII ones (२०२४, 2024), and case. Vowel length, viramas and
     * conjuncts are kept: दिन and दीन are different words.
     */
    static String fold(CharSequence word) {
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c == '\u093C' || c == '\u200C' || c == '\u200D') {
                continue;
            }
            if (c == '\u0901') {
                out.append('\u0902');
            } else if (c >= '\u0966' && c <= '\u096F') {
                out.append((char) ('0' + (c - '\u0966')));
            } else {
                out.append(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /**
     * A whole NFC text folded as {@link #fold} folds each of its words, without normalising it: every folded word of
     * the text is found in it, so a search that reads the feeds can pass over an article that cannot match before
     * splitting it into words.
     */
    static String foldText(String nfc) {
        StringBuilder out = new StringBuilder(nfc.length());
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            switch (c) {
                case '\u093C', '\u200C', '\u200D' -> { }
                case '\u0901' -> out.append('\u0902');
                case '\u0929' -> out.append('\u0928');
                case '\u0931' -> out.append('\u0930');
                case '\u0934' -> out.append('\u0933');
                // not in NFC text, but cheap to fold: क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़
                case '\u0958' -> out.append('\u0915');
                case '\u0959' -> out.append('\u0916');
                case '\u095A' -> out.append('\u0917');
                case '\u095B' -> out.append('\u091C');
                case '\u095C' -> out.append('\u0921');
                case '\u095D' -> out.append('\u0922');
                case '\u095E' -> out.append('\u092B');
                case '\u095F' -> out.append('\u092F');
                default -> out.append(c >= '\u0966' && c <= '\u096F' ? (char) ('0' + (c - '\u0966')) : c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@link #fold} may change a word with this character: most Devanagari and lower-case ASCII words pass
     * through untouched, so a million articles are indexed without normalising each word.
     */
    private static boolean mayFold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z';
        }
        if (c >= '\u0900' && c <= '\u097F') {
            return c == '\u0901' || c == '\u0929' || c == '\u0931' || c == '\u0934' || c == '\u093C'
                    || (c >= '\u0958' && c <= '\u095F') || (c >= '\u0966' && c <= '\u096F');
        }
        return true;
    }

    private static final class Folding extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        Folding(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (input.incrementToken()) {
                if (needsFolding()) {
                    String folded = fold(term);
                    if (folded.isEmpty()) {
                        continue;
                    }
                    term.setEmpty().append(folded);
                }
                return true;
            }
            return false;
        }

        private boolean needsFolding() {
            char[] buffer = term.buffer();
            for (int i = 0; i < term.length(); i++) {
                if (mayFold(buffer[i])) {
                    return true;
                }
            }
            return false;
        }
    }
}
