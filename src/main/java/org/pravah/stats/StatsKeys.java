package org.pravah.stats;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A poller's id for one day: HMAC-SHA256 of its address and User-Agent under the day's random key, cut to 64 bits.
 * Neither the address nor the User-Agent is kept; without the day's key, which is deleted when the day ends, an id
 * cannot be tied back to them, nor ids of two days to each other. Not thread-safe (one {@link Mac}).
 */
final class StatsKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int KEY_BYTES = 32;

    private final Mac mac;

    StatsKeys(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    static byte[] random() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** @param client the connection's remote address ({@link InetSocketAddress}) or its text form */
    long pollerId(Object client, String userAgent) {
        mac.update(address(client));
        mac.update((byte) 0);
        if (userAgent != null) {
            mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
        }
        byte[] h = mac.doFinal();
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = (id << 8) | (h[i] & 0xff);
        }
        return id;
    }

    /** The address's bytes, so that both ways of learning it (socket or text) give one id. */
    private static byte[] address(Object client) {
        if (client instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress().getAddress();
        }
        if (client instanceof String text && !text.isEmpty()) {
            String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            // only an address literal, so that no name is ever looked up here
            if (literal.matches("[0-9A-Fa-f:.]{2,45}")) {
                try {
                    return InetAddress.getByName(literal).getAddress();
                } catch (UnknownHostException e) {
                    // not a literal after all: its text is as good an identity
                }
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }
}
