package org.pravah.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Test;

class HtmlContentTest {
    private static final String BASE = "https://example.org/videsh/asia/lekh";

    @Test
    void script_elements_and_their_code_are_removed() {
        String clean = HtmlContent.sanitise("<p>समाचार</p><script>alert('x')</script><p>जारी</p>", BASE);
        assertFalse(clean.toLowerCase(java.util.Locale.ROOT).contains("script"), clean);
        assertFalse(clean.contains("alert"), clean);
        assertEquals("<p>समाचार</p><p>जारी</p>", clean);
    }

    @Test
    void text_escaped_for_html_shows_markup_characters_once_and_leaves_the_rest_as_written() {
        assertEquals("निफ्टी &lt; 1% ऊपर, &lt;निवेशक&gt; &amp; \"सतर्क\"  &amp;amp; 'ख़ुश'",
                HtmlContent.escapeText("निफ्टी < 1% ऊपर, <निवेशक> & \"सतर्क\"  &amp; 'ख़ुश'"));
    }

    @Test
    void event_handler_attributes_are_removed() {
        String clean = HtmlContent.sanitise(
                "<p onclick=\"steal()\">पाठ</p><img src=\"https://example.org/a.jpg\" onerror=\"steal()\" alt=\"चित्र\">"
                        + "<a href=\"https://example.org/\" onmouseover=\"steal()\">कड़ी</a>", BASE);
        assertFalse(clean.contains("steal"), clean);
        assertFalse(clean.contains("onclick") || clean.contains("onerror") || clean.contains("onmouseover"), clean);
        assertTrue(clean.contains("<img src=\"https://example.org/a.jpg\" alt=\"चित्र\">"), clean);
    }

    @Test
    void javascript_urls_are_removed_but_the_link_text_stays() {
        String clean = HtmlContent.sanitise(
                "<p><a href=\"javascript:alert(1)\">यहां</a> <a href=\" JaVaScRiPt:alert(1)\">वहां</a>"
                        + "<img src=\"javascript:alert(1)\"></p>", BASE);
        assertFalse(clean.toLowerCase(java.util.Locale.ROOT).contains("javascript"), clean);
        assertTrue(clean.contains(">यहां</a>"), clean);
        assertTrue(clean.contains(">वहां</a>"), clean);
    }

    @Test
    void relative_links_and_images_become_absolute_against_the_base() {
        String clean = HtmlContent.sanitise(
                "<p><a href=\"/khel/cricket\">क्रिकेट</a> <a href=\"agla-lekh\">अगला</a>"
                        + " <img src=\"../chitra/photo.jpg\"></p>", BASE);
        assertTrue(clean.contains("href=\"https://example.org/khel/cricket\""), clean);
        assertTrue(clean.contains("href=\"https://example.org/videsh/asia/agla-lekh\""), clean);
        assertTrue(clean.contains("src=\"https://example.org/videsh/chitra/photo.jpg\""), clean);
    }

    @Test
    void absolute_http_https_and_mailto_links_are_kept_as_written() {
        String clean = HtmlContent.sanitise("<a href=\"http://a.example/x\">a</a><a href=\"https://b.example/y?q=1&amp;r=2\">b</a>"
                + "<a href=\"mailto:sampadak@example.org\">c</a>", BASE);
        assertTrue(clean.contains("href=\"http://a.example/x\""), clean);
        assertTrue(clean.contains("href=\"https://b.example/y?q=1&amp;r=2\""), clean);
        assertTrue(clean.contains("href=\"mailto:sampadak@example.org\""), clean);
    }

    @Test
    void devanagari_and_emoji_stay_as_characters_not_entities() {
        String text = "कक्षाओं की मांग दोगुनी, “ख़ुशी” 🎉";
        String clean = HtmlContent.sanitise("<p>" + text + "</p>", BASE);
        assertEquals("<p>" + Text.clean(text) + "</p>", clean);
        assertFalse(clean.contains("&#"), clean);
    }

