package org.pravah.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.Application;
import org.pravah.config.ConfigLoader;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

class ExportCommandTest {
    private static final String BASE = "https://parakh.example.org";
    private static final Pattern PAGE_FILE = Pattern.compile("(feeds/[^\"\\s]+?)\\.page-(\\d+)\\.([a-z]+)");
    private static final Pattern ARCHIVE_FILE = Pattern.compile("(feeds/[^\"\\s]+?)\\.archive-(\\d+)\\.([a-z]+)");
    private static final Pattern FEED_LINK = Pattern.compile("href=\"" + Pattern.quote(BASE) + "(/feeds/[^\"]+)\"");

    @Test
    void every_exported_file_has_the_bytes_the_server_sends_for_its_url(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = dir.resolve("public");
        CheckCommandTest.Run run = CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        // 24 feeds (all and the seven categories of TestSite.CATEGORIES, 3 formats), their pages and archives, pages
        assertTrue(run.out().startsWith("exported 70 files"), run.out());

        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, String> contentTypes = headerRules(Files.readString(out.resolve("_headers"), StandardCharsets.UTF_8));
        int compared = 0;
        int paged = 0;
        try (Application app = new Application(ConfigLoader.load(config)).start("127.0.0.1")) {
            Client client = Client.of(app);
            for (Path file : files) {
                String relative = out.relativize(file).toString().replace('\\', '/');
                if (relative.equals("_headers")) {
                    continue;
                }
                byte[] exported = Files.readAllBytes(file);
                String url = urlOf(relative);
                HttpResponse<byte[]> served = client.get(url);
                assertEquals(200, served.statusCode(), url);
                String text = new String(exported, StandardCharsets.UTF_8);
                if (text.contains(".page-") || text.contains(".archive-")) {
                    // the one difference allowed: links to further pages and archives name files, not ?page=n
                    String mapped = PAGE_FILE.matcher(text).replaceAll("$1.$3?page=$2");
                    mapped = ARCHIVE_FILE.matcher(mapped).replaceAll("$1.$3?archive=$2");
                    byte[] asServed = mapped.getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(served.body(), asServed, relative);
                    paged++;
                } else {
                    assertArrayEquals(served.body(), exported, relative);
                }
                // Jetty writes some types as "text/html;charset=utf-8": the same type, spelled without the space
                assertEquals(mediaType(served.headers().firstValue("Content-Type").orElseThrow()),
                        mediaType(contentType(contentTypes, url)), url);
                compared++;
            }
        }
        // every file but _headers: index, article pages, feed pages and archives, the feeds' pages for people,
        // the OPML list, the icon and logo, and the site's pictures
        assertEquals(files.size() - 1, compared);
        assertTrue(paged >= 15, "pages and archives whose links name files: " + paged);
    }

