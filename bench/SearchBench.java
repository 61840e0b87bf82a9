import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.pravah.article.Article;
import org.pravah.article.LanguageTag;
import org.pravah.article.Text;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.CategoryConfig;
import org.pravah.search.FeedSearch;
import org.pravah.search.SearchHits;
import org.pravah.search.SearchIndex;

/**
 * ?q= on a large archive: builds the search index for N generated Hindi articles (the vocabulary, categories, tags
 * and title/summary shapes of bench/gen-archive.py, made in-process), then measures what a server pays.
 *
 *   mvn -B -ntp -q -DskipTests package
 *   java -Xmx3g -cp target/pravah.jar bench/SearchBench.java N [INDEX_FOLDER] [RUNS]      # e.g. 100000 /tmp/idx 50
 *
 * Prints: index build time, disk size, heap after a full GC (articles only / with the index open), restart
 * (reconcile of an unchanged archive), one edit followed, then median and p95 latency of FeedSearch.find (what a
 * request for a filtered feed page calls: the query, the count, the page's keys looked up in the snapshot) for a set
 * of Hindi queries, and the same for two of them by reading the feed (FeedSearch.SCAN, what every ?q= cost before).
 * One article in 9 973 carries the rare word उल्कापिंड in its summary.
 */
public class SearchBench {
    static final String[][] CATEGORIES = {
            {"desh", "देश", "rajya:राज्य"}, {"videsh", "विदेश", "asia:एशिया", "america:अमेरिका"},
            {"khel", "खेल", "cricket:क्रिकेट"}, {"vyapar", "व्यापार"}, {"manoranjan", "मनोरंजन"},
            {"takneek", "तकनीक"}, {"swasthya", "स्वास्थ्य"}};
    static final List<String> SLUGS = List.of("desh", "videsh", "khel", "vyapar", "manoranjan", "takneek", "swasthya",
            "desh/rajya", "videsh/asia", "videsh/america", "khel/cricket");
    static final String[] PLACES = {"जयपुर", "पटना", "भोपाल", "लखनऊ", "रांची", "देहरादून", "शिमला", "नागपुर", "इंदौर",
            "वाराणसी", "अजमेर", "कोटा", "गया", "जबलपुर", "मेरठ", "उदयपुर", "बीकानेर", "सागर", "धनबाद", "हल्द्वानी"};
    static final String[] SUBJECTS = {"नगर निगम", "ज़िला प्रशासन", "राज्य सरकार", "किसान संगठन", "व्यापार मंडल",
            "विश्वविद्यालय", "रेलवे बोर्ड", "स्वास्थ्य विभाग", "खेल संघ", "पंचायत समिति", "बिजली कंपनी", "जल बोर्ड",
            "शिक्षक संघ", "पर्यटन विभाग"};
    static final String[] TOPICS = {"नई सड़क", "पेयजल योजना", "फ़सल बीमा", "स्टेडियम की मरम्मत", "ऑनलाइन दाख़िले",
            "बस अड्डे का विस्तार", "सौर ऊर्जा संयंत्र", "ज़िला अस्पताल", "हाट बाज़ार", "पुराने क़िले का संरक्षण",
            "रात्रि बस सेवा", "बाल मेला", "कबड्डी प्रतियोगिता", "मंडी के भाव", "डिजिटल पुस्तकालय", "झील की सफ़ाई"};
    static final String[] VERBS = {"को मंज़ूरी मिली", "पर काम शुरू", "की समीक्षा हुई", "के लिए बजट तय", "पर बहस तेज़",
            "का उद्घाटन आज", "की समय-सीमा बढ़ी", "पर नया फ़ैसला", "के नतीजे घोषित", "की तैयारी पूरी"};
    static final String[] OPENERS = {
            "{place}: {subject} ने {topic} से जुड़ी योजना पर बुधवार को अहम बैठक की।",
            "{place} में {topic} को लेकर लोगों की उम्मीदें एक बार फिर बढ़ गई हैं।",
            "{subject} के अधिकारियों ने बताया कि {topic} का काम तय समय से पहले पूरा हो सकता है।",
            "{place}: लंबे इंतज़ार के बाद {topic} के लिए पहली किस्त जारी कर दी गई है।"};
    static final String[] TAGS = {"चुनाव", "बजट", "मानसून", "किसान", "शिक्षा", "स्वास्थ्य", "रेल", "क्रिकेट", "कबड्डी",
            "फ़िल्म", "रोज़गार", "पर्यावरण", "धरोहर", "जल संरक्षण", "बिजली", "सड़क", "त्योहार", "पर्यटन", "स्टार्टअप",
            "मौसम"};

