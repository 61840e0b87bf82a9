package org.pravah.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.testing.TestSite;

/** What an operator sees of the log set-up: levels from the environment, the line format, the access log's path. */
class LogConfiguratorTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final UnaryOperator<String> NO_PROPERTIES = name -> null;
    /** {@code 2026-11-30T04:45:36.604Z INFO  name - message}, with a numeric offset instead of Z in other zones. */
    private static final String STAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)";

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<Write> stderrWrites = new CopyOnWriteArrayList<>();
    private PrintStream realStderr;

    LogConfiguratorTest() {
        // what logback's SLF4J provider gives the context it configures: formatting a line needs it
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
        if (realStderr != null) {
            System.setErr(realStderr);
        }
    }

    private ExecutionStatus configure(Map<String, String> env) {
        return configure(NO_PROPERTIES, env);
    }

    private ExecutionStatus configure(UnaryOperator<String> systemProperties, Map<String, String> env) {
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);
        return configurator.configure(context, systemProperties, env);
    }

    /**
     * The console appender looks up System.err at every write, so what it writes lands here (as bytes), and the
     * thread that wrote each piece is noted.
     */
    private void captureStderr() {
        realStderr = System.err;
        OutputStream noting = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                stderrWrites.add(new Write(Thread.currentThread(), new String(b, off, len, StandardCharsets.UTF_8)));
                stderr.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(noting, true, StandardCharsets.UTF_8));
    }

    private record Write(Thread thread, String text) {
    }

    private String stderrText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void without_variables_pravah_and_the_access_log_say_info_and_libraries_only_warnings() {
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(Map.of()));

        assertEquals(Level.INFO, context.getLogger("org.pravah.source.DirectorySource").getEffectiveLevel());
        assertEquals(Level.INFO, context.getLogger("access").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("io.javalin.Javalin").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("com.zaxxer.hikari.HikariDataSource").getEffectiveLevel());
    }

    @Test
    void pravah_log_level_and_pravah_access_log_level_set_the_levels_in_any_case() {
        configure(Map.of("PRAVAH_LOG_LEVEL", " Debug ", "PRAVAH_ACCESS_LOG_LEVEL", "off"));

        Logger pravah = context.getLogger("org.pravah.Application");
        assertEquals(Level.DEBUG, pravah.getEffectiveLevel());
        assertFalse(context.getLogger("access").isErrorEnabled(), "PRAVAH_ACCESS_LOG_LEVEL=off silences the access log");
        assertEquals(Level.WARN, context.getLogger("org.eclipse.jetty").getEffectiveLevel(), "libraries stay quiet");
    }

    @Test
    void a_system_property_of_the_same_name_wins_over_the_environment() {
        configure(Map.of("PRAVAH_LOG_LEVEL", "warn")::get, Map.of("PRAVAH_LOG_LEVEL", "trace"));

        assertEquals(Level.WARN, context.getLogger("org.pravah").getEffectiveLevel());
    }

    @Test
    void an_empty_variable_counts_as_unset() {
        configure(Map.of("PRAVAH_LOG_LEVEL", "", "PRAVAH_ACCESS_LOG_LEVEL", "  "));

        assertEquals(Level.INFO, context.getLogger("org.pravah").getEffectiveLevel());
        assertEquals(Level.INFO, context.getLogger("access").getEffectiveLevel());
    }

    @Test
    void text_that_names_no_level_gets_the_default_and_one_warning_line_naming_the_variable() {
        captureStderr();
        configure(Map.of("PRAVAH_LOG_LEVEL", "verbose"));

        assertEquals(Level.INFO, context.getLogger("org.pravah").getEffectiveLevel(), "not DEBUG, as logback would guess");
        List<String> warnings = stderrText().lines().filter(l -> l.contains("PRAVAH_LOG_LEVEL")).toList();
        assertEquals(1, warnings.size(), stderrText());
        assertTrue(warnings.get(0).matches(STAMP + " WARN  LogConfigurator - PRAVAH_LOG_LEVEL='verbose' is not a log "
                + "level \\(off, error, warn, info, debug, trace, all\\); using INFO"), warnings.get(0));
    }

    @Test
    void level_lookup_collects_nothing_for_good_text_and_one_complaint_per_bad_variable() {
        List<String> complaints = new ArrayList<>();
        Map<String, String> env = Map.of("A", "ERROR", "B", "loud");

        assertEquals(Level.ERROR, LogConfigurator.level("A", Level.INFO, env::get, complaints));
        assertEquals(Level.WARN, LogConfigurator.level("B", Level.WARN, env::get, complaints));
        assertEquals(Level.INFO, LogConfigurator.level("C", Level.INFO, env::get, complaints));
        assertEquals(List.of("B='loud' is not a log level (off, error, warn, info, debug, trace, all); using WARN"),
                complaints);
    }

    @Test
    void lines_go_to_stderr_as_utf8_in_the_documented_format_whatever_the_platform_charset() {
        captureStderr();
        configure(Map.of());

        context.getLogger("org.pravah.catalog.Catalog").info("सूची में ४२ समाचार");
        context.getLogger("org.pravah.catalog.Catalog").debug("not at INFO");

        // other tests' threads may write to stderr meanwhile: look at this logger's lines only
        List<String> lines = stderrText().lines().filter(l -> l.contains(" Catalog - ")).toList();
        assertEquals(1, lines.size(), stderrText());
        assertTrue(lines.get(0).matches(STAMP + " INFO  Catalog - सूची में ४२ समाचार"), lines.get(0));
    }

    @Test
    void access_lines_reach_stderr_from_another_thread_and_never_through_the_root_logger() {
        captureStderr();
        configure(Map.of());
        Logger access = context.getLogger("access");
        ListAppender<ILoggingEvent> rootLines = new ListAppender<>();
        rootLines.setContext(context);
        rootLines.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(rootLines);

        access.info("method=GET path=\"/feeds/desh.rss\" status=200 bytes=1174 ms=3.5 ua=\"curl\"");

        TestSite.waitUntil(DEADLINE, "the line reaches stderr", () -> stderrText().contains("path=\"/feeds/desh.rss\""));
        assertTrue(stderrText().lines().anyMatch(l -> l.matches(
                STAMP + " INFO  access - method=GET path=\"/feeds/desh.rss\" status=200 bytes=1174 ms=3.5 ua=\"curl\""
        )), stderrText());
        assertEquals(1, stderrText().lines().filter(l -> l.contains("/feeds/desh.rss")).count(),
                "written once, not again by the root logger: " + stderrText());
        assertTrue(rootLines.list.isEmpty(), "the access logger does not pass lines on to the root logger");
        List<Thread> writers = stderrWrites.stream().filter(w -> w.text().contains("/feeds/desh.rss"))
                .map(Write::thread).toList();
        assertEquals(1, writers.size());
        assertNotEquals(Thread.currentThread(), writers.get(0), "the request thread only hands the line over");
    }

    @Test
    void a_flood_of_access_lines_from_many_threads_loses_none_and_a_stop_writes_the_last_of_them() throws Exception {
        captureStderr();
        configure(Map.of());
        Logger access = context.getLogger("access");
        int threads = 4;
        int each = 20_000;
        List<Thread> requests = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            requests.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    access.info("method=GET path=\"/feeds/baadh-{}-{}.rss\" status=304 bytes=0 ms=0.1 ua=\"\"", thread, i);
                }
            }));
        }
        requests.forEach(Thread::start);
        for (Thread t : requests) {
            t.join();
        }

        // as Main does after the server has closed: whatever is still held is written before the JVM ends
        context.stop();

        long written = stderrText().lines().filter(l -> l.contains(" access - ") && l.contains("/feeds/baadh-"))
                .count();
        assertEquals((long) threads * each, written, "every request keeps its line");
    }

    @Test
    void logback_finds_this_configuration_on_its_own() throws Exception {
        new ContextInitializer(context).autoConfig(LogConfigurator.class.getClassLoader());

        assertNotNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
        assertNotNull(context.getLogger("access").getAppender("ACCESS"));
    }

    @Test
    void an_operators_logback_configuration_file_is_read_instead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-logback.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="MINE" class="ch.qos.logback.core.read.ListAppender"/>
                  <logger name="org.pravah" level="ERROR"/>
                  <root level="INFO"><appender-ref ref="MINE"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY,
                configure(Map.of(ClassicConstants.CONFIG_FILE_PROPERTY, file.toString())::get, Map.of()));
        assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"), "this steps aside");

        String before = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, file.toString());
        try {
            new ContextInitializer(context).autoConfig(LogConfigurator.class.getClassLoader());
        } finally {
            if (before == null) {
                System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
            } else {
                System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, before);
            }
        }

        assertNotNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("MINE"));
        assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
        assertEquals(Level.ERROR, context.getLogger("org.pravah").getEffectiveLevel());
    }
}
