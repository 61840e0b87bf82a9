package org.pravah.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request headers take longer than a bound to arrive, counted from its opening or from the
 * first byte after its previous request. Jetty's idle timeout restarts with every byte, so a client sending one header
 * byte every few seconds (slowloris) would hold its connection, and a server thread's worth of buffers, for ever; Jetty
 * has no header timeout of its own.
 *
 * <p>One sweep every tenth of the bound looks at each connection's counters (bytes in, requests in, responses out;
 * the public {@link Connection} API, nothing of Jetty's internals): new bytes while no request is open mean headers
 * are arriving. A request is so cut off between 0.9 and 1.1 times the bound; one whose headers are complete is never
 * touched, however long its body or its answer takes, nor is a kept-alive connection resting between requests.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    private final long boundNanos;
    private final long sweepNanos;
    private final Scheduler scheduler;
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    /** What the last sweep saw of one connection; read and written by the sweeps alone. */
    private static final class Watch {
        long bytesIn;
        long requestsIn;
        /** When headers started to be awaited, as {@link System#nanoTime()}; meaningful only while waiting. */
        long waitingSince;
        boolean waiting;
        long lastLook;

        Watch(long now) {
            // a new connection owes its first request's headers from the start
            waiting = true;
            waitingSince = now;
            lastLook = now;
        }
    }

    HeaderDeadline(Duration bound, Scheduler scheduler) {
        this.boundNanos = bound.toNanos();
        this.sweepNanos = Math.max(bound.toNanos() / 10, TimeUnit.MILLISECONDS.toNanos(50));
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        watched.put(connection, new Watch(System.nanoTime()));
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    @Override
    protected void doStart() {
        next = scheduler.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        watched.clear();
    }

    private void sweep() {
        long now = System.nanoTime();
        watched.forEach((connection, watch) -> {
            if (late(connection, watch, now)) {
                watched.remove(connection);
                connection.getEndPoint().close();
            }
        });
        if (isRunning()) {
            next = scheduler.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
        }
    }

    private boolean late(Connection connection, Watch watch, long now) {
        long requestsIn = connection.getMessagesIn();
        long bytesIn = connection.getBytesIn();
        try {
            // Jetty counts a request in once its headers are parsed, and out once its answer starts
            if (requestsIn != watch.requestsIn || requestsIn > connection.getMessagesOut()) {
                watch.requestsIn = requestsIn;
                watch.waiting = false;
            } else if (!watch.waiting && bytesIn != watch.bytesIn) {
                // the next request began after the last look: date it from there, never later than its first byte
                watch.waiting = true;
                watch.waitingSince = watch.lastLook;
            }
            return watch.waiting && now - watch.waitingSince >= boundNanos;
        } finally {
            watch.bytesIn = bytesIn;
            watch.lastLook = now;
        }
    }
}
