package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.config.ConfigLoader;
import org.pravah.testing.Client;
import org.pravah.testing.TestSite;

/** A store that cannot be opened takes down neither the server nor the other sources, and says why. */
class StoreUnavailableTest {
    @TempDir
    Path dir;
    @AutoClose
    private Application app;

    private Client startWithBrokenStoreFile() throws Exception {
        Path config = TestSite.writeStoreSite(dir, TestSite.apiWithToken());
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("pravah.db"), "यह डेटाबेस नहीं, एक टूटी हुई फ़ाइल है।\n".repeat(200),
                StandardCharsets.UTF_8);
        app = new Application(ConfigLoader.load(config)).start("127.0.0.1");
        return Client.of(app).withToken(TestSite.TOKEN);
    }

    @Test
    void the_file_sources_keep_serving_while_status_names_the_store_that_did_not_open() throws Exception {
        Client client = startWithBrokenStoreFile();

        HttpResponse<byte[]> feed = client.get("/feeds/all.rss");
        assertEquals(200, feed.statusCode());
        assertTrue(Client.text(feed).contains("उत्तर भारत में ठंड बढ़ी"), "the directory source's article is served");

        HttpResponse<byte[]> status = client.get("/status");
        assertTrue(Client.text(status).contains("cms"), Client.text(status));
        assertTrue(Client.text(status).contains(dir.resolve("data").resolve("pravah.db").toString()),
                "the store's file is named: " + Client.text(status));
        assertTrue(Client.text(status).contains("not a database"), "and the real cause: " + Client.text(status));
    }

    @Test
    void the_api_answers_that_the_store_is_unavailable_rather_than_that_it_is_off() throws Exception {
        Client client = startWithBrokenStoreFile();

        HttpResponse<byte[]> write = client.json("PUT", "/api/articles/naya", "{\"title\": \"नई ख़बर\"}");
        assertEquals(503, write.statusCode(), Client.text(write));
        assertTrue(Client.text(write).contains("store-unavailable"), Client.text(write));
        assertFalse(Client.text(write).contains(dir.toString()), "clients are not shown server paths: " + Client.text(write));
    }

    @Test
    void once_the_file_is_mended_the_store_opens_without_a_restart() throws Exception {
        Client client = startWithBrokenStoreFile();
        Files.move(dir.resolve("data/pravah.db"), dir.resolve("data/pravah.db.toota"));

        assertTrue(app.openStoreNow());
        HttpResponse<byte[]> write = client.json("PUT", "/api/articles/naya",
                "{\"title\": \"भंडार फिर खुला, ख़बर छपी\", \"categories\": [\"देश\"]}");
        assertEquals(201, write.statusCode(), Client.text(write));
        assertTrue(Client.text(client.get("/feeds/all.rss")).contains("भंडार फिर खुला, ख़बर छपी"));
    }
}
