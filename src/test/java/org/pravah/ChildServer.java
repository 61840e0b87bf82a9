package org.pravah;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real program ({@code org.pravah.Main}) serving in a JVM of its own on a free loopback port, as an operator
 * starts it: for what only another process shows (file locks, signals, kill -9).
 *
 * @param log stdout and stderr together; a file, not a pipe: a pipe read while the process exits can lose the last
 *            lines
 */
public record ChildServer(Process process, int port, Path log) implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("Pravah serving .* on http://127\\.0\\.0\\.1:(\\d+)/");

    /** Starts the server on {@code config} and returns once it serves; fails the test if it does not within 60 s. */
    public static ChildServer start(Path config, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.pravah.Main",
                "--config", config.toString(), "--port", "0", "--host", "127.0.0.1"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChildServer server = new ChildServer(process, 0, log);
        Instant end = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(end) && process.isAlive()) {
            Matcher m = SERVING.matcher(server.output());
            if (m.find()) {
                return new ChildServer(process, Integer.parseInt(m.group(1)), log);
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // a pause between looks that ends early if the server exits
        }
        process.destroyForcibly();
        return fail("the server did not serve:\n" + server.output());
    }

    /** What it printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops it as SIGKILL does: no shutdown hook runs. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
}
