package org.pravah.source.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {
    /** Names as a DNS server would answer them (no name is looked up for real); IP literals stand for themselves. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "partner.example", List.of("203.0.113.7"),
            "intranet.example", List.of("10.20.30.40"),
            "mixed.example", List.of("198.51.100.4", "2001:db8::4", "fd00:ab::4"),
            "cloud.example", List.of("198.51.100.5", "2001:db8::5"));

    private static AddressPolicy policy(boolean allowInternal) {
        return new AddressPolicy(allowInternal, host -> {
            List<String> found = NAMES.get(host);
            if (found == null && (Character.isDigit(host.charAt(0)) || host.startsWith("["))) {
                found = List.of(host);
            }
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found.stream().map(AddressPolicyTest::address).toList();
        });
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An IPv6 address with exactly these bytes: {@code getByName} would turn a mapped one into IPv4. */
    private static InetAddress v6(int... bytes) throws UnknownHostException {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) bytes[i];
        }
        return Inet6Address.getByAddress(null, b, -1);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, loopback", "127.8.9.10, loopback", "::1, loopback",
            "10.0.0.1, private", "10.255.255.255, private", "172.16.0.1, private", "172.31.255.254, private",
            "192.168.1.20, private", "100.64.0.1, private", "100.127.255.255, private",
            "fc00::1, private", "fd12:3456:789a::1, private", "fec0::1, private",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "0.0.0.0, unspecified", "0.1.2.3, unspecified", "::, unspecified",
            "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
            "255.255.255.255, broadcast"})
    void internal_addresses_are_told_by_their_kind(String literal, String kind) {
        assertEquals(Optional.of(kind), AddressPolicy.internal(address(literal)));
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"8.8.8.8", "203.0.113.7", "172.15.255.255", "172.32.0.1", "192.169.0.1", "100.63.255.255",
            "100.128.0.1", "11.0.0.1", "126.255.255.255", "128.0.0.1", "2001:4860:4860::8888", "2606:4700::1111",
            "fbff::1", "fe00::1"})
    void public_addresses_are_not_internal(String literal) {
        assertEquals(Optional.empty(), AddressPolicy.internal(address(literal)));
    }

    @Test
    void ipv4_inside_ipv6_is_judged_by_the_ipv4_address() throws UnknownHostException {
        // ::ffff:127.0.0.1 (mapped), ::10.1.2.3 (compatible), 64:ff9b::192.168.0.1 (NAT64)
        assertEquals(Optional.of("loopback"), AddressPolicy.internal(v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
                127, 0, 0, 1)));
        assertEquals(Optional.of("loopback"), AddressPolicy.internal(address("::ffff:127.0.0.1")));
        assertEquals(Optional.of("private"), AddressPolicy.internal(v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                10, 1, 2, 3)));
        assertEquals(Optional.of("private"), AddressPolicy.internal(v6(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0,
                192, 168, 0, 1)));
        assertEquals(Optional.empty(), AddressPolicy.internal(v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
                8, 8, 8, 8)));
    }

    @Test
    void a_redirect_from_a_public_url_to_an_internal_address_is_refused() {
        URI configured = URI.create("https://partner.example/rss");
        UpstreamException e = assertThrows(UpstreamException.class, () -> policy(false)
                .checkRedirect(configured, URI.create("http://intranet.example/admin?key=1"), 301));
        assertEquals("HTTP 301 redirect to http://intranet.example/admin refused: intranet.example resolves to a "
                + "private address (10.20.30.40); a feed is redirected to internal addresses only when its url is "
                + "internal too, or with allowInternal: true", e.getMessage());
        assertThrows(UpstreamException.class,
                () -> policy(false).checkRedirect(configured, URI.create("http://[::1]:8080/"), 302));
        assertThrows(UpstreamException.class,
                () -> policy(false).checkRedirect(configured, URI.create("http://169.254.169.254/latest/"), 302));
    }

    @Test
    void every_address_of_the_target_is_checked() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> policy(false)
                .checkRedirect(URI.create("https://partner.example/rss"), URI.create("https://mixed.example/"), 302));
        assertTrue(e.getMessage().contains("(fd00:ab:0:0:0:0:0:4)"), e.getMessage());
    }

    @Test
    void public_targets_internal_configured_urls_and_allow_internal_pass() throws UpstreamException {
        policy(false).checkRedirect(URI.create("https://partner.example/rss"), URI.create("https://cloud.example/"),
                302);
        policy(false).checkRedirect(URI.create("http://intranet.example/rss"), URI.create("http://127.0.0.1/"), 302);
        policy(false).checkRedirect(URI.create("http://127.0.0.1:8080/rss"), URI.create("http://intranet.example/"),
                307);
        policy(true).checkRedirect(URI.create("https://partner.example/rss"), URI.create("http://10.0.0.1/"), 302);
    }

    @Test
    void a_redirect_to_a_name_that_does_not_resolve_says_so() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> policy(false)
                .checkRedirect(URI.create("https://partner.example/rss"), URI.create("https://gone.example/"), 302));
        assertEquals("HTTP 302 redirect to https://gone.example/: unknown host gone.example", e.getMessage());
    }
}