    @Test
    void the_pages_of_an_exported_feed_link_to_files_that_exist_in_the_export(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = dir.resolve("public");
        assertEquals(0, CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString()).status());
        List<String> links = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(out.resolve("feeds"))) {
            // the feed documents; the pages for people also link filtered views (?tag=…), which need the server
            for (Path feed : walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".html")).toList()) {
                Matcher m = FEED_LINK.matcher(Files.readString(feed, StandardCharsets.UTF_8));
                while (m.find()) {
                    links.add(m.group(1));
                }
            }
        }
        assertTrue(links.contains("/feeds/all.page-3.atom"), links.toString());
        for (String link : links) {
            // a feed's page for people, /feeds/desh, is the file feeds/desh.html
            String file = link.matches(".*/[^/.]+$") ? link + ".html" : link;
            assertTrue(Files.isRegularFile(out.resolve(file.substring(1))), link);
        }
        assertTrue(Files.isRegularFile(out.resolve("feeds/desh.page-2.rss")));
        assertTrue(Files.notExists(out.resolve("feeds/desh.page-3.rss")));
    }

    @Test
    void an_article_id_in_devanagari_with_a_slash_becomes_nested_folders(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = dir.resolve("public");
        assertEquals(0, CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString()).status());
        Path page = out.resolve("articles/local/मौसम/बारिश-चेतावनी.html");
        assertTrue(Files.isRegularFile(page));
        assertTrue(Files.readString(page, StandardCharsets.UTF_8).contains("तटीय ज़िलों में अगले दो दिन भारी बारिश की चेतावनी"));
    }

    @Test
    void base_url_option_changes_every_link_and_id(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = dir.resolve("public");
        assertEquals(0, CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString(),
                "--base-url", "https://cdn.example.net/hindi").status());
        String feed = Files.readString(out.resolve("feeds/all.page-2.rss"), StandardCharsets.UTF_8);
        assertTrue(feed.contains("href=\"https://cdn.example.net/hindi/feeds/all.page-3.rss\""), feed);
        assertTrue(feed.contains("<guid>https://cdn.example.net/hindi/articles/local/kabaddi-final</guid>"), feed);
        assertFalse(feed.contains(BASE + "/feeds"), feed);
    }

    @Test
    void the_headers_file_gives_each_kind_of_file_its_type_with_charset_and_the_site_language(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = dir.resolve("public");
        assertEquals(0, CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString()).status());
        String headers = Files.readString(out.resolve("_headers"), StandardCharsets.UTF_8);
        assertTrue(headers.contains("/*\n  Content-Language: hi\n  Cache-Control: public, max-age=900, "
                + "stale-while-revalidate=900\n"), headers);
        assertTrue(headers.contains("/feeds/*.rss\n  Content-Type: application/rss+xml; charset=utf-8\n"), headers);
        assertTrue(headers.contains("/feeds/*.atom\n  Content-Type: application/atom+xml; charset=utf-8\n"), headers);
        assertTrue(headers.contains("/articles/*\n  Content-Type: text/html; charset=utf-8\n"), headers);
        assertTrue(headers.contains("/feeds.opml\n  Content-Type: text/x-opml; charset=utf-8\n"), headers);
        assertTrue(headers.contains("/images/*.svg\n  Content-Type: image/svg+xml\n"), headers);
        assertTrue(headers.contains("/assets/copy.js\n  Content-Type: text/javascript; charset=utf-8\n"), headers);
        assertTrue(headers.contains("/favicon.ico\n  Content-Type: image/png\n"), headers);
    }

    @Test
    void the_sites_pictures_are_exported_to_images_and_nothing_else_from_their_folder(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = dir.resolve("public");
        assertEquals(0, CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString()).status());
        assertArrayEquals(Files.readAllBytes(dir.resolve("site/chitra/nadi.png")),
                Files.readAllBytes(out.resolve("images/nadi.png")));
        assertTrue(Files.isRegularFile(out.resolve("images/naksha/sheher.svg")));
        assertFalse(Files.exists(out.resolve("images/notes.txt")), "the picture desk's notes stay private");
        assertFalse(Files.exists(out.resolve("images/.chhupa.png")), "hidden files stay private");
    }

    @Test
    void the_headers_file_sends_the_servers_security_headers_and_the_pages_find_their_script(@TempDir Path dir)
            throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = dir.resolve("public");
        assertEquals(0, CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString()).status());
        String headers = Files.readString(out.resolve("_headers"), StandardCharsets.UTF_8);
        String all = headers.substring(headers.indexOf("\n/*\n"), headers.indexOf("\n/\n"));
        assertTrue(all.contains("\n  X-Content-Type-Options: nosniff\n"), all);
        assertTrue(all.contains("\n  Referrer-Policy: strict-origin-when-cross-origin\n"), all);
        assertTrue(all.contains("\n  Content-Security-Policy: default-src 'none'; "), all);
        assertEquals(1, headers.split("Content-Security-Policy", -1).length - 1, "set by one rule only");
        String page = Files.readString(out.resolve("feeds/desh.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("<script src=\"" + BASE + "/assets/copy.js\" defer>"), page);
        assertTrue(Files.isRegularFile(out.resolve("assets/copy.js")));
        assertTrue(Files.isRegularFile(out.resolve("favicon.ico")));
    }

    @Test
    void a_folder_that_is_not_empty_is_refused_and_left_as_it_was(@TempDir Path dir) throws Exception {
        Path config = TestSite.copySample("parakh", dir.resolve("site"));
        Path out = Files.createDirectories(dir.resolve("public"));
        Files.writeString(out.resolve("keep.txt"), "पुरानी फ़ाइल", StandardCharsets.UTF_8);
        CheckCommandTest.Run run = CheckCommandTest.run(false, "export", out.toString(), "--config", config.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("is not an empty folder"), run.err());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), left.toList());
        }
    }

    /** The URL a static host answers with this file, and the server with the same bytes. */
    private static String urlOf(String relative) {
        if (relative.equals("index.html")) {
            return "/";
        }
        Matcher page = PAGE_FILE.matcher(relative);
        if (page.matches()) {
            return "/" + page.group(1) + "." + page.group(3) + "?page=" + page.group(2);
        }
        Matcher archive = ARCHIVE_FILE.matcher(relative);
        if (archive.matches()) {
            return "/" + archive.group(1) + "." + archive.group(3) + "?archive=" + archive.group(2);
        }
        String path = relative.endsWith(".html") ? relative.substring(0, relative.length() - ".html".length()) : relative;
        StringBuilder url = new StringBuilder();
        for (String segment : path.split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }

    private static String mediaType(String contentType) {
        return contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** The _headers rules that set Content-Type, pattern to value. */
    private static Map<String, String> headerRules(String headers) {
        Map<String, String> rules = new LinkedHashMap<>();
        String pattern = null;
        for (String line : headers.split("\n")) {
            if (line.startsWith("/")) {
                pattern = line;
            } else if (line.startsWith("  Content-Type: ")) {
                rules.put(pattern, line.substring("  Content-Type: ".length()));
            }
        }
        return rules;
    }

    /** The one Content-Type rule matching a URL path, in the hosts' glob syntax ({@code *} matches any run). */
    private static String contentType(Map<String, String> rules, String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        List<String> found = new ArrayList<>();
        rules.forEach((pattern, type) -> {
            String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q");
            if (path.matches(regex)) {
                found.add(type);
            }
        });
        assertEquals(1, found.size(), "Content-Type rules for " + path + ": " + found);
        return found.get(0);
    }
}
