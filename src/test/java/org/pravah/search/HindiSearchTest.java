package org.pravah.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pravah.search.SearchFixtures.article;
import static org.pravah.search.SearchFixtures.ids;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pravah.catalog.Snapshot;

/**
 * What a reader typing Hindi into the search box finds: the same through the index as by reading the feed, since a
 * server answers one way or the other depending on whether its index has caught up.
 */
class HindiSearchTest {
    private static final Snapshot SITE = Snapshot.of(SearchFixtures.TREE, List.of(
            article("badhai", "2026-11-20T10:00:00Z", "प्रधानमंत्री ने क्रिकेट टीम को बधाई दी",
                    "विश्व कप जीतने के बाद खिलाड़ियों से मुलाक़ात हुई।", "khel/cricket", "क्रिकेट", "खेल"),
            // ज़ written precomposed (U+095B) in the file: sources make it ज + nukta (NFC)
            article("aspatal", "2026-11-21T10:00:00Z", "\u095Bिला अस्पताल में नई जांच मशीन",
                    "मरीज़ों को अब शहर नहीं जाना पड़ेगा।", "swasthya", "स्वास्थ्य"),
            // क्‍ष with a ZWJ (its half form), ख़्‌य with a ZWNJ
            article("bhasha", "2026-11-22T10:00:00Z", "क्\u200Dषेत्रीय भाषाओं के अख़बारों की बढ़त",
                    "पाठकों के ख़्\u200Cयाल से छपाई बदली गई।", "desh"),
            article("chand", "2026-11-23T10:00:00Z", "चाँद पर नया मिशन, Delhi से सीधा प्रसारण",
                    "इसरो ने २०२५ की योजना बताई।", "takneek", "विज्ञान"),
            article("barish", "2026-11-24T10:00:00Z", "दिल्ली में बारिश से जाम", "कई सड़कों पर पानी भरा।",
                    "desh/rajya", "मौसम"),
            article("dakhile", "2026-11-25T10:00:00Z", "दिल्ली विश्वविद्यालय में दाख़िले शुरू",
                    "छात्रों की लंबी कतारें दिखीं।", "desh", "शिक्षा"),
            article("bhojan", "2026-11-26T10:00:00Z", "दीन-दुखियों के लिए मुफ़्त भोजन", "लंगर में सैकड़ों लोग आए।",
                    "desh"),
            article("bijli", "2026-11-27T10:00:00Z", "दिन भर बिजली गुल रही", "गर्मी में लोग परेशान हुए।",
                    "desh/rajya", "बिजली")));
    private static SearchIndex index;

    @BeforeAll
    static void build() {
        index = SearchFixtures.following(SearchIndex.inMemory(), SITE);
    }

    @AfterAll
    static void close() {
        index.close();
    }

    static Stream<FeedSearch> searches() {
        return Stream.of(index, FeedSearch.SCAN);
    }

    private static void assertFinds(FeedSearch search, List<String> expected, String... queries) {
        for (String q : queries) {
            assertEquals(expected, ids(search, SITE, "", q, ""), () -> "q=" + q + " by " + search);
        }
    }

    @ParameterizedTest
    @MethodSource("searches")
    void a_word_is_found_whether_its_nukta_is_precomposed_decomposed_or_left_out(FeedSearch search) {
        assertFinds(search, List.of("aspatal"), "\u095Bिला", "ज\u093Cिला", "जिला", "जिला अस्पताल");
        assertFinds(search, List.of("badhai"), "मुलाक़ात", "मुलाकात");
        assertFinds(search, List.of("dakhile"), "दाखिले", "दाख़िले");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void words_with_matras_and_conjuncts_are_found_whole_and_by_their_beginning(FeedSearch search) {
        assertFinds(search, List.of("badhai"), "प्रधानमंत्री", "प्रधान", "क्रिकेट", "खिलाड़ियों", "खिलाड़");
        // newest first: विश्वविद्यालय begins with विश्व
        assertFinds(search, List.of("dakhile", "badhai"), "विश्व");
        assertFinds(search, List.of(), "मंत्री", "केट");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void a_word_finds_its_other_inflections(FeedSearch search) {
        assertFinds(search, List.of("badhai"), "खिलाड़ी", "खिलाड़ियों", "टीमें");
        assertFinds(search, List.of("dakhile"), "दाख़िला", "छात्र", "छात्रा", "कतार");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void vowel_length_tells_words_apart(FeedSearch search) {
        assertFinds(search, List.of("bijli"), "दिन");
        assertFinds(search, List.of("bhojan"), "दीन");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void a_word_written_with_a_zero_width_joiner_or_non_joiner_is_found_with_or_without_it(FeedSearch search) {
        assertFinds(search, List.of("bhasha"), "क्षेत्रीय", "क्\u200Dषेत्रीय", "ख़्याल", "ख्\u200Cयाल", "ख़्\u200Cयाल");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void chandrabindu_and_anusvara_spellings_find_each_other(FeedSearch search) {
        assertFinds(search, List.of("chand"), "चाँद", "चांद");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void latin_words_match_in_any_case_and_numbers_in_either_script(FeedSearch search) {
        assertFinds(search, List.of("chand"), "delhi", "DELHI", "Del", "२०२५", "2025");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void every_word_of_a_query_must_match_and_tags_are_words_too(FeedSearch search) {
        assertFinds(search, List.of("dakhile", "barish"), "दिल्ली");
        assertFinds(search, List.of("barish"), "दिल्ली बारिश", "बारिश   दिल्ली", "मौसम दिल्ली");
        assertFinds(search, List.of(), "दिल्ली चाँद");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void many_short_word_beginnings_must_all_match(FeedSearch search) {
        assertFinds(search, List.of("badhai"), "प्र क्र वि ज खि ब टी दी");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void a_query_without_a_letter_or_digit_finds_nothing(FeedSearch search) {
        assertFinds(search, List.of(), "।", "!!", "—");
    }

    @ParameterizedTest
    @MethodSource("searches")
    void category_tag_and_words_together_select_only_what_matches_all_three(FeedSearch search) {
        assertEquals(List.of("badhai"), ids(search, SITE, "khel", "बधाई", "क्रिकेट"));
        assertEquals(List.of(), ids(search, SITE, "khel", "बधाई", "मौसम"));
        // desh includes its child rajya
        assertEquals(List.of("dakhile", "barish"), ids(search, SITE, "desh", "दिल्ली", ""));
        assertEquals(List.of("barish"), ids(search, SITE, "desh/rajya", "दिल्ली", ""));
        assertEquals(List.of(), ids(search, SITE, "swasthya", "दिल्ली", ""));
        assertEquals(List.of("bijli"), ids(search, SITE, "desh", "", "बिजली"));
        assertEquals(List.of("bijli", "barish"), ids(search, SITE, "desh/rajya", "", ""), "no filter: the feed");
    }
}
