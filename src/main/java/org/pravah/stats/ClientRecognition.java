package org.pravah.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tells from a User-Agent who polls: a named aggregator and the subscriber figure it states, a named reader, an unknown
 * bot that states a figure, or anyone else. The names and patterns are data ({@code clients.yaml} beside this class),
 * so a new aggregator is a line there and a test, not code.
 *
 * <p>Nothing of the User-Agent leaves this class but a name from the data file, a product token of at most 32 letters,
 * digits and {@code ._-} (for unknown bots), a number and a feed id of the same characters: whatever a client sends,
 * what is counted, kept and shown is from that small alphabet.
 */
public final class ClientRecognition {
    /** Longer User-Agents are not read at all: no aggregator sends one, and regexes over 10 KB cost too much. */
    public static final int MAX_USER_AGENT = 512;
    /** A stated figure above this is absurd (the largest feeds have about a million followers on any service). */
    public static final long MAX_SUBSCRIBERS = 10_000_000;
    private static final Pattern PRODUCT = Pattern.compile("([A-Za-z][A-Za-z0-9._-]{0,31})[/ ;(]");
    private static final Pattern COMPATIBLE_PRODUCT = Pattern.compile("compatible;\\s*([A-Za-z][A-Za-z0-9._-]{0,31})[/ ;)]");
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** What kind of poller a User-Agent names. */
    public enum Kind {
        /** Polls for many people; its stated figure is counted, its polls are not readers. */
        AGGREGATOR,
        /** A bot that matches no entry but states a figure: counted like an aggregator, listed as unknown. */
        UNKNOWN_AGGREGATOR,
        /** Named reader software: one reader per distinct poller. */
        READER,
        /** Anyone else (browsers, scripts, no or unreadable User-Agent): one reader per distinct poller. */
        OTHER
    }

    /**
     * @param name        the data file's name; for an unknown aggregator its product token; {@code ""} for OTHER
     * @param subscribers the stated figure, or -1 when none (or an absurd one) was stated
     * @param feedId      the aggregator's id of our feed, or {@code ""}
     */
    public record Recognised(Kind kind, String name, long subscribers, String feedId) {
        public static final Recognised OTHER = new Recognised(Kind.OTHER, "", -1, "");

        /** True for those whose polls are people (each distinct poller one reader). */
        public boolean reader() {
            return kind == Kind.READER || kind == Kind.OTHER;
        }
    }

    private record Client(String name, Kind kind, Pattern match, Pattern subscribers, Pattern feedId) {
    }

    private final List<Client> clients;
    private final Pattern defaultSubscribers;
    private final Pattern defaultFeedId;

    private ClientRecognition(List<Client> clients, Pattern defaultSubscribers, Pattern defaultFeedId) {
        this.clients = List.copyOf(clients);
        this.defaultSubscribers = defaultSubscribers;
        this.defaultFeedId = defaultFeedId;
    }

    /** The shipped list of clients. */
    public static ClientRecognition shipped() {
        try (InputStream in = ClientRecognition.class.getResourceAsStream("clients.yaml")) {
            if (in == null) {
                throw new IllegalStateException("clients.yaml is missing from the jar");
            }
            return parse(in.readAllBytes(), "clients.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a clients file; a bad entry is an error naming its place ({@code clients[3].match}). */
    static ClientRecognition parse(byte[] yaml, String fileName) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(fileName + ": not YAML: " + e.getMessage(), e);
        }
        Pattern subscribers = pattern(root.path("defaults").path("subscribers"), fileName, "defaults.subscribers");
        Pattern feedId = pattern(root.path("defaults").path("feedId"), fileName, "defaults.feedId");
        List<Client> clients = new ArrayList<>();
        JsonNode list = root.path("clients");
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = "clients[" + i + "]";
            String name = c.path("name").asText("");
            if (!name.matches("[\\p{L}\\p{N} ._-]{1,40}")) {
                throw new IllegalArgumentException(fileName + ": " + at + ".name: letters, digits, spaces and ._- only, 1 to 40");
            }
            Kind kind = switch (c.path("kind").asText("")) {
                case "aggregator" -> Kind.AGGREGATOR;
                case "reader" -> Kind.READER;
                default -> throw new IllegalArgumentException(fileName + ": " + at + ".kind: aggregator or reader");
            };
            clients.add(new Client(name, kind, pattern(c.path("match"), fileName, at + ".match"),
                    c.has("subscribers") ? pattern(c.path("subscribers"), fileName, at + ".subscribers") : subscribers,
                    c.has("feedId") ? pattern(c.path("feedId"), fileName, at + ".feedId") : feedId));
        }
        return new ClientRecognition(clients, subscribers, feedId);
    }

    private static Pattern pattern(JsonNode node, String fileName, String at) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException(fileName + ": " + at + ": a regular expression is required");
        }
        try {
            return Pattern.compile(node.asText(), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(fileName + ": " + at + ": " + e.getDescription(), e);
        }
    }

    /** The names of every client in the data file, in its order. */
    public List<String> names() {
        return clients.stream().map(Client::name).toList();
    }

    public Recognised recognise(String userAgent) {
        if (userAgent == null || userAgent.isEmpty() || userAgent.length() > MAX_USER_AGENT) {
            return Recognised.OTHER;
        }
        // figures from a header carrying control characters or undecodable bytes are not believed
        boolean clean = userAgent.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0xfffd);
        for (Client c : clients) {
            if (c.match().matcher(userAgent).find()) {
                long figure = clean ? subscribers(c.subscribers(), userAgent) : -1;
                Kind kind = c.kind() == Kind.READER && figure >= 0 ? Kind.AGGREGATOR : c.kind();
                String id = clean && figure >= 0 ? feedId(c.feedId(), userAgent) : "";
                return new Recognised(kind, c.name(), figure, id);
            }
        }
        if (!clean) {
            return Recognised.OTHER;
        }
        long figure = subscribers(defaultSubscribers, userAgent);
        if (figure < 0) {
            return Recognised.OTHER;
        }
        // "Foo/1.0 (…)" is Foo; "Mozilla/5.0 (compatible; Foo/1.0; …)" is Foo too; anything else stays unnamed
        String name = "";
        int compatible = userAgent.indexOf("compatible;");
        Matcher product = compatible >= 0 && userAgent.regionMatches(true, 0, "Mozilla/", 0, 8)
                ? COMPATIBLE_PRODUCT.matcher(userAgent).region(compatible, userAgent.length())
                : PRODUCT.matcher(userAgent);
        if (product.lookingAt()) {
            name = product.group(1);
        }
        return new Recognised(Kind.UNKNOWN_AGGREGATOR, name, figure, feedId(defaultFeedId, userAgent));
    }

    /** The stated figure, or -1 for none or an absurd one ("12,345" is read as 12345). */
    private static long subscribers(Pattern pattern, String userAgent) {
        Matcher m = pattern.matcher(userAgent);
        if (!m.find()) {
            return -1;
        }
        String digits = m.group(1).replace(",", "");
        if (digits.isEmpty() || digits.length() > 9) {
            return -1;
        }
        long n = Long.parseLong(digits);
        return n > MAX_SUBSCRIBERS ? -1 : n;
    }

    private static String feedId(Pattern pattern, String userAgent) {
        Matcher m = pattern.matcher(userAgent);
        if (!m.find()) {
            return "";
        }
        String id = m.group(1);
        return SAFE_ID.matcher(id).matches() ? id : "";
    }
}
