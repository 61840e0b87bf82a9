package org.pravah.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.SiteDefaults;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.DirectorySourceConfig;
import org.pravah.config.PravahConfig;
import org.pravah.config.SiteConfig;
import org.pravah.http.MiniSite;
import org.pravah.source.DirectorySource;

/**
 * The mini site read without HTTP: its articles go through the real readers and normaliser into a {@link Snapshot},
 * and {@link FeedViews} cuts the views the renderers get. Published at https://pravah.example.
 */
final class RenderFixture {
    static final String BASE_URL = "https://pravah.example";
    /** The summary of {@code local/desh/saar-likhit}: plain text that a reader must not run as markup. */
    static final String WRITTEN_MARKUP_SUMMARY = "निफ्टी < 1% ऊपर, <निवेशक> ख़ुश & \"सतर्क\""
            + " <img src=x onerror=alert(1)><script>alert(2)</script> <a href=\"javascript:alert(3)\">देखें</a>";
    /** The summary made from the content of {@code local/desh/saar-banaya}, whose escaped text looks like markup. */
    static final String DERIVED_MARKUP_SUMMARY = "<img src=x onerror=alert(4)> सेंसेक्स & निफ्टी में बढ़त देखें";

    final PravahConfig config;
    final Path dir;

    RenderFixture(Path dir) throws IOException, ConfigException {
        this.dir = dir;
        this.config = ConfigLoader.load(MiniSite.create(dir, 0, BASE_URL));
    }

    /**
     * The mini site with two more articles in {@code desh} whose summaries look like markup: {@code saar-likhit}
     * writes {@link #WRITTEN_MARKUP_SUMMARY}, {@code saar-banaya} has no summary and HTML content whose text is
     * {@link #DERIVED_MARKUP_SUMMARY}, with a {@code javascript:} link.
     */
    static RenderFixture withMarkupSummaries(Path dir) throws IOException, ConfigException {
        RenderFixture fixture = new RenderFixture(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode written = json.createObjectNode()
                .put("title", "बाज़ार में हल्की तेज़ी")
                .put("summary", WRITTEN_MARKUP_SUMMARY)
                .put("body", "मुंबई: शेयर बाज़ार आज हल्की बढ़त के साथ बंद हुआ।")
                .put("published", "2026-11-16T10:00:00+05:30");
        written.putArray("categories").add("desh");
        ObjectNode derived = json.createObjectNode()
                .put("title", "सेंसेक्स और निफ्टी में बढ़त")
                .put("contentHtml", "<p>&lt;img src=x onerror=alert(4)&gt; सेंसेक्स &amp; निफ्टी में बढ़त"
                        + " <a href=\"javascript:alert(5)\">देखें</a></p>")
                .put("published", "2026-11-16T11:00:00+05:30");
        derived.putArray("categories").add("desh");
        Files.writeString(dir.resolve("articles/desh/saar-likhit.json"), written.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("articles/desh/saar-banaya.json"), derived.toString(), StandardCharsets.UTF_8);
        return fixture;
    }

    /** A fresh snapshot: the sources are read again each time. */
    Snapshot snapshot() {
        SiteConfig site = config.site();
        ArticleNormaliser normaliser = new ArticleNormaliser(
                new SiteDefaults(site.language(), site.timeZone(), site.baseUrl()));
        DirectorySourceConfig source = (DirectorySourceConfig) config.sources().get(0);
        var load = new DirectorySource(source.name(), source.path(), source.written(), normaliser).load();
        return Snapshot.of(new CategoryTree(config.categories()), load.articles());
    }

    FeedView view(Snapshot snapshot, String categoryPath) {
        FeedViews views = new FeedViews(config.site(), new SiteLinks(config.site().baseUrl()),
                config.feeds().itemsPerFeed());
        Optional<Category> category = categoryPath.equals(SiteLinks.ALL)
                ? Optional.empty()
                : Optional.of(snapshot.tree().find(categoryPath).orElseThrow());
        return views.view(snapshot, category);
    }

    FeedView view(String categoryPath) {
        return view(snapshot(), categoryPath);
    }

    static String articleId(String key) {
        return BASE_URL + "/articles/" + key;
    }
}
