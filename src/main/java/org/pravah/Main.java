package org.pravah;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pravah.cli.Commands;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;
import org.pravah.logging.LogConfigurator;

/**
 * {@code java -jar pravah.jar [--config PATH] [--port N] [--host ADDR] [--base-url URL]}, or one of the commands in
 * {@link Commands} ({@code check}, {@code export}, {@code import}). A start that fails says why in one line on stderr
 * and exits 2 for wrong arguments, 1 for anything else (the config, the port, a failure nobody foresaw).
 */
public final class Main {
    private static final String USAGE = "usage: java -jar pravah.jar [--config PATH] [--port N] [--host ADDR] [--base-url URL]\n"
            + Commands.USAGE;
    /** What {@link #serve} returns once the server runs: {@code main} returns, and the server's threads go on. */
    private static final int SERVING = -1;
    /** A system property: the file to create once the server serves (see {@link #markStarted}). */
    static final String STARTED_MARKER = "pravah.startedMarker";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && Commands.isCommand(args[0])) {
            System.exit(Commands.run(args));
            return;
        }
        int status = Commands.lastResort("start", System.err, Commands.debug(), () -> serve(args));
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /** @return {@link #SERVING}, or the exit status of a start that failed, having said why in one line */
    private static int serve(String[] args) {
        Path configPath = Path.of("feeds-config.yaml");
        Integer port = null;
        String host = "0.0.0.0";
        String baseUrl = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> configPath = Path.of(value(args, ++i));
                    case "--port" -> port = port(value(args, ++i));
                    case "--host" -> host = value(args, ++i);
                    case "--base-url" -> baseUrl = value(args, ++i);
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException(i == 0 && !args[i].startsWith("-")
                            ? "unknown command '" + args[i] + "' (the commands are check, export and import)"
                            : "unknown argument '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("pravah: " + e.getMessage() + Commands.SEE_HELP);
            return 2;
        }
        String checkedBaseUrl = null;
        if (baseUrl != null) {
            try {
                checkedBaseUrl = ConfigLoader.checkBaseUrl(baseUrl);
            } catch (ConfigException e) {
                System.err.println("pravah: --base-url: " + e.getMessage());
                return 2;
            }
        }
        PravahConfig config;
        try {
            config = ConfigLoader.load(configPath);
        } catch (ConfigException e) {
            System.err.println("pravah: config error: " + e.getMessage());
            return 1;
        }
        // command-line options win over the file, also after the file is edited and reloaded
        Integer portOption = port;
        String baseUrlOption = checkedBaseUrl;
        UnaryOperator<PravahConfig> overrides = c -> {
            PravahConfig out = portOption == null ? c : c.withPort(portOption);
            return baseUrlOption == null ? out : out.withBaseUrl(baseUrlOption);
        };
        // a store that does not open is reported and retried by the application, never a reason to serve nothing
        Application app = new Application(config, overrides);
        // registered before the start: a stop asked for while the first catalogue loads (a supervisor giving up, Ctrl-C)
        // is as clean as any other, where it used to find no hook and end the JVM with a stack trace
        Thread stopHook = new Thread(() -> stop(app), "pravah-shutdown");
        Runtime.getRuntime().addShutdownHook(stopHook);
        try {
            app.start(host);
        } catch (RuntimeException e) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopHook);
            } catch (IllegalStateException stopping) {
                // the start failed because the hook is stopping what it started; the hook reports and exits
                return SERVING;
            }
            app.close();
            Optional<String> listening = cannotListen(e);
            if (listening.isPresent()) {
                System.err.println("pravah: cannot listen on " + host + ":" + overrides.apply(config).server().port()
                        + ": " + listening.get());
                return 1;
            }
            throw e;
        }
        System.out.println("Pravah serving " + config.site().title() + " on http://" + displayHost(host) + ":"
                + app.port() + "/");
        markStarted();
        return SERVING;
    }

    /**
     * On SIGTERM or Ctrl-C: stop accepting, finish the requests in flight, stop the watchers. A stop that was asked
     * for and went cleanly is a success, so exit 0 rather than the JVM's 143 (which supervisors read as a crash).
     */
    private static void stop(Application app) {
        int status = 0;
        try {
            app.close();
        } catch (RuntimeException e) {
            System.err.println("pravah: stopping failed: " + e);
            status = 1;
        }
        // after the last request: the access log's last lines are written before the JVM halts
        LogConfigurator.stopLogging();
        if (status == 0) {
            System.out.println("Pravah stopped");
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /**
     * Creates the file that {@link #STARTED_MARKER} names, if set, once the server serves: {@code bin/pravah} keeps
     * the class-data archive the JVM writes at exit only when this file exists, since a start that failed loaded a
     * fraction of a server's classes and its archive would slow every later start.
     */
    private static void markStarted() {
        String marker = System.getProperty(STARTED_MARKER);
        if (marker == null || marker.isEmpty()) {
            return;
        }
        try {
            Files.write(Path.of(marker), new byte[0]);
        } catch (IOException | RuntimeException e) {
            // the archive is not kept, and the next start writes one; serving is unaffected
            System.err.println("pravah: cannot write the start marker " + marker + ": " + e.getMessage());
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--port: '" + text + "' is not a port number 0..65535");
    }

    /**
     * Why the HTTP server could not take its address, if that is why the start failed (a port in use, a host that
     * does not resolve or is not this machine's); empty for any other failure.
     */
    private static Optional<String> cannotListen(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return Optional.of("the host name does not resolve");
            }
            if (t instanceof BindException) {
                String message = t.getMessage() == null ? "" : t.getMessage();
                return Optional.of(message.toLowerCase(Locale.ROOT).contains("address already in use")
                        ? "port already in use" : message);
            }
        }
        return Optional.empty();
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