    /** A query as a feed page asks it: category ("" for the all-feed), words, tag, page; 50 items a page. */
    record Query(String name, String category, String text, String tag, int page) {
    }

    static final List<Query> QUERIES = List.of(
            new Query("common word", "", "योजना", "", 1),
            new Query("common word, nukta left out (ज़िला)", "", "जिला", "", 1),
            new Query("common word, deep page 100", "", "योजना", "", 100),
            new Query("rare word", "", "उल्कापिंड", "", 1),
            new Query("two words (place + word)", "", "जयपुर सड़क", "", 1),
            new Query("two common words", "", "बैठक योजना", "", 1),
            new Query("conjunct, inflected (प्रतियोगिताओं)", "", "प्रतियोगिताओं", "", 1),
            new Query("tag only", "", "", "मानसून", 1),
            new Query("category + word", "khel/cricket", "स्टेडियम", "", 1),
            new Query("category + tag + word", "desh", "बजट", "किसान", 1),
            new Query("one letter (worst case)", "", "क", "", 1));

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path folder = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("search-bench");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        CategoryTree tree = new CategoryTree(categories());
        long t0 = System.nanoTime();
        List<Article> articles = generate(n);
        Snapshot snapshot = Snapshot.of(tree, articles);
        System.out.printf("generated %d articles in %.1f s%n", n, secondsSince(t0));
        long baseline = heapAfterGc();
        System.out.printf("heap after GC, articles and snapshot only: %d MB%n", baseline >> 20);

        deleteRecursively(folder);
        SearchIndex index = SearchIndex.open(folder);
        long built = System.nanoTime();
        index.follow(snapshot);
        awaitInStep(index);
        System.out.printf("index built: %d articles in %.1f s (%.0f articles/s)%n", n, secondsSince(built),
                n / secondsSince(built));
        System.out.printf("index on disk: %d MB%n", sizeOf(folder) >> 20);
        long withIndex = heapAfterGc();
        System.out.printf("heap after GC with the index open: %d MB (%+d MB)%n", withIndex >> 20,
                (withIndex - baseline) >> 20);
        index.close();
        System.out.printf("index on disk after close (merged, committed): %d MB%n", sizeOf(folder) >> 20);

        long restarted = System.nanoTime();
        index = SearchIndex.open(folder);
        Snapshot fresh = Snapshot.of(tree, articles);
        index.follow(fresh);
        awaitInStep(index);
        System.out.printf("restart: reopened and reconciled %d unchanged articles in %.2f s, %d written%n", n,
                secondsSince(restarted), index.written());
        snapshot = fresh;

        // edits followed one by one, as refreshes hand them in: the index's share of edit → served
        double[] edits = new double[101];
        double[] editsCpu = new double[edits.length];
        var threads = ManagementFactory.getThreadMXBean();
        for (int e = 0; e < edits.length; e++) {
            Article old = articles.get(n / 2 + e * 7);
            Article edited = new Article(old.key(), old.sourceName(), old.id(), old.title() + " (संशोधित)",
                    old.summary(), "", old.categoryRefs(), List.of(), old.tags(), old.published(), Instant.now(),
                    Optional.empty(), Optional.empty(), Optional.empty(), LanguageTag.HINDI, old.origin());
            Snapshot changed = snapshot.changed(List.of(), List.of(edited));
            long edit = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            index.follow(changed);
            edits[e] = (System.nanoTime() - edit) / 1e6;
            editsCpu[e] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            if (!index.inStep()) {
                throw new IllegalStateException("an edit was not applied before the snapshot would be served");
            }
            snapshot = changed;
        }
        Arrays.sort(edits);
        Arrays.sort(editsCpu);
        System.out.printf("one edit followed (before its snapshot is served): median %.1f ms (%.1f ms of CPU), max"
                + " %.1f ms, of %d%n", edits[edits.length / 2], editsCpu[edits.length / 2], edits[edits.length - 1],
                edits.length);

