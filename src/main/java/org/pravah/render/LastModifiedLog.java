package org.pravah.render;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Remembers, across snapshots, each served document's tag and since when it has had it. Last-Modified must move
 * whenever the bytes change, also when no article date did (a corrected title, a removed article): otherwise a
 * reader that sends only If-Modified-Since keeps getting 304 for a feed that changed.
 *
 * <p>A document seen for the first time is dated by its newest article, so restarts on unchanged content give the
 * same Last-Modified as before; a later change is dated by the clock when it is first rendered. A feed kept from before
 * a restart ({@link KeptFeeds}) keeps the date it was served with as long as it renders to the same bytes.
 *
 * <p>The stamps of the {@value #KEPT} documents last rendered are kept: feeds are rendered at every change and stay,
 * while a crawler reading every article page of a million would otherwise leave a stamp each. A document whose stamp
 * was dropped is dated by its newest article again, as after a restart.
 */
public final class LastModifiedLog {
    private record Stamp(String etag, Instant since) {
    }

    static final int KEPT = 100_000;

    private final Map<String, Stamp> stamps = Caffeine.newBuilder().maximumSize(KEPT)
            // evictions happen on the thread that caused them, not on the common pool
            .executor(Runnable::run).<String, Stamp>build().asMap();
    private final Clock clock;

    public LastModifiedLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes over a stamp from before a restart (the kept feeds' own): if the document renders to the same tag again, it
     * keeps the date clients already hold instead of going back to its newest article's.
     */
    public void remember(String key, String etag, Instant since) {
        stamps.putIfAbsent(key, new Stamp(etag, since));
    }

    /** The Last-Modified for document {@code key} now rendered as {@code etag} whose newest article is dated so. */
    public Instant lastModified(String key, String etag, Instant contentDate) {
        return stamps.compute(key, (k, previous) -> {
            if (previous == null) {
                return new Stamp(etag, contentDate);
            }
            if (previous.etag().equals(etag)) {
                return previous;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant since = contentDate.isAfter(now) ? contentDate : now;
            // never go back in time, even if the clock does
            return new Stamp(etag, since.isAfter(previous.since()) ? since : previous.since().plusSeconds(1));
        }).since();
    }
}
