package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.pravah.article.LanguageTag;

/** The pages' words per language: which file is read, and what a missing word becomes. */
class MessagesTest {
    private static Properties file(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/messages/" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void hindi_and_english_files_have_the_same_keys() throws IOException {
        assertEquals(new java.util.TreeSet<>(file("en").stringPropertyNames()),
                new java.util.TreeSet<>(file("hi").stringPropertyNames()));
    }

    @Test
    void the_files_are_read_as_utf8_whatever_the_platform_charset() {
        // surefire runs with file.encoding=ISO-8859-1
        assertEquals("मुख्य सामग्री पर जाएँ", Messages.of(LanguageTag.HINDI).get("layout.skip"));
    }

    @Test
    void a_regional_tag_reads_its_languages_file() {
        assertEquals("hi", Messages.of(new LanguageTag("hi-IN")).language());
        assertEquals("ताज़ा समाचार", Messages.of(new LanguageTag("hi-IN")).get("index.latest.heading"));
    }

    @Test
    void a_language_without_a_file_reads_english() {
        Messages marathi = Messages.of(new LanguageTag("mr"));
        assertEquals("en", marathi.language());
        assertEquals("Latest news", marathi.get("index.latest.heading"));
    }

    @Test
    void a_word_missing_from_a_languages_file_is_taken_from_english() {
        Messages partial = Messages.of(new LanguageTag("qaa"));
        assertEquals("Saltar", partial.get("layout.skip"));
        assertEquals("Latest news", partial.get("index.latest.heading"));
    }

    @Test
    void placeholders_are_filled_and_an_apostrophe_stays_an_apostrophe() {
        Messages english = Messages.of(new LanguageTag("en"));
        assertEquals("Page 2 / 7", english.get("feed.page.of", 2, 7));
        assertTrue(english.get("stats.intro", 30).startsWith("Subscribers of every feed, polling over the last 30 "
                + "days, and today's figures."), english.get("stats.intro", 30));
    }

    @Test
    void a_key_in_no_file_is_named_with_the_files_it_was_looked_for_in() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Messages.of(LanguageTag.HINDI).get("no.such.key"));
        assertEquals("no message 'no.such.key' in messages/hi.properties nor in messages/en.properties",
                e.getMessage());
    }
}
