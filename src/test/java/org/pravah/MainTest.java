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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;

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

    /** Log lines of a start that got as far as loading; everything else on stderr is the error. */
    private static final Pattern INFO_LOG = Pattern.compile("\\S+ INFO  \\w+ - .*");

    /** The start failed with {@code status} and said why in one line besides its INFO log, naming {@code names}. */
    private static void assertOneLine(Run run, int status, String... names) {
        assertEquals(status, run.exitCode(), run::stderr);
        List<String> lines = run.stderrLines().stream().filter(l -> !INFO_LOG.matcher(l).matches()).toList();
        assertEquals(1, lines.size(), run::stderr);
        assertTrue(lines.get(0).startsWith("pravah: "), run::stderr);
        for (String name : names) {
            assertTrue(lines.get(0).contains(name), () -> "'" + name + "' not named:\n" + run.stderr());
        }
    }

    @Test
    void every_wrong_argument_stops_main_with_one_line_naming_it_and_exit_2() throws Exception {
        assertOneLine(runMain("--prot", "8080"), 2, "'--prot'", "--help");
        assertOneLine(runMain("chek"), 2, "unknown command 'chek'", "check");
        assertOneLine(runMain("--port", "aath-hazaar"), 2, "--port", "'aath-hazaar'");
        assertOneLine(runMain("--port", "70000"), 2, "--port", "'70000'");
        assertOneLine(runMain("--port"), 2, "--port needs a value");
        assertOneLine(runMain("--base-url", "samachar example"), 2, "--base-url", "samachar example");
        Path missing = tmp.resolve("nahin.yaml");
        assertOneLine(runMain("--config", missing.toString()), 1, missing.toString());
    }

    @Test
    void port_already_in_use_stops_main_with_one_line_naming_the_port() throws Exception {
        Path config = TestSite.copySample("parakh", tmp.resolve("site"));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());

            Run run = runMain("--config", config.toString(), "--host", "127.0.0.1", "--port", port);

            assertOneLine(run, 1, "127.0.0.1:" + port, "port already in use");
        }
    }

    @Test
    void a_host_that_does_not_resolve_stops_main_with_one_line_naming_it() throws Exception {
        Path config = TestSite.copySample("parakh", tmp.resolve("site"));
        Run run = runMain("--config", config.toString(), "--host", "koi-nahin.invalid", "--port", "0");
        assertOneLine(run, 1, "koi-nahin.invalid", "cannot listen");
        assertFalse(run.stderr().contains("Exception"), run::stderr);
    }
}
