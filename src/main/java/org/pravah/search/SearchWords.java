package org.pravah.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.pravah.article.Article;

/**
 * The words of a {@code ?q=}, folded as the index folds the articles' words ({@link SearchAnalyzer#fold}: nukta,
 * joiners, chandrabindu, digits and case do not count). An article matches when each of them starts one of the words
 * of its title, summary or tags, or shares its Hindi stem with one: {@code क्रिकेट} finds क्रिकेटर, {@code ज़िला} and
 * {@code जिला} find each other, {@code खिलाड़ी} finds खिलाड़ियों, and {@code दिल्ली बारिश} needs both words.
 *
 * @param words distinct, in the order given; empty for a query with no letters or digits, which matches nothing
 * @param stems each word's stem, in the same order
 */
public record SearchWords(List<String> words, List<String> stems) {
    public SearchWords {
        words = List.copyOf(words);
        stems = List.copyOf(stems);
    }

    public static SearchWords of(String text) {
        List<String> words = List.copyOf(analyse(text, new LinkedHashSet<>()));
        return new SearchWords(words, words.stream().map(SearchAnalyzer::stem).toList());
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** Reads the article's title, summary and tags: for the few searches made without an index. */
    public boolean matches(Article a) {
        if (words.isEmpty()) {
            return false;
        }
        String text = searchableText(a);
        // each word's stem begins whatever it matches: most articles fail this before being split into words
        String folded = SearchAnalyzer.foldText(text);
        for (String stem : stems) {
            if (!folded.contains(stem)) {
                return false;
            }
        }
        List<String> own = analyse(text, new ArrayList<>());
        Set<String> ownStems = new HashSet<>();
        own.forEach(w -> ownStems.add(SearchAnalyzer.stem(w)));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!ownStems.contains(stems.get(i)) && own.stream().noneMatch(w -> w.startsWith(word))) {
                return false;
            }
        }
        return true;
    }

    /** What an article is found by: its title, summary and tags, one per line. */
    static String searchableText(Article a) {
        StringBuilder text = new StringBuilder(a.title()).append('\n').append(a.summary());
        for (String tag : a.tags()) {
            text.append('\n').append(tag);
        }
        return text.toString();
    }

    /** NFC and case folding: how a {@code ?tag=} is compared with the article's tags, whole. */
    public static String foldCase(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static <C extends Collection<String>> C analyse(String text, C into) {
        try (TokenStream tokens = SearchAnalyzer.INSTANCE.tokenStream(SearchIndex.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                into.add(term.toString());
            }
            tokens.end();
            return into;
        } catch (IOException e) {
            // a token stream over a String reads no file
            throw new UncheckedIOException(e);
        }
    }
}
