package org.pravah.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What some loggers write while a test runs, as a person would read it: their messages by level. Made by
 * {@link #of}, at INFO so that the lines a test looks for are written whatever the build's log level; closing it puts
 * each logger back as it was.
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();

    private LogCapture() {
        lines.start();
    }

    /** Captures what the loggers of these classes write at INFO and above. */
    public static LogCapture of(Class<?>... classes) {
        LogCapture capture = new LogCapture();
        for (Class<?> c : classes) {
            capture.attach((Logger) LoggerFactory.getLogger(c));
        }
        return capture;
    }

    /** Captures what the loggers of these names (such as {@code access}) write at INFO and above. */
    public static LogCapture of(String... names) {
        LogCapture capture = new LogCapture();
        for (String name : names) {
            capture.attach((Logger) LoggerFactory.getLogger(name));
        }
        return capture;
    }

    private void attach(Logger logger) {
        loggers.add(logger);
        levels.add(logger.getLevel());
        logger.setLevel(Level.INFO);
        logger.addAppender(lines);
    }

    /** Every message so far, formatted, in order. */
    public List<String> messages() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** The messages so far at {@code level}, formatted, in order. */
    public List<String> messages(Level level) {
        synchronized (lines) {
            return lines.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** Every line so far as {@code LEVEL message}, in order. */
    public List<String> lines() {
        synchronized (lines) {
            return lines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** Forgets what was captured so far: the next messages are those of what the test does next. */
    public void clear() {
        synchronized (lines) {
            lines.list.clear();
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).detachAppender(lines);
            loggers.get(i).setLevel(levels.get(i));
        }
    }
}
