package org.pravah.stats;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What one feed's polls added up to on one day, in one share (a process's part, or a merged whole). Shares merge:
 * counts add, the distinct-reader sketches unite, an aggregator's figure per feed id is the latest stated (never a
 * sum over polls or processes), and the poller lists are re-ranked. Not thread-safe: one thread owns each.
 */
final class FeedDay {
    /** UltraLogLog precision: 2^10 one-byte registers, about 2.4 % relative error, 1 KB per feed and day. */
    static final int SKETCH_PRECISION = 10;
    /** Feed ids kept per client, and figures per feed and day: a flood of invented ids cannot grow them further. */
    static final int MAX_FEED_IDS_PER_CLIENT = 16;
    static final int MAX_FIGURES = 64;
    /** Client labels counted per feed and day (the data file's names plus a few unknown aggregators), the rest as one. */
    static final int MAX_CLIENTS = 64;
    /** Entries in each poller list. */
    static final int TOP = 5;

    long polls;
    long notModified;
    long withValidators;
    long bytesSent;
    long savedBy304;
    long savedByGzip;
    /** Distinct pollers that are readers (not aggregators); null once finished (see {@link #readers}). */
    UltraLogLog readerSketch = UltraLogLog.create(SKETCH_PRECISION);
    private long finishedReaders;
    final Map<FigureKey, Figure> figures = new HashMap<>();
    final Map<String, Long> pollsByClient = new HashMap<>();
    List<PollerRow> slowest = List.of();
    List<PollerRow> tooOften = List.of();
    List<PollerRow> withoutValidators = List.of();

    /** One aggregator's id for our feed; {@code feedId} is "" when the aggregator states none. */
    record FigureKey(String client, String feedId) {
    }

    /** @param at when it was stated (epoch milliseconds): the latest wins when shares merge */
    record Figure(long subscribers, long at) {
    }

    /** Distinct readers: the sketch's estimate, or the number kept when the day was finished. */
    long readers() {
        return readerSketch == null ? finishedReaders : Math.round(readerSketch.getDistinctCountEstimate());
    }

    /** Drops the sketch and keeps its estimate: for days that are over and only shown, 1 KB less each. */
    void finish() {
        if (readerSketch != null) {
            finishedReaders = readers();
            readerSketch = null;
        }
    }

    /** The sum of the latest figure of every aggregator's feed id. */
    long aggregatorSubscribers() {
        return figures.values().stream().mapToLong(Figure::subscribers).sum();
    }

    /** Per client, the sum of its feed ids' figures. */
    Map<String, Long> subscribersByClient() {
        Map<String, Long> out = new LinkedHashMap<>();
        figures.forEach((k, f) -> out.merge(k.client(), f.subscribers(), Long::sum));
        return out;
    }

    void countClient(String label, long polls) {
        // the size first: below the bound (always, but for a flood of unknown aggregators) one lookup is enough
        if (pollsByClient.size() < MAX_CLIENTS - 1 || pollsByClient.containsKey(label)) {
            pollsByClient.merge(label, polls, Long::sum);
        } else {
            pollsByClient.merge(Clients.UNKNOWN_PREFIX, polls, Long::sum);
        }
    }

    /** A figure stated at {@code at}; kept when it is newer than the one held, and within the bounds. */
    void figure(FigureKey key, Figure figure) {
        Figure held = figures.get(key);
        if (held != null) {
            if (figure.at() >= held.at()) {
                figures.put(key, figure);
            }
            return;
        }
        if (figures.size() >= MAX_FIGURES) {
            return;
        }
        long sameClient = figures.keySet().stream().filter(k -> k.client().equals(key.client())).count();
        if (sameClient < MAX_FEED_IDS_PER_CLIENT) {
            figures.put(key, figure);
        }
    }

    /** Adds {@code other} into this one. */
    void merge(FeedDay other) {
        polls += other.polls;
        notModified += other.notModified;
        withValidators += other.withValidators;
        bytesSent += other.bytesSent;
        savedBy304 += other.savedBy304;
        savedByGzip += other.savedByGzip;
        if (readerSketch != null && other.readerSketch != null) {
            readerSketch.add(other.readerSketch);
        } else {
            // only finished days lack a sketch, and those are never merged with another share of their day
            finishedReaders = readers() + other.readers();
            readerSketch = null;
        }
        other.figures.forEach(this::figure);
        other.pollsByClient.forEach(this::countClient);
        slowest = top(slowest, other.slowest, SLOWEST);
        tooOften = top(tooOften, other.tooOften, TOO_OFTEN);
        withoutValidators = top(withoutValidators, other.withoutValidators, WITHOUT_VALIDATORS);
    }

