package org.pravah.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.SelectorManager;

/**
 * Refuses a new connection from an address that already holds the most it may, so that one client cannot take every
 * connection the server has (Jetty's own {@code NetworkConnectionLimit} counts all clients together). A refused
 * channel is closed as it is accepted, before Jetty gives it buffers or a connection object.
 */
final class ConnectionsPerAddress implements SelectorManager.AcceptListener {
    private final int limit;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each admitted channel's address: once the channel is closed, it can no longer tell it. */
    private final Map<SelectableChannel, InetAddress> admitted = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        if (!(channel instanceof SocketChannel socket)) {
            return;
        }
        try {
            if (!(socket.getRemoteAddress() instanceof InetSocketAddress remote)) {
                return;
            }
            InetAddress address = remote.getAddress();
            // counted here rather than when Jetty opens the connection, so that a burst of accepts cannot overshoot
            if (open.merge(address, 1, Integer::sum) > limit) {
                release(address);
                // Jetty then fails to register the closed channel and drops it, logging at debug level only
                socket.close();
                return;
            }
            admitted.put(channel, address);
        } catch (IOException e) {
            // the client is already gone: Jetty finds that out itself
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(admitted.remove(channel));
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        release(admitted.remove(channel));
    }

    private void release(InetAddress address) {
        if (address != null) {
            // an address without connections leaves the map, which so holds only current clients
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }
}
