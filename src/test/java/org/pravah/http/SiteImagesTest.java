package org.pravah.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;

/** {@code site.images}: the site's own pictures at {@code /images/<name>}, and nothing else from that folder. */
class SiteImagesTest {
    /** Not a real picture: the server passes bytes through and never decodes them. */
    private static final byte[] PICTURE = "\u0089PNG kohra-rajmarg".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;
    private TestSite site;

    @BeforeEach
    void start() throws IOException {
        site = new TestSite(dir).config(TestSite.freePort(), "  images: chitra\n", "");
        site.article("desh/kohra", "कोहरे में धीमी चलीं गाड़ियाँ", "desh", "2026-11-20T08:00:00+05:30");
        Files.createDirectories(dir.resolve("chitra/desh"));
        Files.write(dir.resolve("chitra/desh/kohra.png"), PICTURE);
        site.start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void picture_in_the_images_folder_is_served_with_its_type_validators_and_a_304() {
        HttpResponse<byte[]> first = site.get("/images/desh/kohra.png");
        assertEquals(200, first.statusCode());
        assertArrayEquals(PICTURE, first.body());
        assertEquals("image/png", first.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", first.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(first.headers().firstValue("Cache-Control").orElse("").startsWith("public, max-age="),
                first.headers().map().toString());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = site.get("/images/desh/kohra.png", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
    }

    @Test
    void picture_saved_after_the_start_is_served_without_a_restart() throws IOException {
        assertEquals(404, site.get("/images/khel/nayi.jpg").statusCode());
        Files.createDirectories(dir.resolve("chitra/khel"));
        Files.write(dir.resolve("chitra/khel/nayi.jpg"), PICTURE);
        HttpResponse<byte[]> now = site.get("/images/khel/nayi.jpg");
        assertEquals(200, now.statusCode());
        assertEquals("image/jpeg", now.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void only_pictures_are_served_never_other_files_hidden_names_or_links_out_of_the_folder() throws IOException {
        Files.writeString(dir.resolve("chitra/notes.txt"), "संपादक के नोट");
        Files.write(dir.resolve("chitra/.draft.png"), PICTURE);
        Files.createSymbolicLink(dir.resolve("chitra/config.png"), dir.resolve("feeds-config.yaml"));
        for (String path : new String[] {"/images/notes.txt", "/images/.draft.png", "/images/config.png",
                "/images/desh", "/images/%2e%2e/feeds-config.yaml", "/images/../feeds-config.yaml"}) {
            HttpResponse<byte[]> response = site.get(path);
            assertTrue(response.statusCode() == 404 || response.statusCode() == 400, path + " → " + response.statusCode());
            assertTrue(!new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).contains("परीक्षण समाचार\"")
                    && !Arrays.equals(PICTURE, response.body()), path + " leaked a file");
        }
    }

    @Test
    void svg_opened_on_its_own_is_sandboxed() throws IOException {
        Files.writeString(dir.resolve("chitra/naksha.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        HttpResponse<byte[]> svg = site.get("/images/naksha.svg");
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElse(""));
        assertTrue(svg.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
    }

    /** A plain-text export with an image line, which names the picture's credit but never its address. */
    private static String export(String title) {
        return "Hindi News देश " + title + "\n\n" + title + "\n\n" + title + " का पूरा ब्योरा।\n\n" + title
                + "- प्रवाह समाचार Image Source : फ़ाइल फ़ोटो " + title + "\n\nसुबह से दृश्यता पचास मीटर से कम रही।\n";
    }

    @Test
    void txt_export_page_shows_the_picture_kept_under_its_name_and_no_orphan_caption_without_one()
            throws IOException {
        Files.write(dir.resolve("chitra/desh/dhundh.png"), PICTURE);
        site.write("articles/desh/dhundh.txt", export("कोहरे से रेलगाड़ियाँ देर से चलीं"));
        site.write("articles/desh/pala.txt", export("पहाड़ों में पाला पड़ा"));
        TestSite.waitUntil(Duration.ofSeconds(10), "both exports served",
                () -> site.get("/articles/local/desh/pala").statusCode() == 200
                        && site.get("/articles/local/desh/dhundh").statusCode() == 200);
        Document dhundh = Jsoup.parse(site.getText("/articles/local/desh/dhundh"));
        assertEquals(site.url("/images/desh/dhundh.png"), dhundh.selectFirst("figure img").attr("src"));
        assertTrue(dhundh.selectFirst("figcaption").text().contains("फ़ाइल फ़ोटो"));
        Document pala = Jsoup.parse(site.getText("/articles/local/desh/pala"));
        assertEquals(null, pala.selectFirst("figure"), "a caption with no picture is not shown");
        assertEquals(200, site.get("/images/desh/dhundh.png").statusCode());
    }
}
