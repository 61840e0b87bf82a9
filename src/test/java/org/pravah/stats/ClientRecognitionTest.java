package org.pravah.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pravah.stats.ClientRecognition.Kind;
import org.pravah.stats.ClientRecognition.Recognised;

/** User-Agents as the services document them and as they show in publishers' logs. */
class ClientRecognitionTest {
    private final ClientRecognition clients = ClientRecognition.shipped();

    private void assertAggregator(String ua, String name, long subscribers, String feedId) {
        Recognised r = clients.recognise(ua);
        assertEquals(new Recognised(Kind.AGGREGATOR, name, subscribers, feedId), r, ua);
    }

    @Test
    void feedly_states_subscribers_and_its_feed_id() {
        assertAggregator("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 123 subscribers; feed-id=5f3c2a9e-77b1)",
                "Feedly", 123, "5f3c2a9e-77b1");
        assertAggregator("Feedly/1.0 (+https://feedly.com/fetcher.html; 1 subscriber)", "Feedly", 1, "");
        assertAggregator("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 16 subscribers; )", "Feedly", 16, "");
    }

    @Test
    void feedly_without_a_figure_is_still_feedly_and_no_reader() {
        Recognised r = clients.recognise("Feedly/1.0 (+http://www.feedly.com/fetcher.html; like FeedFetcher-Google)");
        assertEquals(Kind.AGGREGATOR, r.kind());
        assertEquals("Feedly", r.name());
        assertEquals(-1, r.subscribers());
        assertFalse(r.reader());
    }

    @Test
    void inoreader_newsblur_feedbin_the_old_reader_and_bloglovin_are_read() {
        assertAggregator("Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 3 subscribers; )", "Inoreader", 3, "");
        assertAggregator("NewsBlur Feed Fetcher - 5 subscribers - https://www.newsblur.com/site/6851238/pravah "
                + "(Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36)", "NewsBlur", 5, "6851238");
        assertAggregator("Feedbin feed-id:1234567 - 21 subscribers", "Feedbin", 21, "1234567");
        assertAggregator("Mozilla/5.0 (compatible; theoldreader.com; 4 subscribers; feed-id=2b6f1b53c4bd8b5e4b7c0e8b)",
                "The Old Reader", 4, "2b6f1b53c4bd8b5e4b7c0e8b");
        assertAggregator("Bloglovin/1.0 (http://www.bloglovin.com; 1,250 subscribers)", "Bloglovin", 1250, "");
        assertAggregator("Netvibes (crawler/bot; http://www.netvibes.com; 12 subscribers; feedID: 40000)",
                "Netvibes", 12, "40000");
    }

    @Test
    void miniflux_and_other_self_hosted_readers_are_named_readers() {
        Recognised miniflux = clients.recognise("Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)");
        assertEquals(new Recognised(Kind.READER, "Miniflux", -1, ""), miniflux);
        assertTrue(miniflux.reader());
        assertEquals("FreshRSS", clients.recognise("FreshRSS/1.24.3 (Linux; https://freshrss.org)").name());
        assertEquals("Tiny Tiny RSS", clients.recognise("Tiny Tiny RSS/24.05 (Unsupported) (https://tt-rss.org/)").name());
        assertEquals("NetNewsWire", clients.recognise("NetNewsWire (RSS Reader; https://netnewswire.com/)").name());
    }

    @Test
    void a_miniflux_style_fetcher_that_states_a_figure_counts_as_an_aggregator() {
        assertAggregator("Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app; 7 subscribers)",
                "Miniflux", 7, "");
    }

    @Test
    void an_unknown_bot_stating_subscribers_is_an_unknown_aggregator_named_by_its_product() {
        assertEquals(new Recognised(Kind.UNKNOWN_AGGREGATOR, "Foo", 42, ""), clients.recognise("Foo/1.0 (42 subscribers)"));
        assertEquals(new Recognised(Kind.UNKNOWN_AGGREGATOR, "PaathakBot", 9, "ab12"),
                clients.recognise("Mozilla/5.0 (compatible; PaathakBot/2.1; 9 subscribers; feed-id=ab12)"));
    }

    @Test
    void a_browser_is_just_a_reader_without_a_name() {
        Recognised r = clients.recognise("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        assertEquals(Recognised.OTHER, r);
        assertTrue(r.reader());
        assertEquals(Recognised.OTHER, clients.recognise(null));
        assertEquals(Recognised.OTHER, clients.recognise(""));
    }

    @Test
    void absurd_subscriber_counts_are_ignored() {
        assertEquals(-1, clients.recognise("Feedly/1.0 (99999999999 subscribers)").subscribers());
        assertEquals(-1, clients.recognise("Feedly/1.0 (10000001 subscribers)").subscribers());
        assertEquals(10_000_000, clients.recognise("Feedly/1.0 (10000000 subscribers)").subscribers());
        assertEquals(Recognised.OTHER, clients.recognise("Foo/1.0 (123456789012345678901234567890 subscribers)"));
    }

    @Test
    void a_ten_kilobyte_user_agent_is_not_read() {
        String huge = "Feedly/1.0 (5 subscribers) " + "क".repeat(10 * 1024);
        assertEquals(Recognised.OTHER, clients.recognise(huge));
    }

    @Test
    void control_characters_or_undecodable_bytes_make_a_figure_unbelievable() {
        assertEquals(-1, clients.recognise("Feedly/1.0 (\u0001 500 subscribers)").subscribers());
        assertEquals(Recognised.OTHER, clients.recognise("Foo\u0007/1.0 (500 subscribers)"));
        String invalidUtf8 = new String(new byte[] {'F', 'o', 'o', (byte) 0xff, ' ', '5', ' ', 's', 'u', 'b', 's', 'c',
                'r', 'i', 'b', 'e', 'r', 's'}, StandardCharsets.UTF_8);
        assertEquals(Recognised.OTHER, clients.recognise(invalidUtf8));
    }

    @Test
    void a_feed_id_with_markup_is_dropped_not_kept() {
        Recognised r = clients.recognise("Foo/1.0 (3 subscribers; feed-id=<script>)");
        assertEquals("", r.feedId());
        assertEquals(3, r.subscribers());
    }

    @Test
    void a_bad_entry_in_a_clients_file_names_its_place() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientRecognition.parse("""
                defaults: {subscribers: '(\\\\d+) subscribers', feedId: 'id=(\\\\w+)'}
                clients:
                  - {name: Ek, kind: reader, match: 'ek/'}
                  - {name: Do, kind: reader, match: '(unclosed'}
                """.getBytes(StandardCharsets.UTF_8), "clients.yaml"));
        assertTrue(e.getMessage().startsWith("clients.yaml: clients[1].match: "), e.getMessage());
    }
}
