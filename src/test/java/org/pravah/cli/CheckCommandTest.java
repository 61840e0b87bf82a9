package org.pravah.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;

class CheckCommandTest {
    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run run(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertLine(String report, String regex) {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(report).find(),
                "no line matching " + regex + " in:\n" + report);
    }

    @Test
    void a_good_site_passes_with_exit_0_and_every_feed_listed_with_pages_items_and_size(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        Run run = run(false, "check", "--config", config.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertLine(run.out(), " +local +6 articles +ok");
        // itemsPerFeed is 2: six articles make three pages
        assertLine(run.out(), " +/feeds/all\\.rss +3 +6 +[0-9.]+ KB +ok");
        assertLine(run.out(), " +/feeds/all\\.atom +3 +6 +[0-9.]+ KB +ok");
        assertLine(run.out(), " +/feeds/desh\\.rss +2 +3 +[0-9.]+ KB +ok");
        assertLine(run.out(), " +/feeds/desh/rajya\\.atom +1 +1 +[0-9.]+ KB +ok");
        assertLine(run.out(), " +/feeds/khel\\.rss +1 +2 +[0-9.]+ KB +ok");
        // the all-feed and the seven categories of TestSite.CATEGORIES, in three formats
        assertLine(run.out(), "OK: 1 source\\(s\\), 6 articles, 24 feeds, no problems");
    }

    @Test
    void a_broken_site_fails_with_exit_1_naming_each_bad_file(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh-broken", dir);
        Run run = run(false, "check", "--config", config.toString());
        assertEquals(1, run.status(), run.out());
        assertLine(run.out(), " +khabar +2 articles +2 problems");
        assertLine(run.out(), " +problem: articles/bina-shirshak\\.json: missing required field 'title'.*");
        assertLine(run.out(), " +problem: articles/tooti\\.json: broken JSON at line 6, column 1.*");
        assertLine(run.out(), " +warning: articles/galat-shreni\\.json: no category matches \\[खगोल\\].*");
        assertLine(run.out(), "FAILED: 1 source\\(s\\), 2 articles, 24 feeds, 2 problems, 1 warning");
    }

    @Test
    void an_article_in_no_known_category_is_a_warning_that_does_not_fail_the_check(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh-broken", dir);
        Files.delete(dir.resolve("articles/tooti.json"));
        Files.delete(dir.resolve("articles/bina-shirshak.json"));
        Run run = run(false, "check", "--config", config.toString());
        assertEquals(0, run.status(), run.out());
        assertLine(run.out(), "OK: 1 source\\(s\\), 2 articles, 24 feeds, no problems, 1 warning");
    }

    @Test
    void a_feed_page_over_the_size_limit_fails_the_check(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        Run run = run(false, "check", "--config", config.toString(), "--max-feed-bytes", "3000");
        assertEquals(1, run.status(), run.out());
        assertLine(run.out(), " +/feeds/all\\.rss +3 +6 +[0-9.]+ KB +[0-9]+ problems?");
        assertLine(run.out(), " +problem: page 1: [0-9]+ bytes, over the limit of 3000");
        assertLine(run.out(), " +/feeds/desh/rajya\\.rss +1 +1 +[0-9.]+ KB +ok");
    }

    @Test
    void an_invalid_config_fails_with_exit_1_and_names_the_key(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8)
                .replace("itemsPerFeed: 2", "itemsPerFed: 2"), StandardCharsets.UTF_8);
        Run run = run(false, "check", "--config", config.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("pravah: config error: "), run.err());
        assertTrue(run.err().contains("itemsPerFed"), run.err());
    }

    @Test
    void wrong_arguments_exit_2_with_one_line_pointing_to_the_usage() {
        Run run = run(false, "check", "--max-feed-bytes", "-5");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--max-feed-bytes must be"), run.err());
        assertTrue(run.err().contains("--help shows the usage"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(2, run(false, "check", "stray").status());
        assertEquals(2, run(false, "export").status());
    }

    @Test
    void progress_goes_to_stderr_as_plain_lines_off_a_terminal_and_as_one_redrawn_line_on_one(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh", dir);
        Run plain = run(false, "check", "--config", config.toString());
        // 24 feeds: 8 (all and the seven categories) in 3 formats; 33 documents: their pages at 2 items a page
        assertLine(plain.err(), "checking feeds: 24 feeds, 33 documents");
        assertFalse(plain.err().contains("\r"), plain.err());
        assertFalse(plain.out().contains("checking feeds"), plain.out());
        Run terminal = run(true, "check", "--config", config.toString());
        assertTrue(terminal.err().contains("\rchecking feeds: 1/24"), terminal.err());
        assertTrue(terminal.err().contains("\rchecking feeds: 24 feeds, 33 documents"), terminal.err());
    }
}
