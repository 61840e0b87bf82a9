package org.pravah.source.upstream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a redirect may lead a fetch. An upstream on the internet that answers {@code 302 Location:
 * http://127.0.0.1:…/admin} would otherwise make us read a page meant only for the inside (server-side request
 * forgery): redirects to loopback, link-local, private, unspecified, multicast and broadcast addresses are refused,
 * unless the configured url is itself internal (the operator pointed us inside on purpose) or the source says
 * {@code allowInternal: true}. A name counts as internal when any of its addresses is: the HTTP client may connect to
 * any of them.
 *
 * <p>The name is resolved here and again by the HTTP client when it connects; both go through the JDK's address
 * cache, so they see the same answer unless the cache entry expires in between.
 *
 * @param allowInternal the feed source's {@code allowInternal}
 * @param resolver      host names to addresses: DNS, except in tests, which need a public-looking name that still
 *                      reaches a stub on 127.0.0.1
 */
public record AddressPolicy(boolean allowInternal, Resolver resolver) {
    /** Host names to all their addresses. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The system's resolver (and its cache, which the HTTP client then connects with). */
    public static final Resolver DNS = host -> List.of(InetAddress.getAllByName(host));

    public static AddressPolicy of(boolean allowInternal) {
        return new AddressPolicy(allowInternal, DNS);
    }

    /**
     * Lets a redirect from {@code configured} (the source's url, not the previous hop) to {@code target} be followed,
     * or says why not.
     */
    void checkRedirect(URI configured, URI target, int status) throws UpstreamException {
        if (allowInternal) {
            return;
        }
        String host = target.getHost();
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UpstreamException("HTTP " + status + " redirect to " + FeedFetcher.display(target)
                    + ": unknown host " + host, OptionalInt.of(status), Optional.empty());
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = internal(address);
            if (kind.isPresent() && !isInternal(configured)) {
                String ip = address.getHostAddress();
                String where = isLiteral(host) ? ip + " is a " + kind.get() + " address"
                        : host + " resolves to a " + kind.get() + " address (" + ip + ")";
                throw new UpstreamException("HTTP " + status + " redirect to " + FeedFetcher.display(target)
                        + " refused: " + where + "; a feed is redirected to internal addresses only when its url is "
                        + "internal too, or with allowInternal: true", OptionalInt.of(status), Optional.empty());
            }
        }
    }

    /** Whether the configured url leads inside; a name that does not resolve here does not. */
    private boolean isInternal(URI configured) {
        try {
            return resolver.resolve(configured.getHost()).stream().anyMatch(a -> internal(a).isPresent());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * What kind of internal address this is ({@code loopback}, {@code private}, {@code link-local},
     * {@code unspecified}, {@code multicast}, {@code broadcast}), or empty for a public one. An IPv4 address carried
     * in IPv6 (mapped, compatible, NAT64) is judged as the IPv4 address it reaches.
     */
    static Optional<String> internal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> inside = embeddedIpv4(v6.getAddress());
            if (inside.isPresent()) {
                return internal(inside.get());
            }
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        // RFC 1918 for IPv4, the deprecated fec0::/10 for IPv6
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0) {
                // 0.0.0.0/8, "this network": Linux connects 0.x.x.x to the local host
                return Optional.of("unspecified");
            }
            if (first == 100 && (second & 0xC0) == 64) {
                // 100.64.0.0/10, shared address space (RFC 6598): carrier NAT, and clouds' internal services
                return Optional.of("private");
            }
            if (first == 255 && second == 255 && (b[2] & 0xFF) == 255 && (b[3] & 0xFF) == 255) {
                return Optional.of("broadcast");
            }
        } else if ((b[0] & 0xFE) == 0xFC) {
            // fc00::/7, unique local addresses (RFC 4193): IPv6's private networks
            return Optional.of("private");
        }
        return Optional.empty();
    }

    /** The IPv4 address in ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) or 64:ff9b::a.b.c.d (NAT64). */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean zeros = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeros && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        boolean compatible = zeros && b[10] == 0 && b[11] == 0;
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
        if (!(mapped || compatible || nat64)) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** An IP literal rather than a name: it says its address itself. */
    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
