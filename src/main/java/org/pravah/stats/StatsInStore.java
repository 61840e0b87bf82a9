package org.pravah.stats;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.pravah.store.ArticleStore;
import org.pravah.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of a cluster in the shared store: every process writes its own share of a day (keyed by its process id,
 * new at each start), and a reader merges the shares: counts add, sketches unite, an aggregator's figure is the latest
 * any process heard. The day's key is kept there too, so that all processes give one reader the same id.
 */
final class StatsInStore implements StatsStorage {
    private static final Logger LOG = LoggerFactory.getLogger(StatsInStore.class);

    private final ArticleStore store;
    /** Other processes' shares of the day read last, with when they were written: only changed ones are read again. */
    private final Map<String, Parsed> cache = new HashMap<>();

    private record Parsed(LocalDate day, Instant written, DayShare share) {
    }

    StatsInStore(ArticleStore store) {
        this.store = store;
    }

    @Override
    public byte[] dayKey(LocalDate day) {
        try {
            byte[] key = Base64.getDecoder().decode(store.statsKey(day.toString(),
                    Base64.getEncoder().encodeToString(StatsKeys.random())));
            if (key.length == StatsKeys.KEY_BYTES) {
                return key;
            }
            LOG.warn("stats: the key kept for {} is not {} bytes; this process uses one of its own", day,
                    StatsKeys.KEY_BYTES);
        } catch (StoreException | IllegalArgumentException e) {
            LOG.warn("stats: {}; this process uses a key of its own today (its readers may be counted twice)",
                    e.getMessage());
        }
        return StatsKeys.random();
    }

    @Override
    public DayShare kept(LocalDate day, boolean includeOwn) {
        DayShare merged = new DayShare(day);
        Map<String, Instant> written;
        try {
            written = store.statsShareTimes(day.toString());
        } catch (StoreException e) {
            LOG.warn("stats: {}; other processes' counts are left out for now", e.getMessage());
            cache.values().stream().filter(p -> p.day().equals(day)).forEach(p -> merged.merge(p.share()));
            return merged;
        }
        cache.keySet().removeIf(key -> !cache.get(key).day().equals(day) || !written.containsKey(process(key)));
        for (Map.Entry<String, Instant> e : written.entrySet()) {
            String process = e.getKey();
            if (!includeOwn && process.equals(store.processId())) {
                continue;
            }
            String key = day + " " + process;
            Parsed held = cache.get(key);
            if (held == null || !held.written().equals(e.getValue())) {
                held = read(process, day, e.getValue());
                if (held == null) {
                    continue;
                }
                cache.put(key, held);
            }
            merged.merge(held.share());
        }
        if (includeOwn) {
            // days asked for whole are past days, read once: not worth their memory
            cache.keySet().removeIf(key -> key.startsWith(day + " "));
        }
        return merged;
    }

    private static String process(String key) {
        return key.substring(key.indexOf(' ') + 1);
    }

    private Parsed read(String process, LocalDate day, Instant written) {
        try {
            Optional<String> document = store.statsShare(process, day.toString());
            if (document.isEmpty()) {
                return null;
            }
            return new Parsed(day, written, DayShare.fromJson(document.get().getBytes(StandardCharsets.UTF_8)));
        } catch (StoreException e) {
            LOG.warn("stats: {}", e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("stats: the share of process {} for {} is unreadable ({}); left out", process, day, e.getMessage());
        }
        return null;
    }

    @Override
    public void save(DayShare own) {
        try {
            store.putStatsShare(own.day.toString(), new String(own.toJson(), StandardCharsets.UTF_8));
        } catch (StoreException e) {
            LOG.warn("stats: {}; the counts stay in memory and are tried again", e.getMessage());
        }
    }

    @Override
    public void forget(LocalDate oldest, LocalDate today) {
        try {
            store.forgetStats(oldest.toString(), today.toString());
        } catch (StoreException e) {
            LOG.warn("stats: {}", e.getMessage());
        }
    }
}
