package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pravah.catalog.Category;

class StaticHostLinksTest {
    private static final Category ASIA = new Category("videsh/asia", "asia", "एशिया", "", List.of(),
            List.of("विदेश", "एशिया"), List.of());

    @Test
    void the_server_addresses_further_pages_by_query() {
        SiteLinks links = new SiteLinks("https://example.org");
        assertEquals("https://example.org/feeds/videsh/asia.atom?page=3",
                links.feedDocument(Optional.of(ASIA), FeedFormat.ATOM, FeedQuery.FIRST_PAGE.withPage(3)));
        assertEquals("https://example.org/feeds/all.rss",
                links.feedDocument(Optional.empty(), FeedFormat.RSS, FeedQuery.FIRST_PAGE));
    }

    @Test
    void a_static_host_addresses_further_pages_by_file_name_and_the_first_page_as_the_server_does() {
        SiteLinks links = SiteLinks.forStaticHost("https://example.org");
        assertEquals("/feeds/videsh/asia.page-3.atom",
                links.feedDocumentPath(Optional.of(ASIA), FeedFormat.ATOM, FeedQuery.FIRST_PAGE.withPage(3)));
        assertEquals("/feeds/all.rss", links.feedDocumentPath(Optional.empty(), FeedFormat.RSS, FeedQuery.FIRST_PAGE));
        // filtered views exist only on the server, so they keep their query
        assertEquals("/feeds/all.rss?page=2&tag=%E0%A4%96%E0%A5%87%E0%A4%B2",
                links.feedDocumentPath(Optional.empty(), FeedFormat.RSS, new FeedQuery(2, 0, "", "खेल")));
    }
}
