import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pravah.Application;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Snapshot;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.pravah.render.FeedQuery;
import org.pravah.render.FeedSelector;
import org.pravah.render.HtmlPages;
import org.pravah.render.SiteLinks;

/**
 * Time to render the HTML pages a person sees (home, a category's page, an article) from a snapshot, bypassing the
 * per-snapshot cache: what a catalogue change costs per page. A generated Hindi site of ARTICLES articles in three
 * categories (4 paragraphs, tags, author, image each) is written to a temporary folder and loaded through the real
 * sources. usage: java -cp target/pravah.jar bench/PageBench.java [ARTICLES] [ROUNDS] [N]
 */
public class PageBench {
    private static final String PARA = "नई दिल्ली: सरकार ने आज बिजली की नई दरों की घोषणा की, जो अगले महीने से लागू होंगी। "
            + "उपभोक्ता संगठनों ने कहा कि छोटे घरों पर इसका असर कम होगा, पर दुकानों का बिल बढ़ेगा। ";

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path dir = Files.createTempDirectory("page-bench");
        Files.createDirectories(dir.resolve("articles"));
        String[] cats = {"desh", "videsh/asia", "khel"};
        for (int i = 0; i < articles; i++) {
            String body = (PARA.repeat(3) + "\\n\\n").repeat(4);
            Files.writeString(dir.resolve("articles/a" + i + ".json"), "{\"id\":\"a" + i + "\",\"title\":\"बिजली की नई दरें घोषित, खबर संख्या " + i
                    + "\",\"summary\":\"" + PARA + "\",\"body\":\"" + body + "\",\"categories\":[\"" + cats[i % 3]
                    + "\"],\"tags\":[\"बिजली\",\"दरें\"],\"author\":\"कविता राठौर\",\"published\":\"2026-11-"
                    + String.format("%02d", 1 + i % 28) + "T09:00:00+05:30\",\"image\":{\"url\":\"https://example.org/i"
                    + i + ".jpg\",\"caption\":\"बिजली घर\",\"credit\":\"प्रवाह\"}}", StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("feeds-config.yaml"), """
                site:
                  title: "प्रवाह"
                  description: "हिंदी समाचार फ़ीड"
                  baseUrl: "https://pravah.example"
                  language: %s
                  timeZone: Asia/Kolkata
                server:
                  port: 0
                feeds:
                  itemsPerFeed: 20
                reload:
                  watch: false
                  rescanSeconds: 0
                categories:
                  - slug: desh
                    label: देश
                  - slug: videsh
                    label: विदेश
                    children:
                      - slug: asia
                        label: एशिया
                  - slug: khel
                    label: खेल
                sources:
                  - name: local
                    type: directory
                    path: articles
                """.formatted(System.getProperty("lang", "hi")), StandardCharsets.UTF_8);
        PravahConfig config = ConfigLoader.load(dir.resolve("feeds-config.yaml"));
        Application app = new Application(config);
        app.refresh();
        Snapshot snapshot = app.site().snapshot();
        SiteLinks links = SiteLinks.of(config.site());
        HtmlPages pages = new HtmlPages(config.site(), links);
        FeedSelector views = new FeedSelector(config.site(), links, config.feeds().itemsPerFeed());
        CatalogEntry entry = snapshot.entries().get(0);
        var view = views.view(snapshot, snapshot.tree().find("desh"), FeedQuery.FIRST_PAGE).orElseThrow();
        System.out.printf("sizes: home %d B, category %d B, article %d B%n", pages.index(snapshot).bytes().length,
                pages.preview(view).bytes().length, pages.article(entry).bytes().length);
        for (int r = 0; r < rounds; r++) {
            long sink = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += pages.index(snapshot).bytes().length;
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += pages.preview(view).bytes().length;
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) sink += pages.article(entry).bytes().length;
            long t3 = System.nanoTime();
            System.out.printf("round %d: home %.1f µs, category %.1f µs, article %.1f µs per page (%d)%n", r,
                    (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, sink % 7);
        }
        app.close();
    }
}
