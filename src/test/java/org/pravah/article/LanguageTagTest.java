package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTagTest {

    @Test
    void hi_is_accepted_as_hindi() {
        assertEquals("hi", LanguageTag.parse("hi").value());
        assertEquals(LanguageTag.HINDI, LanguageTag.parse(" hi "));
    }

    @Test
    void hi_dash_in_is_already_canonical() {
        LanguageTag tag = LanguageTag.parse("hi-IN");
        assertEquals("hi-IN", tag.value());
        assertEquals("hi-IN", tag.toString());
        assertEquals("hi", tag.primary());
    }

    @Test
    void java_locale_spelling_with_underscore_is_refused_with_a_hint_to_use_a_dash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LanguageTag.parse("hi_IN"));
        assertTrue(e.getMessage().contains("'hi_IN'"), e.getMessage());
        assertTrue(e.getMessage().contains("'hi-IN'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!", "hi IN", "हिंदी", "hi--IN", "123", "x", "hi-IN-", "und", "", "   "})
    void garbage_is_refused(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LanguageTag.parse(raw));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void null_is_refused_like_an_empty_tag() {
        assertThrows(IllegalArgumentException.class, () -> LanguageTag.parse(null));
    }

    @Test
    void case_is_canonicalised_language_lower_region_upper() {
        assertEquals("hi-IN", LanguageTag.parse("HI-in").value());
        assertEquals("en-Latn-IN", LanguageTag.parse("EN-LATN-in").value());
    }

    @Test
    void capital_i_lowercases_to_a_dotted_i_even_under_a_turkish_default_locale() {
        // the build runs with a Turkish default locale on purpose: "IT".toLowerCase() there is "ıt"
        assertEquals("it", LanguageTag.parse("IT").value());
        assertEquals("it", LanguageTag.parse("IT").primary());
    }
}
