import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;
import org.pravah.source.DirectorySource;
import org.pravah.source.FirstSeen;

/**
 * CPU time of loads of a directory source that find nothing changed (what every periodic rescan does), after a first
 * load that reads every file. usage: java -Dn=LOADS -cp target/pravah.jar bench/RescanCost.java ARTICLES_DIR
 */
public class RescanCost {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        SiteDefaults site = new SiteDefaults(LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "http://localhost:8080");
        Path data = java.nio.file.Files.createTempDirectory("rescan-cost");
        DirectorySource source = new DirectorySource("archive", folder, "articles", new ArticleNormaliser(site),
                Optional.empty(), FirstSeen.keptIn(data, "archive"));
        var bean = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        System.out.println("first load: " + source.load().articles().size() + " articles in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        for (int i = 0; i < Integer.getInteger("n", 8); i++) {
            long c = bean.getProcessCpuTime(), w = System.nanoTime();
            source.load();
            System.out.printf("rescan %d: %d ms wall, %d ms cpu%n", i, (System.nanoTime() - w) / 1_000_000, (bean.getProcessCpuTime() - c) / 1_000_000);
        }
    }
}
