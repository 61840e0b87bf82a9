package org.pravah.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.pravah.stats.StatsReport.ClientCount;
import org.pravah.stats.StatsReport.DayStats;
import org.pravah.stats.StatsReport.FeedReport;

/** {@code /stats} as JSON ({@code Accept: application/json}): the report's numbers, client names as data. */
public final class StatsJson {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private StatsJson() {
    }

    public static byte[] of(StatsReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("today", report.today().toString());
        root.put("timeZone", report.zone().getId());
        root.put("days", report.days().size());
        root.put("ttlSeconds", report.ttlSeconds());
        root.put("dropped", report.dropped());
        ArrayNode feeds = root.putArray("feeds");
        for (FeedReport f : report.feeds()) {
            ObjectNode o = feeds.addObject();
            o.put("feed", f.feed());
            ObjectNode subscribers = o.putObject("subscribers");
            subscribers.put("total", f.subscribers());
            subscribers.put("readers", f.readers());
            ArrayNode aggregators = subscribers.putArray("aggregators");
            for (ClientCount c : f.aggregators()) {
                client(aggregators.addObject(), c.client()).put("subscribers", c.count());
            }
            day(o.putObject("today"), f.today());
            ArrayNode clients = o.withObject("today").putArray("clients");
            for (ClientCount c : f.clients()) {
                client(clients.addObject(), c.client()).put("polls", c.count());
            }
            ObjectNode pollers = o.putObject("pollers");
            rows(pollers.putArray("slowest"), f.slowest());
            rows(pollers.putArray("tooOften"), f.tooOften());
            rows(pollers.putArray("withoutValidators"), f.withoutValidators());
            ArrayNode history = o.putArray("history");
            for (DayStats d : f.history()) {
                day(history.addObject(), d);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** {@code name} and {@code known}: an unnamed reader has the name "", an unknown aggregator its product token. */
    private static ObjectNode client(ObjectNode o, String label) {
        return o.put("name", Clients.name(label)).put("known", !label.isEmpty() && !Clients.unknown(label));
    }

    private static void day(ObjectNode o, DayStats d) {
        o.put("date", d.date().toString());
        o.put("subscribers", d.subscribers());
        o.put("readers", d.readers());
        o.put("aggregatorSubscribers", d.aggregatorSubscribers());
        o.put("polls", d.polls());
        o.put("notModified", d.notModified());
        o.put("notModifiedShare", Math.round(d.notModifiedShare() * 1000) / 1000.0);
        o.put("withValidators", d.withValidators());
        o.put("bytesSent", d.bytesSent());
        o.put("bytesSavedBy304", d.savedBy304());
        o.put("bytesSavedByGzip", d.savedByGzip());
    }

    private static void rows(ArrayNode out, List<PollerRow> rows) {
        for (PollerRow r : rows) {
            client(out.addObject(), r.client()).put("polls", r.polls()).put("tooSoon", r.tooSoon())
                    .put("withValidators", r.withValidators()).put("meanIntervalSeconds", r.meanIntervalSeconds());
        }
    }
}
