package org.pravah.bench;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pravah.article.Article;
import org.pravah.article.HtmlContent;
import org.pravah.article.Image;
import org.pravah.article.LanguageTag;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.CategoryConfig;
import org.pravah.config.SiteConfig;
import org.pravah.render.AtomRenderer;
import org.pravah.render.FeedRenderer;
import org.pravah.render.FeedView;
import org.pravah.render.FeedSelector;
import org.pravah.render.RssRenderer;
import org.pravah.render.SiteLinks;

/**
 * Time to render one feed document (Rome model, JDOM finishing, UTF-8 bytes) of 50 or 500 Hindi articles. This is
 * the cost a snapshot change pays once per feed; requests only pick the cached bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {
    @Param({"50", "500"})
    public int items;

    @Param({"rss", "atom"})
    public String format;

    private FeedRenderer renderer;
    private FeedView view;

    @Setup
    public void setUp() {
        SiteConfig site = new SiteConfig("प्रवाह समाचार", "बेंचमार्क", "http://localhost:8080", LanguageTag.HINDI,
                ZoneId.of("Asia/Kolkata"));
        CategoryTree tree = new CategoryTree(List.of(
                new CategoryConfig("desh", "देश", "", List.of("India"), List.of())));
        List<Article> articles = new ArrayList<>();
        String paragraph = "नई दिल्ली: राजधानी में सोमवार को हुई बैठक में परिवहन, शिक्षा और स्वास्थ्य से जुड़े कई प्रस्तावों पर चर्चा "
                + "हुई। अधिकारियों ने बताया कि अगले महीने से नई बस सेवाएं शुरू होंगी और स्कूलों में ‘डिजिटल कक्षा’ योजना का "
                + "विस्तार किया जाएगा।";
        String body = HtmlContent.fromPlainText(String.join("\n\n", paragraph, paragraph, paragraph, paragraph));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < items; i++) {
            Instant published = start.plusSeconds(3600L * i);
            articles.add(new Article("bench/a" + i, "bench", "a" + i, "समाचार क्रमांक " + i + ": बैठक में अहम फ़ैसले",
                    "परिवहन, शिक्षा और स्वास्थ्य पर नए प्रस्ताव।", body, List.of("desh"), List.of(),
                    List.of("दिल्ली", "परिवहन"), published, published, Optional.of("संवाददाता"), Optional.empty(),
                    Optional.of(new Image(Optional.of(URI.create("https://example.org/i/" + i + ".jpg")), "बैठक",
                            "प्रवाह समाचार")),
                    LanguageTag.HINDI, "bench"));
        }
        Snapshot snapshot = Snapshot.of(tree, articles);
        FeedSelector views = new FeedSelector(site, new SiteLinks(site.baseUrl()), items);
        view = views.view(snapshot, Optional.empty());
        renderer = format.equals("rss") ? new RssRenderer() : new AtomRenderer();
    }

    @Benchmark
    public byte[] render() {
        return renderer.render(view);
    }
}
