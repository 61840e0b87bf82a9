package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.catalog.CatalogEntry;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.pravah.render.SiteLinks;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/**
 * The site a newcomer sees first: the shipped {@code feeds-config.yaml} with {@code articles/} and {@code images/}.
 * It must work offline, with nothing broken and no problem reported; deliberate problems belong to the test sites.
 */
class SampleSiteTest {
    private static final Path REPO = Path.of("").toAbsolutePath();

    /** The shipped site copied into {@code dir} (a test must not write the repository's data folder). */
    private static Path copy(Path dir) throws IOException {
        Files.copy(REPO.resolve("feeds-config.yaml"), dir.resolve("feeds-config.yaml"));
        for (String folder : List.of("articles", "images")) {
            TestSite.copyTree(REPO.resolve(folder), dir.resolve(folder));
        }
        return dir.resolve("feeds-config.yaml");
    }

    @Test
    void the_sample_site_is_checked_without_a_single_problem(@TempDir Path dir) throws Exception {
        ByteArrayRun run = ByteArrayRun.check(copy(dir));
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("no problems"), run.out());
    }

    @Test
    void every_picture_and_link_on_the_sample_sites_pages_is_served_by_the_site_itself(@TempDir Path dir)
            throws Exception {
        int port = TestSite.freePort();
        PravahConfig config = ConfigLoader.load(copy(dir)).withPort(port).withBaseUrl("http://127.0.0.1:" + port);
        try (Application app = new Application(config).start("127.0.0.1")) {
            Client client = Client.of(app).servingAs("http://127.0.0.1:" + port);
            String base = "http://127.0.0.1:" + port;
            Set<String> addresses = new LinkedHashSet<>();
            List<String> pages = new ArrayList<>(List.of(base + "/"));
            for (CatalogEntry entry : app.site().snapshot().entries()) {
                pages.add(new SiteLinks(base).articlePage(entry.article()));
            }
            int pictures = 0;
            for (String page : pages) {
                Document doc = Jsoup.parse(Client.text(client.get(page)), page);
                for (var img : doc.select("img[src]")) {
                    addresses.add(img.absUrl("src"));
                    pictures++;
                }
                doc.select("a[href]").forEach(a -> addresses.add(a.absUrl("href")));
            }
            assertTrue(pictures >= 9, "the sample articles show their pictures: " + pictures);
            for (String address : addresses) {
                assertTrue(address.startsWith(base + "/"), "the sample site leaves itself: " + address);
                assertEquals(200, client.get(address).statusCode(), address);
            }
        }
    }

    /** {@code pravah check}, run in-process on a config. */
    private record ByteArrayRun(int status, String out, String err) {
        static ByteArrayRun check(Path config) {
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            int status = org.pravah.cli.Commands.run(new String[] {"check", "--config", config.toString()},
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), false);
            return new ByteArrayRun(status, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