        System.out.printf("%nlatency of FeedSearch.find, 50 a page, %d runs after %d warm-up runs (ms)%n", runs, runs / 2);
        System.out.printf("%-40s %10s %8s %8s %8s %8s %8s%n", "query", "matches", "median", "p95", "max", "cpu-med",
                "cpu-p95");
        for (Query q : QUERIES) {
            measure(index, snapshot, tree, q, runs);
        }
        System.out.printf("%nthe same by reading the feed (FeedSearch.SCAN), 3 runs%n");
        for (Query q : List.of(QUERIES.get(0), QUERIES.get(8))) {
            measure(FeedSearch.SCAN, snapshot, tree, q, 3);
        }
        index.close();
    }

    static void measure(FeedSearch search, Snapshot snapshot, CategoryTree tree, Query q, int runs) {
        Optional<Category> category = q.category().isEmpty() ? Optional.empty() : tree.find(q.category());
        SearchHits hits = null;
        for (int i = 0; i < runs / 2; i++) {
            hits = search.find(snapshot, category, q.text(), q.tag(), q.page(), 50);
        }
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            hits = search.find(snapshot, category, q.text(), q.tag(), q.page(), 50);
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        int p95 = Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1);
        System.out.printf("%-40s %10d %8.1f %8.1f %8.1f %8.1f %8.1f%n", q.name(), hits.total(), ms[runs / 2], ms[p95],
                ms[runs - 1], cpu[runs / 2], cpu[p95]);
    }

    /** Consonants and vowel signs the long tail's made-up words are built from. */
    static final String[] CONSONANTS = "क ख ग घ च छ ज झ ट ठ ड ढ त थ द ध न प फ ब भ म य र ल व श ष स ह".split(" ");
    static final String[] SIGNS = {"", "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ौ", "ं", "्र", "्य"};

    /**
     * The generator's few hundred words make a far smaller term dictionary than a real archive, which holds hundreds
     * of thousands of word forms: each summary also gets three words of a made-up vocabulary of {@code size} words
     * drawn by Zipf's law (-Dtail=0 leaves them out).
     */
    static String[] longTail(int size, Random rnd) {
        String[] words = new String[size];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < size; ) {
            StringBuilder w = new StringBuilder();
            for (int syllable = 0, count = 2 + rnd.nextInt(3); syllable < count; syllable++) {
                w.append(pick(rnd, CONSONANTS)).append(pick(rnd, SIGNS));
            }
            if (seen.add(w.toString())) {
                words[i++] = w.toString();
            }
        }
        return words;
    }

    static List<Article> generate(int n) {
        Random rnd = new Random(2026);
        int tailSize = Integer.getInteger("tail", 200_000);
        String[] tail = longTail(Math.max(tailSize, 1), rnd);
        double[] zipf = new double[tail.length];
        double sum = 0;
        for (int i = 0; i < zipf.length; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        Instant newest = Instant.parse("2026-11-30T12:30:00Z");
        long span = Duration.ofDays(3650).toSeconds();
        List<Article> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant when = newest.minusSeconds(span - (long) i * span / n + rnd.nextInt(600));
            String place = pick(rnd, PLACES);
            String subject = pick(rnd, SUBJECTS);
            String topic = pick(rnd, TOPICS);
            String title = place + ": " + topic + " " + pick(rnd, VERBS) + " (क्रमांक " + i + ")";
            String summary = pick(rnd, OPENERS).replace("{place}", place).replace("{subject}", subject)
                    .replace("{topic}", topic) + (i % 9973 == 0 ? " आसमान में उल्कापिंड भी देखा गया।" : "");
            for (int w = 0; tailSize > 0 && w < 3; w++) {
                int at = Arrays.binarySearch(zipf, rnd.nextDouble() * sum);
                summary += " " + tail[Math.min(tail.length - 1, at < 0 ? -at - 1 : at)];
            }
            String slug = SLUGS.get(rnd.nextInt(SLUGS.size()));
            List<String> categories = rnd.nextDouble() < 0.8 ? List.of(slug)
                    : Stream.of(slug, SLUGS.get(rnd.nextInt(SLUGS.size()))).distinct().toList();
            List<String> tags = new ArrayList<>(List.of(TAGS));
            java.util.Collections.shuffle(tags, rnd);
            String id = "a-" + i;
            out.add(new Article(Article.keyOf("archive", id), "archive", id, Text.cleanLine(title),
                    Text.clean(summary), "", categories, List.of(), tags.subList(0, 1 + rnd.nextInt(4)), when, when,
                    Optional.empty(), Optional.empty(), Optional.empty(), LanguageTag.HINDI, id + ".json"));
        }
        return out;
    }

    static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    static List<CategoryConfig> categories() {
        List<CategoryConfig> out = new ArrayList<>();
        for (String[] c : CATEGORIES) {
            List<CategoryConfig> children = new ArrayList<>();
            for (int i = 2; i < c.length; i++) {
                String[] child = c[i].split(":");
                children.add(new CategoryConfig(child[0], child[1], "", List.of(), List.of()));
            }
            out.add(new CategoryConfig(c[0], c[1], "", List.of(), children));
        }
        return out;
    }

    static void awaitInStep(SearchIndex index) throws InterruptedException {
        while (!index.inStep()) {
            Thread.sleep(50);
        }
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long sizeOf(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static void deleteRecursively(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