    @Test
    void lang_and_dir_attributes_are_kept_for_mixed_language_text() {
        String clean = HtmlContent.sanitise("<p>हिंदी <span lang=\"en\" dir=\"ltr\">English</span></p>", BASE);
        assertTrue(clean.contains("<span lang=\"en\" dir=\"ltr\">English</span>"), clean);
    }

    @Test
    void sanitised_html_is_also_cleaned_of_xml_illegal_characters_and_normalised() {
        String clean = HtmlContent.sanitise("<p>\u095Bरूरी\u0008 बात</p>", BASE);
        assertEquals("<p>\u091C\u093Cरूरी बात</p>", clean);
    }

    @Test
    void preformatted_text_keeps_its_indentation() {
        // a poem or a code sample in <pre> is laid out by its leading spaces
        String html = "<pre>पहली पंक्ति\n    दूसरी पंक्ति, आगे खिसकी\n</pre>";
        assertEquals(html, HtmlContent.sanitise(html, BASE));
    }

    // ---- plain text --------------------------------------------------------------------------------------------------

    @Test
    void plain_text_paragraphs_become_p_elements() {
        assertEquals("<p>पहला अनुच्छेद।</p><p>दूसरा अनुच्छेद।</p>",
                HtmlContent.fromPlainText("पहला अनुच्छेद।\n\n\nदूसरा अनुच्छेद।"));
    }

    @Test
    void plain_text_less_than_and_ampersand_are_escaped_not_turned_into_markup() {
        String html = HtmlContent.fromPlainText("सेंसेक्स <b>80,000</b> के पार & निफ्टी भी");
        assertEquals("<p>सेंसेक्स &lt;b&gt;80,000&lt;/b&gt; के पार &amp; निफ्टी भी</p>", html);
    }

    @Test
    void plain_text_single_line_break_is_kept_as_br() {
        assertEquals("<p>पहली पंक्ति<br>दूसरी पंक्ति</p>", HtmlContent.fromPlainText("पहली पंक्ति\nदूसरी पंक्ति"));
    }

    @Test
    void plain_text_keeps_devanagari_as_characters() {
        String html = HtmlContent.fromPlainText("मरीज़ों की मुफ़्त जांच 🎉");
        assertEquals("<p>मरीज़ों की मुफ़्त जांच 🎉</p>", html);
    }

    @Test
    void visible_text_of_html_drops_tags_and_decodes_entities() {
        assertEquals("पहला & दूसरा अनुच्छेद", HtmlContent.toText("<p>पहला &amp;</p><p><b>दूसरा</b> अनुच्छेद</p>"));
    }

    @Test
    void plain_text_of_every_kind_becomes_the_paragraphs_the_regex_split_and_jsoup_escaping_define() {
        List<String> pieces = List.of("क", "ख़", "्", "समाचार", "a", "1", " ", "  ", "\t", "\u000B", "\u000C", "\r",
                "\n", "\n\n", "\n \n", "\n\t\n\n", "\u00A0", "\u2007", "\u3000", "<", ">", "&", "\"", "'", "\u0001",
                "\u007F", "\u0085", "\u00A1", "\uD7FF", "\uE000", "\uFF0C", "🎉", "\uD83D", "\uDE4F", "\u200D", "&amp;", "<br>");
        Random random = new Random(14);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(25); n > 0; n--) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            StringBuilder expected = new StringBuilder();
            for (String paragraph : text.toString().split("\n\\s*\n")) {
                String p = Text.trim(paragraph);
                if (!p.isEmpty()) {
                    expected.append("<p>").append(Entities.escape(p).replace("\n", "<br>")).append("</p>");
                }
            }
            String raw = text.toString();
            assertEquals(expected.toString(), HtmlContent.fromPlainText(raw), () -> "for " + raw.chars()
                    .mapToObj(c -> String.format("\\u%04X", c)).reduce("", String::concat));
        }
    }
}
