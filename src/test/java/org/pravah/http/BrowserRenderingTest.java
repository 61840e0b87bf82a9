package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.ViewsSite;

/**
 * The index and a feed's page loaded in a real browser (Debian's headless Chromium): the DOM it builds holds the
 * Devanagari text, which it only does when it decoded the bytes as UTF-8. Skipped where Chromium is not installed
 * ({@code apt-get install -y chromium}).
 */
class BrowserRenderingTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static ViewsSite site;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install -y chromium");
        site = ViewsSite.start();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    /** The DOM after the browser parsed and laid out the page, as {@code chromium --dump-dom} prints it. */
    private static Document dom(String path, Path scratch) throws IOException, InterruptedException {
        Path out = scratch.resolve("dom.html");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + scratch.resolve("profile"),
                "--dump-dom", site.client().url(path)))
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish loading " + path + " within 90 s");
        }
        assertEquals(0, chromium.exitValue(), "chromium exit status");
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertFalse(html.contains("à¤"), "UTF-8 read as Latin-1: " + html);
        return Jsoup.parse(html);
    }

    @Test
    void the_index_shows_its_devanagari_text_in_the_browser(@TempDir Path scratch) throws Exception {
        Document doc = dom("/", scratch);
        assertEquals("hi", doc.selectFirst("html").attr("lang"));
        assertEquals("प्रवाह परीक्षण", doc.selectFirst("h1").text());
        assertTrue(doc.select("main a").eachText().contains("विदेश"), doc.select("main").text());
        assertTrue(doc.text().contains("ज़िला पुस्तक मेले में बच्चों की भीड़"), doc.text());
    }

    @Test
    void a_feed_page_shows_its_articles_and_addresses_in_the_browser(@TempDir Path scratch) throws Exception {
        Document doc = dom("/feeds/videsh/asia", scratch);
        assertEquals("विदेश › एशिया", doc.selectFirst("h1").text());
        assertEquals("दक्षिण एशिया में मानसून की देर से विदाई, कई देशों में फ़सलें प्रभावित",
                doc.selectFirst("ol.items h3").text());
        assertEquals(site.url("/feeds/videsh/asia.rss"), doc.selectFirst("#url-rss").val());
    }
}
