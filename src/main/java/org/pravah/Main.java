package org.pravah;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.pravah.cli.Commands;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;

/**
 * {@code java -jar pravah.jar [--config PATH] [--port N] [--host ADDR] [--base-url URL]}, or one of the commands in
 * {@link Commands} ({@code check}, {@code export}).
 */
public final class Main {
    private static final String USAGE = "usage: java -jar pravah.jar [--config PATH] [--port N] [--host ADDR] [--base-url URL]\n"
            + Commands.USAGE;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && Commands.isCommand(args[0])) {
            System.exit(Commands.run(args));
            return;
        }
        Path configPath = Path.of("feeds-config.yaml");
        Integer port = null;
        String host = "0.0.0.0";
        String baseUrl = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> configPath = Path.of(value(args, ++i));
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "--host" -> host = value(args, ++i);
                    case "--base-url" -> baseUrl = value(args, ++i);
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (port != null && (port < 0 || port > 65535)) {
                throw new IllegalArgumentException("--port must be 0..65535");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("pravah: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        String checkedBaseUrl = null;
        if (baseUrl != null) {
            try {
                checkedBaseUrl = ConfigLoader.checkBaseUrl(baseUrl);
            } catch (ConfigException e) {
                System.err.println("pravah: --base-url: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        PravahConfig config;
        try {
            config = ConfigLoader.load(configPath);
        } catch (ConfigException e) {
            System.err.println("pravah: config error: " + e.getMessage());
            System.exit(1);
            return;
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
                return;
            }
            // typically the port is taken; say so in one line instead of a stack trace
            app.close();
            System.err.println("pravah: cannot listen on " + host + ":" + overrides.apply(config).server().port()
                    + ": " + rootMessage(e));
            System.exit(1);
            return;
        }
        System.out.println("Pravah serving " + config.site().title() + " on http://" + displayHost(host) + ":"
                + app.port() + "/");
    }

    /**
     * On SIGTERM or Ctrl-C: stop accepting, finish the requests in flight, stop the watchers. A stop that was asked
     * for and went cleanly is a success, so exit 0 rather than the JVM's 143 (which supervisors read as a crash).
     */
    private static void stop(Application app) {
        int status = 0;
        try {
            app.close();
            System.out.println("Pravah stopped");
        } catch (RuntimeException e) {
            System.err.println("pravah: stopping failed: " + e);
            status = 1;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.toLowerCase(java.util.Locale.ROOT).contains("address already in use")
                ? "port already in use" : message;
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
