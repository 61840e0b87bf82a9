package org.pravah.source;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.ArticleWarning;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;

/**
 * CPU per article of reading article files, on one thread, measured as that thread's CPU time (JIT and GC threads
 * left out, and a busy machine inflates it far less than wall time):
 * <ul>
 * <li>{@code -Dmode=read} (default): what a directory source does with each file at a first start without cache
 * (DirectorySource.readFile): the bytes to the reader of its extension, then the normaliser with HTML. The files
 * are read into memory first, so the disk is not measured.
 * <li>{@code -Dmode=import}: what {@code pravah import} does with each file (ArticleFiles.read: read, decode,
 * parse, the API's check, the stored JSON), the files read from the page cache.
 * </ul>
 * Each pass covers every file; the first is a cold JVM's, the later ones warm code's. Its package is the source
 * package's so that it calls the readers as the source does; it must therefore be compiled onto the class path:
 * <pre>
 * javac -d /tmp/readcost -cp target/pravah.jar bench/ReadCost.java
 * java -Dn=PASSES -cp target/pravah.jar:/tmp/readcost org.pravah.source.ReadCost ARTICLES_DIR
 * </pre>
 */
public class ReadCost {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int passes = Integer.getInteger("n", 10);
        boolean importing = System.getProperty("mode", "read").equals("import");
        SiteDefaults site = new SiteDefaults(LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "http://localhost:8080");
        ArticleNormaliser normaliser = new ArticleNormaliser(site);
        List<ArticleFiles.Listed> listed = ArticleFiles.list(folder);
        byte[][] bytes = new byte[listed.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = Files.readAllBytes(listed.get(i).file());
        }
        ArticleFiles files = new ArticleFiles("archive", "articles", normaliser, c -> true, Optional.empty(),
                Instant.now());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] warm = new double[Math.max(0, passes - 1)];
        long check = 0;
        for (int pass = 0; pass < passes; pass++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            int articles = 0;
            for (int i = 0; i < bytes.length; i++) {
                ArticleFiles.Listed file = listed.get(i);
                if (importing) {
                    for (ArticleFiles.Document d : files.read(file).documents()) {
                        check += d.json().length();
                        articles++;
                    }
                    continue;
                }
                String relative = file.relative();
                String display = "articles/" + relative;
                ArticleFile articleFile = new ArticleFile(DirectorySource.defaultId(relative), Instant.EPOCH, display, "");
                List<String> problems = new ArrayList<>();
                List<ArticleWarning> warnings = new ArrayList<>();
                for (ArticleDraft draft : DirectorySource.Readers.BY_EXTENSION.get(DirectorySource.extension(relative))
                        .read(bytes[i], articleFile, problems)) {
                    check += normaliser.normalise("archive", draft, warnings).contentHtml().length();
                    articles++;
                }
            }
            double perArticle = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / articles;
            System.out.printf("pass %d: %d articles, %d ms wall, %.1f µs cpu/article%n", pass, articles,
                    (System.nanoTime() - wall) / 1_000_000, perArticle);
            if (pass > 0) {
                warm[pass - 1] = perArticle;
            }
        }
        if (warm.length > 0) {
            Arrays.sort(warm);
            System.out.printf("%s, warm passes: min %.1f, median %.1f µs cpu/article (checksum %d)%n",
                    importing ? "import" : "read", warm[0], warm[warm.length / 2], check);
        }
    }
}
