package org.pravah.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Pravah's logging, set up in code: one line per event on stderr, the access log's written in batches. Logback finds
 * it through {@code META-INF/services} and runs it instead of reading an XML file: Joran (the XML reader) loads some
 * 600 classes and took several times as long on the start-up's main thread (BENCHMARKS.md, "Figures behind design
 * choices").
 * <p>
 * Levels come from {@code PRAVAH_LOG_LEVEL} (Pravah's own loggers, default {@code INFO}) and
 * {@code PRAVAH_ACCESS_LOG_LEVEL} (the access log, default {@code INFO}; {@code off} silences it), looked up as a
 * system property first and then in the environment, as logback's {@code ${NAME:-default}} did. A value that names no
 * level ({@code verbose}) gets the default and one warning line; an empty one counts as unset.
 * <p>
 * {@code -Dlogback.configurationFile=FILE} still wins: then this steps aside and logback reads that file. A
 * {@code logback.xml} on the class path is not read, so one left in {@code target/classes} by an older build does
 * nothing.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** One event per line; {@code %logger{0}} is the class's simple name. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n";
    static final String LEVEL_VARIABLE = "PRAVAH_LOG_LEVEL";
    static final String ACCESS_LEVEL_VARIABLE = "PRAVAH_ACCESS_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, System::getProperty, System.getenv());
    }

    /**
     * @param systemProperties a system property's value, or null
     * @param env the environment variables
     */
    ExecutionStatus configure(LoggerContext context, UnaryOperator<String> systemProperties, Map<String, String> env) {
        if (systemProperties.apply(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            // the operator's own file: logback's XML configurator, which runs next, reads it
            addInfo(ClassicConstants.CONFIG_FILE_PROPERTY + " is set; leaving the configuration to it");
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        UnaryOperator<String> settings = name -> {
            String value = systemProperties.apply(name);
            return value != null ? value : env.get(name);
        };
        List<String> complaints = new ArrayList<>();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(PATTERN);
        encoder.start();
        stderr.setEncoder(encoder);
        stderr.start();

        // request threads copy access lines into a buffer that one thread writes in batches (AccessLogWriter)
        AccessLogWriter access = new AccessLogWriter();
        access.setContext(context);
        access.setName("ACCESS");
        access.setEncoder(encoder);
        access.start();

        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("org.pravah").setLevel(level(LEVEL_VARIABLE, Level.INFO, settings, complaints));
        Logger accessLogger = context.getLogger("access");
        accessLogger.setLevel(level(ACCESS_LEVEL_VARIABLE, Level.INFO, settings, complaints));
        accessLogger.setAdditive(false);
        accessLogger.addAppender(access);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);

        context.addTurboFilter(new StartFailureFilter());
        Logger self = context.getLogger(LogConfigurator.class);
        complaints.forEach(self::warn);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Stops logback, when it is what logs, so that its appenders write what they hold: the access log's last lines
     * (AccessLogWriter) would otherwise be lost to a JVM that ends right after the server has closed.
     */
    public static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.stop();
        }
    }

    /**
     * The level {@code variable} asks for, or {@code fallback} when it is unset or blank. Text that names no level
     * also gets {@code fallback} (logback's own parsing would have turned it into DEBUG, flooding the log over a
     * typo), and a sentence saying so is added to {@code complaints}. Case and surrounding spaces do not matter.
     */
    static Level level(String variable, Level fallback, UnaryOperator<String> settings, List<String> complaints) {
        String text = settings.apply(variable);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Level level = Level.toLevel(text, null);
        if (level == null) {
            complaints.add(String.format(Locale.ROOT,
                    "%s='%s' is not a log level (off, error, warn, info, debug, trace, all); using %s",
                    variable, text, fallback));
            return fallback;
        }
        return level;
    }

    /**
     * Drops Javalin's own "Failed to start Javalin" line: the start then fails with a port in use or a host that is
     * not this machine's, and {@code Main} says exactly that, naming host and port, in the one line an operator
     * should see.
     */
    static final class StartFailureFilter extends TurboFilter {
        static final String JAVALIN = "io.javalin.Javalin";
        static final String FAILED_TO_START = "Failed to start Javalin";

        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                                  Throwable t) {
            return logger.getName().equals(JAVALIN) && FAILED_TO_START.equals(format) ? FilterReply.DENY
                    : FilterReply.NEUTRAL;
        }
    }
}