    static final Comparator<PollerRow> SLOWEST = Comparator.comparingLong(PollerRow::meanIntervalSeconds).reversed()
            .thenComparing(Comparator.comparingLong(PollerRow::polls).reversed());
    static final Comparator<PollerRow> TOO_OFTEN = Comparator.comparingLong(PollerRow::tooSoon).reversed()
            .thenComparing(Comparator.comparingLong(PollerRow::polls).reversed());
    static final Comparator<PollerRow> WITHOUT_VALIDATORS = Comparator.comparingLong(PollerRow::polls).reversed();

    static List<PollerRow> top(List<PollerRow> a, List<PollerRow> b, Comparator<PollerRow> order) {
        List<PollerRow> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(order.thenComparing(PollerRow::client));
        return List.copyOf(all.subList(0, Math.min(TOP, all.size())));
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("polls", polls);
        o.put("notModified", notModified);
        o.put("withValidators", withValidators);
        o.put("bytesSent", bytesSent);
        o.put("savedBy304", savedBy304);
        o.put("savedByGzip", savedByGzip);
        if (readerSketch != null) {
            o.put("readerSketch", Base64.getEncoder().encodeToString(deflate(readerSketch.getState())));
        } else {
            o.put("readers", finishedReaders);
        }
        ArrayNode figs = o.putArray("figures");
        figures.forEach((k, f) -> figs.addObject().put("client", k.client()).put("feedId", k.feedId())
                .put("subscribers", f.subscribers()).put("at", f.at()));
        ObjectNode clients = o.putObject("clients");
        pollsByClient.forEach(clients::put);
        rows(o.putArray("slowest"), slowest);
        rows(o.putArray("tooOften"), tooOften);
        rows(o.putArray("withoutValidators"), withoutValidators);
        return o;
    }

    private static void rows(ArrayNode out, List<PollerRow> rows) {
        for (PollerRow r : rows) {
            out.addObject().put("client", r.client()).put("polls", r.polls()).put("tooSoon", r.tooSoon())
                    .put("withValidators", r.withValidators()).put("meanIntervalSeconds", r.meanIntervalSeconds());
        }
    }

    /**
     * Reads what {@link #toJson} wrote. Labels are checked against the alphabet labels are made of, and numbers are
     * clamped at zero, so an edited or damaged file cannot put markup or negative counts on the page.
     */
    static FeedDay fromJson(JsonNode o) {
        FeedDay d = new FeedDay();
        d.polls = count(o, "polls");
        d.notModified = count(o, "notModified");
        d.withValidators = count(o, "withValidators");
        d.bytesSent = count(o, "bytesSent");
        d.savedBy304 = count(o, "savedBy304");
        d.savedByGzip = count(o, "savedByGzip");
        if (o.hasNonNull("readerSketch")) {
            byte[] state = inflate(Base64.getDecoder().decode(o.get("readerSketch").asText()));
            d.readerSketch = UltraLogLog.wrap(state);
            if (d.readerSketch.getP() != SKETCH_PRECISION) {
                d.readerSketch = d.readerSketch.downsize(SKETCH_PRECISION);
            }
        } else {
            d.readerSketch = null;
            d.finishedReaders = count(o, "readers");
        }
        for (JsonNode f : o.path("figures")) {
            String client = f.path("client").asText("");
            String feedId = f.path("feedId").asText("");
            long subscribers = count(f, "subscribers");
            if (safeLabel(client) && feedId.matches("[A-Za-z0-9._:-]{0,64}")
                    && subscribers <= ClientRecognition.MAX_SUBSCRIBERS) {
                d.figure(new FigureKey(client, feedId), new Figure(subscribers, count(f, "at")));
            }
        }
        o.path("clients").properties().forEach(e -> {
            if (safeLabel(e.getKey())) {
                d.countClient(e.getKey(), Math.max(0, e.getValue().asLong()));
            }
        });
        d.slowest = rows(o.path("slowest"));
        d.tooOften = rows(o.path("tooOften"));
        d.withoutValidators = rows(o.path("withoutValidators"));
        return d;
    }

    private static List<PollerRow> rows(JsonNode array) {
        List<PollerRow> out = new ArrayList<>();
        for (JsonNode r : array) {
            String client = r.path("client").asText("");
            if (safeLabel(client) && out.size() < TOP) {
                out.add(new PollerRow(client, count(r, "polls"), count(r, "tooSoon"), count(r, "withValidators"),
                        count(r, "meanIntervalSeconds")));
            }
        }
        return List.copyOf(out);
    }

    /** What labels are made of: data-file names, {@code ?} and a product token, or nothing. */
    static boolean safeLabel(String label) {
        return label.matches("\\??[\\p{L}\\p{N} ._-]{0,40}");
    }

    private static long count(JsonNode o, String field) {
        return Math.max(0, o.path(field).asLong(0));
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] bytes) {
        Inflater inflater = new Inflater();
        inflater.setInput(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << SKETCH_PRECISION);
        byte[] buffer = new byte[1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("readerSketch: truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > 1 << 16) {
                    throw new IllegalArgumentException("readerSketch: larger than any sketch");
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("readerSketch: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
