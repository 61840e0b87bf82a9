package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.LanguageTag;
import org.pravah.testing.LogCapture;

class KeptFeedsTest {
    private static final String FINGERPRINT = "build-1\nPravahConfig[site=प्रवाह]";
    private static final KeptFeeds.Feed ALL_RSS = new KeptFeeds.Feed("all", FeedFormat.RSS);
    private static final KeptFeeds.Feed RAJYA_ATOM = new KeptFeeds.Feed("desh/rajya", FeedFormat.ATOM);

    private static KeptFeeds twoFeeds() {
        // one large enough to have a gzip form, one too small for it
        String items = "<item><title>गंगा घाट पर दीपों की पंक्तियाँ सजीं</title></item>".repeat(40);
        Rendered all = Rendered.of(FeedFormat.RSS.contentType(),
                ("<rss version=\"2.0\"><channel>" + items + "</channel></rss>").getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-11-28T04:30:00Z"), "<https://hub.example/>; rel=\"hub\"");
        Rendered rajya = Rendered.of(FeedFormat.ATOM.contentType(),
                "<feed xml:lang=\"hi\"><title>राज्य</title></feed>".getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-11-27T00:00:00.5Z"));
        return new KeptFeeds(new LanguageTag("hi-IN"), Map.of(ALL_RSS, all, RAJYA_ATOM, rajya));
    }

    @Test
    void kept_feeds_come_back_byte_for_byte_with_their_validators(@TempDir Path dir) throws IOException {
        KeptFeeds kept = twoFeeds();
        Path file = dir.resolve("kept-feeds");
        kept.write(file, FINGERPRINT);

        KeptFeeds taken = KeptFeeds.take(file, FINGERPRINT);

        assertEquals("hi-IN", taken.language().value());
        assertEquals(kept.feeds().keySet(), taken.feeds().keySet());
        for (KeptFeeds.Feed feed : List.of(ALL_RSS, RAJYA_ATOM)) {
            Rendered before = kept.feed(feed.categoryPath(), feed.format()).orElseThrow();
            Rendered after = taken.feed(feed.categoryPath(), feed.format()).orElseThrow();
            assertArrayEquals(before.bytes(), after.bytes());
            assertEquals(before.gzip().map(Arrays::toString), after.gzip().map(Arrays::toString));
            assertEquals(before.etag(), after.etag());
            assertEquals(before.lastModified(), after.lastModified());
            assertEquals(before.contentType(), after.contentType());
            assertEquals(before.link(), after.link());
        }
        assertTrue(taken.feed("all", FeedFormat.RSS).orElseThrow().gzip().isPresent());
    }

    @Test
    void kept_feeds_are_served_once_the_file_is_deleted_as_it_is_read(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kept-feeds");
        twoFeeds().write(file, FINGERPRINT);

        assertFalse(KeptFeeds.take(file, FINGERPRINT).isEmpty());

        // a crash after this start must not serve them again at the next one
        assertFalse(Files.exists(file));
        assertTrue(KeptFeeds.take(file, FINGERPRINT).isEmpty());
    }

    @Test
    void feeds_kept_by_another_build_or_config_are_not_served(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kept-feeds");
        twoFeeds().write(file, FINGERPRINT);

        try (LogCapture log = LogCapture.of(KeptFeeds.class)) {
            assertTrue(KeptFeeds.take(file, FINGERPRINT.replace("प्रवाह", "प्रवाह समाचार")).isEmpty());
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("another build or config")), log.messages()
                    .toString());
        }
    }

    @Test
    void a_damaged_kept_feeds_file_names_itself_and_its_byte_offset_and_serves_none(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("kept-feeds");
        twoFeeds().write(file, FINGERPRINT);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);

        try (LogCapture log = LogCapture.of(KeptFeeds.class)) {
            assertTrue(KeptFeeds.take(file, FINGERPRINT).isEmpty());
            String warning = String.join("\n", log.messages());
            assertTrue(warning.contains(file.toString()) && warning.contains("at byte " + (bytes.length - 8))
                    && warning.contains("checksum"), warning);
        }
    }

    @Test
    void a_kept_feeds_file_cut_short_is_reported_and_serves_none(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kept-feeds");
        twoFeeds().write(file, FINGERPRINT);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 5));

        try (LogCapture log = LogCapture.of(KeptFeeds.class)) {
            assertTrue(KeptFeeds.take(file, FINGERPRINT).isEmpty());
            String warning = String.join("\n", log.messages());
            assertTrue(warning.contains(file.toString()) && warning.contains("ends early"), warning);
        }
    }
}
