package org.pravah.stats;

/**
 * One poller of a feed on one day, as the lists of slowest, too eager and validator-less pollers show it: who it is
 * (a client name, never an address or a User-Agent) and how it polled.
 *
 * @param client              see {@link Clients}: a name from the data file, {@code ?Name} for an unknown
 *                            aggregator, {@code ""} for an unnamed reader
 * @param polls               polls that day
 * @param tooSoon             polls that came sooner than the feed's ttl after the poller's previous one
 * @param withValidators      polls that carried If-None-Match or If-Modified-Since
 * @param meanIntervalSeconds the mean time between its polls that day; 0 with a single poll
 */
public record PollerRow(String client, long polls, long tooSoon, long withValidators, long meanIntervalSeconds) {
}
