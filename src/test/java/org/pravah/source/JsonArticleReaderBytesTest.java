package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;

/**
 * A folder's {@code *.json} files are decoded into a reused char buffer and parsed from it, not through a decoded
 * String. Whatever a file holds, the articles, the warnings and the words of a refusal must be those of decoding it
 * with {@link Utf8#decode} and parsing the text.
 */
class JsonArticleReaderBytesTest {
    private final JsonArticleReader reader = new JsonArticleReader();
    private final ArticleFile file = new ArticleFile("desh/lekh", Fixtures.FILE_TIME, "articles/desh/lekh.json");

    /** The articles and warnings of a file, or what refused it. */
    private record Outcome(List<ArticleDraft> drafts, List<String> warnings, String refusal) {
    }

    private Outcome fromBytes(byte[] bytes) {
        List<String> warnings = new ArrayList<>();
        try {
            return new Outcome(reader.read(bytes, file, warnings), warnings, "");
        } catch (ArticleException e) {
            return new Outcome(List.of(), warnings, e.getMessage());
        }
    }

    private Outcome fromText(byte[] bytes) {
        List<String> warnings = new ArrayList<>();
        try {
            return new Outcome(reader.read(Utf8.decode(bytes, file.name()), file, warnings), warnings, "");
        } catch (ArticleException e) {
            return new Outcome(List.of(), warnings, e.getMessage());
        }
    }

    private void assertSameAsDecoded(byte[] bytes) {
        assertEquals(fromText(bytes), fromBytes(bytes), () -> "for " + new String(bytes, StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void every_json_file_of_the_test_sites_and_fixtures_reads_the_same_from_bytes() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertTrue(files.size() > 20, "the fixtures are found");
        for (Path p : files) {
            assertSameAsDecoded(Files.readAllBytes(p));
        }
    }

    @Test
    void broken_json_after_hindi_text_names_the_column_in_characters_as_before() {
        byte[] bytes = utf8("{\"id\": \"a\", \"title\": \"दिल्ली में ठंड\" \"body\": \"x\"}");
        Outcome outcome = fromBytes(bytes);
        assertEquals(fromText(bytes), outcome);
        assertTrue(outcome.refusal().contains("line 1, column 39"), outcome.refusal());
    }

    @Test
    void bad_utf8_in_a_json_file_is_refused_with_its_byte_offset_as_before() {
        byte[] bytes = concat(utf8("{\"title\": \"खबर"), new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                utf8("\"}"));
        Outcome outcome = fromBytes(bytes);
        assertEquals(fromText(bytes), outcome);
        assertTrue(outcome.refusal().contains("not valid UTF-8 at byte offset 20"), outcome.refusal());
    }

    @Test
    void byte_order_marks_zero_bytes_controls_and_encoded_surrogates_read_as_the_decoded_text_reads() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] article = utf8("{\"id\": \"a\", \"title\": \"समाचार 🎉\", \"body\": \"पहला\\n\\nदूसरा\\u0000\"}");
        assertSameAsDecoded(concat(bom, article));
        assertSameAsDecoded(concat(bom, bom, article));
        assertSameAsDecoded(concat(bom));
        assertSameAsDecoded(new byte[0]);
        assertSameAsDecoded(utf8("  \n\t "));
        // read as UTF-16 these would be an empty object: the decoded text is a NUL before each brace
        assertSameAsDecoded(new byte[] {0, '{', 0, '}'});
        assertSameAsDecoded(new byte[] {'{', 0, '}', 0});
        assertSameAsDecoded(utf8("{\"title\": \"a\u0001b\"}"));
        assertSameAsDecoded(utf8("{\"title\": \"a\u007Fb\", \"id\": 12345678901234567890, \"author\": 1.50}"));
        assertSameAsDecoded(concat(utf8("{\"title\": \"a"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                utf8("\"}")));
        assertSameAsDecoded(concat(utf8("{\"title\": \"a"), new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                (byte) 0x80}, utf8("\"}")));
        assertSameAsDecoded(utf8("{\"title\": \"\uFFFD\uFEFF\uFFFE\"}"));
        assertSameAsDecoded(utf8("{\"title\": \"एक\"} {\"title\": \"दो\"}"));
        assertSameAsDecoded(utf8("[{\"title\": \"एक\", \"x\": 1}, 7]"));
        assertSameAsDecoded(utf8("{\"title\": \"एक\", \"title\": \"दो\"}"));
        assertSameAsDecoded(utf8("{\"title\": \"Café ß ǅ ₹ 🎉🙏\", \"id\": \"x\"}"));
        assertSameAsDecoded(concat(utf8("{\"title\": \"a"), new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("\"}")));
        assertSameAsDecoded(concat(utf8("{\"title\": \"a"), new byte[] {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF,
                (byte) 0xBF}, utf8("\"}")));
        assertSameAsDecoded(concat(utf8("{\"title\": \"a"), new byte[] {(byte) 0xF0, (byte) 0x9F}));
        assertSameAsDecoded(concat(utf8("{\"title\": \"a\"}"), new byte[] {(byte) 0xE0, (byte) 0xA4}));
    }

    @Test
    void a_file_larger_than_the_kept_buffer_reads_the_same_and_so_does_a_small_one_after_it() {
        String body = "समाचार ".repeat(12_000);
        assertSameAsDecoded(utf8("{\"id\": \"lamba\", \"title\": \"लंबा लेख\", \"body\": \"" + body + "\"}"));
        assertSameAsDecoded(utf8("{\"id\": \"chhota\", \"title\": \"छोटा\"}"));
        assertSameAsDecoded(utf8("{\"id\": \"lamba\", \"title\": \"लंबा लेख\" \"body\": \"" + body + "\"}"));
    }

    @Test
    void random_bytes_and_cut_off_files_read_as_the_decoded_text_reads() {
        byte[] article = utf8("{\"id\": \"2026-12/ठंड\", \"title\": \"दिल्ली में ठंड ‘बढ़ी’ 🙏\", \"tags\": [\"मौसम\", 3],"
                + " \"body\": \"पहला\\t\\\"अनुच्छेद\\\"\\r\\n\\nदूसरा\", \"image\": {\"url\": \"/a.jpg\"}}");
        for (int cut = 0; cut <= article.length; cut++) {
            byte[] part = new byte[cut];
            System.arraycopy(article, 0, part, 0, cut);
            assertSameAsDecoded(part);
        }
        Random random = new Random(20);
        for (int i = 0; i < 3_000; i++) {
            byte[] changed = article.clone();
            for (int k = random.nextInt(3); k >= 0; k--) {
                changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
            }
            assertSameAsDecoded(changed);
        }
    }
}
