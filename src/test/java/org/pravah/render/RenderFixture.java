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
import org.pravah.source.DirectorySource;
import org.pravah.testing.MiniSite;

/**
 * The mini site read without HTTP: its articles go through the real readers and normaliser into a {@link Snapshot},
 * and {@link FeedSelector} cuts the views the renderers get. Published at https://pravah.example.
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

    /** Title of {@code local/khel/vishwa-cup-jashn}: a bat and the Indian flag, two code points outside the BMP. */
    static final String EMOJI_TITLE = "महिला विश्व कप जीत पर देश भर में जश्न 🏏🇮🇳";
    /** In its summary: the same conjunct written with ZWJ (half form) and with ZWNJ (visible halant). */
    static final String JOINED_WORDS = "‘क्\u200Dषेत्र’ और ‘क्\u200Cषेत्र’";
    static final String READERS_SUMMARY = "जीत के बाद स्टेडियम के बाहर तिरंगे 🇮🇳 लहराए; पुराने पोस्टरों पर "
            + JOINED_WORDS + " दोनों तरह लिखा था।";
    /** Its image caption and credit: quotes, angle brackets and an ampersand that must stay text. */
    static final String READERS_CAPTION = "ट्रॉफी के साथ \"चैंपियन\" टीम <बाएँ से> कप्तान & उप-कप्तान";
    static final String READERS_CREDIT = "प्रवाह फ़ोटो 📷";
    static final String READERS_IMAGE = "https://example.org/images/vishwa-cup.png";
    /** The image of {@code local/khel/stadium-chitra}, which its body already opens with. */
    static final String STADIUM_IMAGE = "https://example.org/images/naya-stadium.webp";

    /**
     * The mini site with two more articles in {@code khel}, for what readers that know only the common elements
     * show: {@code vishwa-cup-jashn} has no author, an emoji title ({@link #EMOJI_TITLE}), {@link #READERS_SUMMARY},
     * the tags {@code खेल} (its category's label), {@code क्रिकेट 🏏}, {@code T20} and {@code t20}, and a PNG image with
     * {@link #READERS_CAPTION} and {@link #READERS_CREDIT}; {@code stadium-chitra}, by अंकित राणा, has HTML that
     * starts with its own WebP image {@link #STADIUM_IMAGE}.
     */
    static RenderFixture withReaderArticles(Path dir) throws IOException, ConfigException {
        RenderFixture fixture = new RenderFixture(dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode cup = json.createObjectNode()
                .put("title", EMOJI_TITLE)
                .put("summary", READERS_SUMMARY)
                .put("body", "मुंबई: फ़ाइनल में आख़िरी ओवर तक चले मुक़ाबले के बाद टीम ने पहली बार विश्व कप जीता।\n\n"
                        + "कप्तान ने कहा कि यह जीत देश की हर उस लड़की की है जो गली में बल्ला उठाती है।")
                .put("published", "2026-11-22T21:00:00+05:30");
        cup.putArray("categories").add("khel");
        cup.putArray("tags").add("खेल").add("क्रिकेट 🏏").add("T20").add("t20");
        cup.putObject("image").put("url", READERS_IMAGE).put("caption", READERS_CAPTION)
                .put("credit", READERS_CREDIT);
        ObjectNode stadium = json.createObjectNode()
                .put("title", "नए स्टेडियम की पहली झलक")
                .put("contentHtml", "<p><img src=\"" + STADIUM_IMAGE + "\" alt=\"नया स्टेडियम\"></p>"
                        + "<p>शहर के नए स्टेडियम में चालीस हज़ार दर्शकों के बैठने की जगह है।</p>")
                .put("author", "अंकित राणा")
                .put("published", "2026-11-22T18:00:00+05:30");
        stadium.putArray("categories").add("khel");
        stadium.putObject("image").put("url", STADIUM_IMAGE).put("caption", "नया स्टेडियम").put("credit", "खेल डेस्क");
        Files.createDirectories(dir.resolve("articles/khel"));
        Files.writeString(dir.resolve("articles/khel/vishwa-cup-jashn.json"), cup.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("articles/khel/stadium-chitra.json"), stadium.toString(), StandardCharsets.UTF_8);
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
        return view(snapshot, categoryPath, config.site());
    }

    /** The feed as a site with other {@code site} settings (the same base URL) shows it. */
    FeedView view(String categoryPath, SiteConfig site) {
        return view(snapshot(), categoryPath, site);
    }

    private FeedView view(Snapshot snapshot, String categoryPath, SiteConfig site) {
        FeedSelector views = new FeedSelector(site, new SiteLinks(site.baseUrl()), config.feeds().itemsPerFeed());
        Optional<Category> category = categoryPath.equals(SiteLinks.ALL)
                ? Optional.empty()
                : Optional.of(snapshot.tree().find(categoryPath).orElseThrow());
        return views.view(snapshot, category);
    }

    FeedView view(String categoryPath) {
        return view(snapshot(), categoryPath);
    }

    /** The site's settings with {@code site.author} set. */
    SiteConfig siteWithAuthor(String author) {
        SiteConfig s = config.site();
        return new SiteConfig(s.title(), s.description(), s.baseUrl(), s.language(), s.timeZone(), s.icon(), s.logo(),
                Optional.of(author));
    }

    static String articleId(String key) {
        return BASE_URL + "/articles/" + key;
    }
}
