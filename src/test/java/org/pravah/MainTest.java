package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.http.MiniSite;

/** The real {@code java ... org.pravah.Main} in a child JVM: what an operator sees when the server cannot start. */
class MainTest {
    @TempDir
    Path tmp;

    private record Run(int exitCode, List<String> stderrLines) {
        String stderr() {
            return String.join("\n", stderrLines);
        }
    }

    private Run runMain(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "org.pravah.Main"));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Main did not exit within 60 s; stderr:\n"
                    + new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        }
        List<String> lines = new String(Files.readAllBytes(err), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        return new Run(process.exitValue(), lines);
    }

    @Test
    void unknown_config_key_stops_main_with_one_line_naming_file_and_key_path_and_no_stack_trace() throws Exception {
        Path config;
        try {
            config = Path.of(MainTest.class.getResource("/config/unknown-key.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }

        Run run = runMain("--config", config.toString());

        assertNotEquals(0, run.exitCode());
        assertEquals(1, run.stderrLines().size(), run::stderr);
        String line = run.stderrLines().get(0);
        assertTrue(line.contains(config.toString()), line);
        assertTrue(line.contains("site.titel"), line);
        assertTrue(line.contains("line 4, column 3"), line);
        assertFalse(run.stderr().contains("at org."), run::stderr);
    }

    @Test
    void port_already_in_use_stops_main_with_a_clear_line_and_no_stack_trace() throws Exception {
        Path config = MiniSite.create(tmp, 0, "http://127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());

            Run run = runMain("--config", config.toString(), "--host", "127.0.0.1", "--port", port);

            assertNotEquals(0, run.exitCode());
            assertFalse(run.stderr().contains("at org.") || run.stderr().contains("\tat "),
                    () -> "stack trace on stderr:\n" + run.stderr());
            assertTrue(run.stderrLines().stream().anyMatch(l -> l.contains(port)), run::stderr);
        }
    }
}
