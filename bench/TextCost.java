import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The text cleaning and plain-text HTML of two or more builds in one JVM, in turns: Text.clean of each body,
 * Text.cleanLine of each title, summary and author, HtmlContent.fromPlainText of each cleaned body. Each build is
 * loaded in a class loader of its own; the figure is the best of 35 rounds (after 5 of warm-up) of one thread's CPU
 * time, which a busy machine can only inflate. Finer than ReadCost for changes to these methods.
 *
 * <p>usage: java -cp target/pravah.jar bench/TextCost.java ARTICLES_DIR OLD.jar NEW.jar [MORE.jar…]
 * (the first 5000 {@code *.json} files of the folder, in path order)
 */
public class TextCost {
    public static void main(String[] args) throws Throwable {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().limit(5000).toList();
        }
        ObjectMapper json = new ObjectMapper();
        List<String> bodies = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Path p : files) {
            JsonNode article = json.readTree(p.toFile());
            bodies.add(article.path("body").asText());
            for (String field : List.of("title", "summary", "author")) {
                lines.add(article.path(field).asText());
            }
        }
        int builds = args.length - 1;
        MethodHandle[][] methods = new MethodHandle[builds][3];
        MethodType stringToString = MethodType.methodType(String.class, String.class);
        for (int b = 0; b < builds; b++) {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[b + 1]).toUri().toURL()}, null);
            Class<?> text = loader.loadClass("org.pravah.article.Text");
            Class<?> html = loader.loadClass("org.pravah.article.HtmlContent");
            methods[b][0] = MethodHandles.publicLookup().findStatic(text, "clean", stringToString);
            methods[b][1] = MethodHandles.publicLookup().findStatic(text, "cleanLine", stringToString);
            methods[b][2] = MethodHandles.publicLookup().findStatic(html, "fromPlainText", stringToString);
        }
        List<String> cleanBodies = new ArrayList<>();
        for (String body : bodies) {
            cleanBodies.add((String) methods[0][0].invokeExact(body));
        }
        List<List<String>> inputs = List.of(bodies, lines, cleanBodies);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] best = new double[builds][3];
        for (double[] b : best) {
            java.util.Arrays.fill(b, Double.MAX_VALUE);
        }
        long check = 0;
        for (int round = 0; round < 40; round++) {
            for (int b = 0; b < builds; b++) {
                for (int m = 0; m < 3; m++) {
                    MethodHandle method = methods[b][m];
                    List<String> in = inputs.get(m);
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (String s : in) {
                        check += ((String) method.invokeExact(s)).length();
                    }
                    double each = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / in.size();
                    if (round >= 5) {
                        best[b][m] = Math.min(best[b][m], each);
                    }
                }
            }
        }
        for (int b = 0; b < builds; b++) {
            System.out.printf("%s: Text.clean(body) %.2f µs, Text.cleanLine(title, summary, author) %.3f µs,"
                    + " HtmlContent.fromPlainText(body) %.2f µs%n", args[b + 1], best[b][0], best[b][1], best[b][2]);
        }
        System.out.println("(checksum " + check + ")");
    }
}
