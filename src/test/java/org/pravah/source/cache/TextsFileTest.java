package org.pravah.source.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.ArticleTexts;
import org.pravah.testing.LogCapture;

class TextsFileTest {
    @TempDir
    Path data;
    @AutoClose
    private final LogCapture log = LogCapture.of(TextsFile.class);

    private static ArticleTexts texts(int n) {
        // conjuncts, a nukta, ZWJ/ZWNJ and a character outside the BMP: every text must come back as it went in
        return ArticleTexts.of("ख़बर " + n + ": क्ष्म‍ि", "सारांश " + n + " ज़‌रा",
                "<p>पूरा पाठ " + n + " 𑀓 " + "शब्द ".repeat(n % 7) + "</p>", "store cms/" + n);
    }

    @Test
    void moved_texts_leave_the_heap_and_read_back_as_they_were_across_segments() {
        TextsFile file = new TextsFile(data.resolve("texts"), "cms", 1024);
        List<ArticleTexts> moved = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            ArticleTexts t = texts(n);
            file.move(t);
            moved.add(t);
        }
        for (int n = 0; n < 40; n++) {
            ArticleTexts t = moved.get(n);
            assertFalse(t.isOnHeap(), "texts " + n + " still in the heap");
            assertEquals(texts(n), t);
            assertEquals(texts(n).contentHtml(), t.contentHtml());
            assertEquals(texts(n).origin(), t.origin());
        }
        assertTrue(file.written() > 2 * 1024, "the texts filled more than one segment");
    }

    @Test
    void a_text_larger_than_a_segment_gets_a_segment_of_its_own() {
        TextsFile file = new TextsFile(data.resolve("texts"), "cms", 64);
        ArticleTexts small = texts(1);
        ArticleTexts large = ArticleTexts.of("लंबी ख़बर", "", "<p>" + "बहुत लंबा पाठ। ".repeat(50) + "</p>", "store cms/b");
        file.move(small);
        file.move(large);
        assertFalse(large.isOnHeap());
        assertEquals("<p>" + "बहुत लंबा पाठ। ".repeat(50) + "</p>", large.contentHtml());
        assertEquals(texts(1), small);
    }

    @Test
    void the_files_leave_no_name_in_the_data_folder_even_while_in_use() throws IOException {
        TextsFile file = TextsFile.in(data, "cms");
        ArticleTexts t = texts(3);
        file.move(t);
        try (Stream<Path> left = Files.list(data.resolve("texts"))) {
            assertEquals(List.of(), left.toList(), "a crash or a kill leaves nothing to clean up");
        }
        assertEquals(texts(3), t);
    }

    @Test
    void when_no_file_can_be_made_the_texts_stay_in_the_heap_and_that_is_said_once() throws IOException {
        Path notAFolder = Files.writeString(data.resolve("texts"), "एक फ़ाइल, फ़ोल्डर नहीं");
        TextsFile file = TextsFile.in(data, "cms");
        ArticleTexts first = texts(1);
        ArticleTexts second = texts(2);
        file.move(first);
        file.move(second);
        assertTrue(first.isOnHeap());
        assertTrue(second.isOnHeap());
        assertEquals(texts(2), second);
        List<String> warnings = log.messages(ch.qos.logback.classic.Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'cms'") && warnings.get(0).contains(notAFolder.toString()),
                warnings.get(0));
    }
}
