package org.pravah;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.PravahConfig;

/** {@code java -jar pravah.jar [--config PATH] [--port N] [--host ADDR] [--base-url URL]}. */
public final class Main {
    private static final String USAGE = "usage: java -jar pravah.jar [--config PATH] [--port N] [--host ADDR] [--base-url URL]";

    private Main() {
    }

    public static void main(String[] args) {
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
        Application app;
        try {
            app = new Application(config, overrides).start(host);
        } catch (Application.StartupException e) {
            System.err.println("pravah: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "pravah-shutdown"));
        System.out.println("Pravah serving " + config.site().title() + " on http://" + displayHost(host) + ":"
                + app.port() + "/");
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
