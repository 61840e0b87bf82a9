package org.pravah.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CategoryTreeTest {
    private final CategoryTree tree = TestCategories.tree();

    private Optional<String> resolvedPath(String ref) {
        return tree.resolve(ref).map(Category::path);
    }

    private List<String> paths(List<Category> categories) {
        return categories.stream().map(Category::path).toList();
    }

    @Test
    void tree_lists_parents_before_children_in_config_order() {
        assertEquals(List.of("desh", "desh/rajya", "videsh", "videsh/asia", "videsh/america", "khel", "khel/cricket",
                "vyapar", "manoranjan", "takneek", "swasthya"), paths(tree.all()));
        assertEquals(List.of("desh", "videsh", "khel", "vyapar", "manoranjan", "takneek", "swasthya"),
                paths(tree.roots()));
    }

    @Test
    void child_knows_its_labels_from_the_root() {
        Category asia = tree.find("videsh/asia").orElseThrow();
        assertEquals("asia", asia.slug());
        assertEquals("एशिया", asia.label());
        assertEquals(List.of("विदेश", "एशिया"), asia.labelPath());
        assertEquals("विदेश › एशिया", asia.displayPath());
    }

    @Test
    void parent_contains_its_child_but_not_a_sibling_or_its_own_parent() {
        Category videsh = tree.find("videsh").orElseThrow();
        Category asia = tree.find("videsh/asia").orElseThrow();
        Category america = tree.find("videsh/america").orElseThrow();
        assertTrue(videsh.contains(asia));
        assertTrue(videsh.contains(videsh));
        assertTrue(!asia.contains(america) && !asia.contains(videsh));
    }

    @ParameterizedTest
    @CsvSource({
            "videsh/asia, videsh/asia",
            "/videsh/asia/, videsh/asia",
            "VIDESH/ASIA, videsh/asia",
            "desh, desh",
            "desh/rajya, desh/rajya"})
    void slug_path_resolves(String ref, String expected) {
        assertEquals(Optional.of(expected), resolvedPath(ref));
    }

    @ParameterizedTest
    @CsvSource({"asia, videsh/asia", "rajya, desh/rajya", "cricket, khel/cricket", "america, videsh/america"})
    void bare_slug_of_a_child_resolves_to_the_child(String ref, String expected) {
        assertEquals(Optional.of(expected), resolvedPath(ref));
    }

    @ParameterizedTest
    @CsvSource({"एशिया, videsh/asia", "विदेश, videsh", "खेल, khel", "क्रिकेट, khel/cricket", "स्वास्थ्य, swasthya",
            "राष्ट्रीय, desh", "दुनिया, videsh"})
    void hindi_label_or_alias_resolves(String ref, String expected) {
        assertEquals(Optional.of(expected), resolvedPath(ref));
    }

    @ParameterizedTest
    @CsvSource({"World, videsh", "world, videsh", "WORLD, videsh", "sports, khel", "USA, videsh/america",
            "usa, videsh/america", "Tech, takneek"})
    void english_alias_resolves_whatever_its_case(String ref, String expected) {
        assertEquals(Optional.of(expected), resolvedPath(ref));
    }

    @ParameterizedTest
    @CsvSource({"INDIA, desh", "India, desh", "BUSINESS, vyapar", "CRICKET, khel/cricket", "HEALTH, swasthya",
            "ENTERTAINMENT, manoranjan"})
    void english_alias_with_capital_i_resolves_under_a_turkish_default_locale(String ref, String expected) {
        // "INDIA".toLowerCase() in a Turkish locale is "ındıa", which would match nothing
        assertEquals(Optional.of(expected), resolvedPath(ref));
    }

    @Test
    void decomposed_and_precomposed_nukta_spellings_of_an_alias_both_resolve() {
        assertEquals(Optional.of("vyapar"), resolvedPath("\u092C\u093F\u091C\u093C\u0928\u0947\u0938"));   // बिज़नेस
        assertEquals(Optional.of("vyapar"), resolvedPath("\u092C\u093F\u095B\u0928\u0947\u0938"));
    }

    @Test
    void surrounding_and_inner_extra_spaces_do_not_matter() {
        assertEquals(Optional.of("videsh/asia"), resolvedPath("  एशिया \n"));
        assertEquals(Optional.of("videsh/asia"), resolvedPath("विदेश   एशिया"));
    }

    @ParameterizedTest
    @CsvSource({
            "विदेश एशिया, videsh/asia",
            "खेल क्रिकेट, khel/cricket",
            "देश राज्य, desh/rajya",
            "World > Asia, videsh/asia",
            "विदेश › अमेरिका, videsh/america",
            "Sports | Cricket, khel/cricket"})
    void breadcrumb_resolves_to_its_most_specific_category(String ref, String expected) {
        assertEquals(Optional.of(expected), resolvedPath(ref));
    }

    @Test
    void breadcrumb_with_a_word_that_names_nothing_still_uses_the_words_that_do() {
        assertEquals(Optional.of("videsh/asia"), resolvedPath("ताज़ा विदेश एशिया"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"राजनीति", "Politics", "europe/paris", "ताज़ा ख़बरें", "", "   "})
    void unknown_reference_resolves_to_nothing(String ref) {
        assertEquals(Optional.empty(), tree.resolve(ref));
    }

    @Test
    void slug_path_with_an_unknown_child_falls_back_to_its_known_parent() {
        // read like the breadcrumb "videsh europe": the article still reaches the विदेश feed
        assertEquals(Optional.of("videsh"), resolvedPath("videsh/europe"));
    }

    @Test
    void unknown_path_is_not_found() {
        assertEquals(Optional.empty(), tree.find("videsh/europe"));
        assertEquals(Optional.empty(), tree.find("asia"));
    }

    @Test
    void resolve_all_keeps_only_the_most_specific_of_a_parent_and_its_child() {
        assertEquals(List.of("videsh/asia"), paths(tree.resolveAll(List.of("विदेश", "videsh/asia"))));
        assertEquals(List.of("videsh/asia"), paths(tree.resolveAll(List.of("Asia", "World"))));
    }

    @Test
    void resolve_all_keeps_categories_from_different_branches() {
        assertEquals(List.of("desh", "videsh/asia"), paths(tree.resolveAll(List.of("desh", "एशिया", "World"))));
        assertEquals(List.of("videsh/asia", "videsh/america"), paths(tree.resolveAll(List.of("Asia", "USA"))));
    }

    @Test
    void resolve_all_drops_duplicates_and_unknown_references() {
        assertEquals(List.of("khel"), paths(tree.resolveAll(List.of("खेल", "Sports", "khel", "राजनीति"))));
        assertEquals(List.of(), paths(tree.resolveAll(List.of("राजनीति", ""))));
        assertEquals(List.of(), paths(tree.resolveAll(List.of())));
    }
}
