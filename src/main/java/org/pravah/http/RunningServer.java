package org.pravah.http;

import io.javalin.Javalin;

/**
 * A started server, as the rest of the program sees it: the port it listens on and a way to stop it. It keeps
 * Javalin (and the Jetty beneath it) inside this package, so wiring outside {@code http} never names either.
 */
public final class RunningServer implements AutoCloseable {
    private final Javalin app;

    RunningServer(Javalin app) {
        this.app = app;
    }

    /** The port it listens on: the one asked for, or the free one chosen for port 0. */
    public int port() {
        return app.port();
    }

    /**
     * Stops accepting, then lets requests in flight finish for up to {@link Server#STOP_TIMEOUT}.
     *
     * @throws RuntimeException when Jetty cannot stop cleanly; the caller decides whether that matters
     */
    public void stop() {
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
