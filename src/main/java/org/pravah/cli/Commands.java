package org.pravah.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.slf4j.LoggerFactory;

/**
 * The commands beside serving: {@code check} (is every feed valid?), {@code export} (the site as static files) and
 * {@code import} (an archive of article files into a store source). Exit status: 0 good, 1 problems found (bad files,
 * an invalid config, or anything else that failed), 2 wrong arguments.
 * Whatever goes wrong is said in one line on stderr, {@code pravah: …}, never as a stack trace.
 */
public final class Commands {
    /** Asks for the stack trace of an unexpected failure besides its one line, for a bug report. */
    public static final String DEBUG_VARIABLE = "PRAVAH_DEBUG";
    /** The end of a line about wrong arguments: the usage itself would turn one line into four. */
    public static final String SEE_HELP = " (--help shows the usage)";

    /** The commands' usage lines, indented to follow a {@code usage: } line. */
    public static final String USAGE = ""
            + "       java -jar pravah.jar check [--config PATH] [--base-url URL] [--max-feed-bytes N]\n"
            + "       java -jar pravah.jar export DIR [--config PATH] [--base-url URL]\n"
            + "       java -jar pravah.jar import FOLDER [--config PATH] [--source NAME]";

    private Commands() {
    }

    public static boolean isCommand(String name) {
        return name.equals("check") || name.equals("export") || name.equals("import");
    }

    /**
     * Runs a command on the real console: UTF-8 output whatever the platform default, progress on stderr, and the
     * library's own log lines held back (the report says it all) unless {@code PRAVAH_LOG_LEVEL} asks for them.
     */
    public static int run(String[] args) {
        if (System.getenv("PRAVAH_LOG_LEVEL") == null
                && LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger("org.pravah").setLevel(Level.ERROR);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return run(args, out, err, System.console() != null);
    }

    /** @param terminal whether progress may redraw one line ({@code \r}) instead of printing plain lines */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        return lastResort(args[0], err, debug(), () -> runCommand(args, out, err, terminal));
    }

    private static int runCommand(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        if (List.of(args).contains("-h") || List.of(args).contains("--help")) {
            out.println("usage:" + USAGE.substring("usage:".length()));
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("pravah: " + e.getMessage() + SEE_HELP);
            return 2;
        }
        PravahConfig config;
        try {
            config = ConfigLoader.load(options.config());
        } catch (ConfigException e) {
            err.println("pravah: config error: " + e.getMessage());
            return 1;
        }
        if (options.baseUrl().isPresent()) {
            config = config.withBaseUrl(options.baseUrl().get());
        }
        Progress progress = new Progress(err, terminal);
        if (options.command().equals("check")) {
            return new CheckCommand(out, progress, options.maxFeedBytes()).run(config);
        }
        if (options.command().equals("import")) {
            return new ImportCommand(out, err, progress).run(config, options.dir().orElseThrow(), options.source());
        }
        return new ExportCommand(out, err, progress).run(config, options.dir().orElseThrow());
    }

    /** Whether {@link #DEBUG_VARIABLE} asks for stack traces. */
    public static boolean debug() {
        String value = System.getenv(DEBUG_VARIABLE);
        return value != null && !value.isBlank() && !value.strip().equals("0");
    }

    /**
     * Runs {@code body}; a failure nobody foresaw (a bug, a full disk met where no one expected it) becomes one line
     * naming what failed and why, and exit status 1, instead of the JVM's stack trace.
     *
     * @param what  the command or step, as in {@code pravah: export failed: …}
     * @param debug also print the stack trace, for a bug report
     */
    public static int lastResort(String what, PrintStream err, boolean debug, IntSupplier body) {
        try {
            return body.getAsInt();
        } catch (RuntimeException | Error e) {
            err.println("pravah: " + what + " failed: " + cause(e)
                    + (debug ? "" : " (" + DEBUG_VARIABLE + "=1 shows the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The failure's message, and its root cause's when that adds something; on one line. */
    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = message(e);
        String rootText = message(root);
        if (!text.contains(rootText)) {
            text = text + ": " + rootText;
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * The parsed command line; {@code baseUrl} is already checked.
     *
     * @param dir    export's folder to write, import's folder to read
     * @param source import's store source
     */
    record Options(String command, Path config, Optional<String> baseUrl, Optional<Path> dir, long maxFeedBytes,
                   Optional<String> source) {
        static Options parse(String[] args) {
            String command = args[0];
            Path config = Path.of("feeds-config.yaml");
            Optional<String> baseUrl = Optional.empty();
            Optional<Path> dir = Optional.empty();
            Optional<String> source = Optional.empty();
            long maxFeedBytes = CheckCommand.DEFAULT_MAX_FEED_BYTES;
            boolean importing = command.equals("import");
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--config" -> config = Path.of(value(args, ++i));
                    case "--base-url" -> {
                        if (importing) {
                            throw new IllegalArgumentException("--base-url belongs to check and export");
                        }
                        baseUrl = Optional.of(baseUrl(value(args, ++i)));
                    }
                    case "--source" -> {
                        if (!importing) {
                            throw new IllegalArgumentException("--source belongs to import");
                        }
                        source = Optional.of(value(args, ++i));
                    }
                    case "--max-feed-bytes" -> {
                        if (!command.equals("check")) {
                            throw new IllegalArgumentException("--max-feed-bytes belongs to check");
                        }
                        maxFeedBytes = positive(value(args, ++i));
                    }
                    default -> {
                        if (arg.startsWith("-") || command.equals("check") || dir.isPresent()) {
                            throw new IllegalArgumentException("unknown argument '" + arg + "'");
                        }
                        dir = Optional.of(Path.of(arg));
                    }
                }
            }
            if (command.equals("export") && dir.isEmpty()) {
                throw new IllegalArgumentException("export needs the folder to write to");
            }
            if (importing && dir.isEmpty()) {
                throw new IllegalArgumentException("import needs the folder of article files to read");
            }
            return new Options(command, config, baseUrl, dir, maxFeedBytes, source);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static String baseUrl(String raw) {
            try {
                return ConfigLoader.checkBaseUrl(raw);
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--base-url: " + e.getMessage());
            }
        }

        private static long positive(String raw) {
            try {
                long n = Long.parseLong(raw);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--max-feed-bytes must be a whole number of bytes above 0");
        }
    }
}
