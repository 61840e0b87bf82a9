package org.pravah.stats;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Who reads each feed, for {@code /stats} and {@code /metrics}: numbers and client names only.
 *
 * @param days       the days shown, oldest first, ending today (in {@code zone})
 * @param ttlSeconds a poll sooner than this after the same poller's previous one is counted as too soon
 * @param feeds      every feed polled in those days, most followed first
 * @param dropped    polls not counted because the counting fell behind (0 unless the server is overwhelmed)
 */
public record StatsReport(LocalDate today, ZoneId zone, int ttlSeconds, List<LocalDate> days, List<FeedReport> feeds,
                          long dropped) {
    public StatsReport {
        days = List.copyOf(days);
        feeds = List.copyOf(feeds);
    }

    /** A client label with a number (subscribers it states, or polls it made). See {@link Clients}. */
    public record ClientCount(String client, long count) {
    }

    /**
     * One feed.
     *
     * @param feed        its path, {@code /feeds/videsh/asia.atom}
     * @param subscribers the estimate now: every aggregator's latest figure of today or yesterday, plus the distinct
     *                    readers of today or of yesterday, whichever is larger
     * @param aggregators the figures in that estimate, per client
     * @param readers     the readers in it
     * @param history     one entry per day of {@link StatsReport#days}, today last
     * @param clients     today's polls per client
     * @param slowest     today's pollers with the longest mean time between polls
     * @param tooOften    today's pollers that came back sooner than the ttl, most often
     * @param withoutValidators today's pollers that polled more than once and never sent a validator
     */
    public record FeedReport(String feed, long subscribers, List<ClientCount> aggregators, long readers,
                             List<DayStats> history, List<ClientCount> clients, List<PollerRow> slowest,
                             List<PollerRow> tooOften, List<PollerRow> withoutValidators) {
        public DayStats today() {
            return history.get(history.size() - 1);
        }
    }

    /**
     * One feed on one day.
     *
     * @param readers               distinct pollers that were not aggregators (estimated, ±2.4 %)
     * @param aggregatorSubscribers the sum of the latest figure of every aggregator's feed id that day
     * @param savedBy304            body bytes not sent because the client's copy was current
     * @param savedByGzip           bytes gzip saved on the bodies sent
     */
    public record DayStats(LocalDate date, long polls, long notModified, long withValidators, long bytesSent,
                           long savedBy304, long savedByGzip, long readers, long aggregatorSubscribers) {
        public long subscribers() {
            return readers + aggregatorSubscribers;
        }

        /** The share of polls answered 304, 0..1. */
        public double notModifiedShare() {
            return polls == 0 ? 0 : (double) notModified / polls;
        }
    }
}
