package org.pravah.source.upstream;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.pravah.article.Article;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.ArticleWarning;
import org.pravah.article.SiteDefaults;
import org.pravah.config.FeedSourceConfig;
import org.pravah.source.ArticleSource;
import org.pravah.source.SourceLoad;
import org.pravah.source.SourceStatus;
import org.pravah.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Articles from an upstream feed ({@code type: feed}).
 *
 * <p>{@link #load()} never touches the network: it returns the items kept from earlier fetches, so building a
 * snapshot never waits for an upstream. {@link #poll()} fetches, and is called by the {@link UpstreamPoller} on its
 * own threads. Items are kept when they leave the upstream feed (they were published) and across restarts, in the
 * data folder; when a fetch fails for any reason, nothing is dropped and the failure shows in {@link #status()}.
 *
 * <p>With a shared (PostgreSQL) store, the items and the cache validators are kept in the store instead: the one
 * process that polls (see {@link UpstreamPoller}) writes them, and every process's {@link #load()} reads the newest
 * revision, so all serve the same items and whichever process polls next carries on with conditional requests.
 *
 * <p>Why one long class: polling, keeping items and answering loads work on the kept items under one lock, whichever
 * process polls.
 */
public final class UpstreamSource implements ArticleSource {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamSource.class);
    /** A bound on what one upstream can make us keep and serve; the newest are kept. */
    static final int MAX_KEPT_ITEMS = 1000;
    /** Failures double the wait from the refresh interval up to this (or the interval, when longer). */
    static final Duration MAX_BACKOFF = Duration.ofHours(6);
    private static final String TYPE = "feed";

    /**
     * What {@link #load()} serves; replaced whole after a poll or when a newer revision is kept.
     *
     * @param revision   of what is kept (0: nothing yet); a state is only ever replaced by one at least as new
     * @param validators from the answer that brought these items, for the next conditional request
     */
    private record State(long revision, List<KeptItem> items, List<Article> articles, List<String> problems,
                         CacheValidators validators) {
        State at(long newRevision) {
            return new State(newRevision, items, articles, problems, validators);
        }

        State with(CacheValidators newValidators) {
            return new State(revision, items, articles, problems, newValidators);
        }
    }

    /** The outcome of one poll: did the served items change, and when to poll next. */
    public record Poll(boolean changed, Duration nextDelay) {
    }

    private final FeedSourceConfig config;
    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final EntryMapper mapper;
    private final ArticleNormaliser normaliser;
    private final ItemKeeper keeper;
    private final Clock clock;
    /** Guards replacing {@link #state} (a poll and a load may both want to); readers just read it. */
    private final Object stateLock = new Object();
    private volatile State state;
    private volatile SourceStatus status;
    /** Only the polling thread touches this. */
    private int failures;

    /** Reads the items kept in the data folder; does not fetch. */
    public UpstreamSource(FeedSourceConfig config, SiteDefaults site, ArticleNormaliser normaliser, HttpClient client,
                          Clock clock) {
        this(config, site, normaliser, client, clock, Optional.empty());
    }

    /**
     * Reads the kept items; does not fetch.
     *
     * @param sharedStore a store that several processes share: the items are kept there, not in the data folder
     */
    public UpstreamSource(FeedSourceConfig config, SiteDefaults site, ArticleNormaliser normaliser, HttpClient client,
                          Clock clock, Optional<ArticleStore> sharedStore) {
        this.config = config;
        this.fetcher = new FeedFetcher(client, FeedFetcher.userAgent(site.baseUrl()),
                Duration.ofSeconds(config.timeoutSeconds()), config.maxBytes(),
                AddressPolicy.of(config.allowInternal()));
        this.parser = new FeedParser(site.timeZone());
        this.mapper = new EntryMapper(config);
        this.normaliser = normaliser;
        this.keeper = sharedStore.filter(ArticleStore::shared)
                .<ItemKeeper>map(s -> new SharedItemKeeper(s, config.name()))
                .orElseGet(() -> new FileItemKeeper(config.dataDir(), config.name()));
        this.clock = clock;
        List<String> problems = new ArrayList<>();
        Optional<Instant> lastSuccess = Optional.empty();
        State kept = build(0, List.of(), List.of(), CacheValidators.NONE);
        try {
            Optional<ItemKeeper.Kept> read = keeper.readNewer(0);
            if (read.isPresent()) {
                kept = fromKept(read.get());
                lastSuccess = instant(read.get().stored().lastSuccess());
            }
        } catch (UpstreamException e) {
            problems.add(e.getMessage());
        }
        problems.addAll(kept.problems());
        this.state = new State(kept.revision(), kept.items(), kept.articles(), problems, kept.validators());
        this.status = new SourceStatus(config.name(), TYPE, problems.isEmpty(), Optional.empty(), lastSuccess,
                OptionalInt.empty(), state.articles().size(), problems.isEmpty() ? "" : problems.get(0),
                problems.isEmpty() ? Optional.empty() : Optional.of(clock.instant()), Optional.empty());
    }

    @Override
    public String name() {
        return config.name();
    }

    public FeedSourceConfig config() {
        return config;
    }

    @Override
    public SourceLoad load() {
        Optional<String> trouble = adoptNewer();
        State s = state;
        List<String> problems = new ArrayList<>(s.problems());
        trouble.ifPresent(problems::add);
        return new SourceLoad(config.name(), s.articles(), problems, true);
    }

    /**
     * Takes what was kept since this process last read or wrote it: in a cluster, what the polling process fetched.
     * Cheap when nothing changed (the data-folder file is read once; the store answers an indexed query).
     *
     * @return why what is kept could not be read; the items served so far stay
     */
    private Optional<String> adoptNewer() {
        Optional<ItemKeeper.Kept> read;
        try {
            read = keeper.readNewer(state.revision());
        } catch (UpstreamException e) {
            return Optional.of(e.getMessage());
        }
        if (read.isPresent()) {
            State next = fromKept(read.get());
            Optional<Instant> keptSuccess = instant(read.get().stored().lastSuccess());
            synchronized (stateLock) {
                if (next.revision() > state.revision()) {
                    state = next;
                    SourceStatus was = status;
                    Optional<Instant> lastSuccess = was.lastSuccess().isPresent() && keptSuccess.isPresent()
                            && was.lastSuccess().get().isAfter(keptSuccess.get()) ? was.lastSuccess() : keptSuccess;
                    status = new SourceStatus(was.name(), was.type(), was.ok(), was.lastAttempt(), lastSuccess,
                            was.httpStatus(), next.articles().size(), was.lastError(), was.lastErrorAt(),
                            was.nextAttempt());
                }
            }
        }
        return Optional.empty();
    }

    /** Serves {@code next} unless something newer was adopted meanwhile. */
    private void replace(State next) {
        synchronized (stateLock) {
            if (next.revision() >= state.revision()) {
                state = next;
            }
        }
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    public Duration refreshInterval() {
        return Duration.ofMinutes(config.refreshMinutes());
    }

    /**
     * Fetches the upstream once and keeps what it brings. Never throws for anything the upstream does: a failure
     * keeps every item and is reported in {@link #status()} and the log.
     */
    public synchronized Poll poll() {
        Instant now = clock.instant();
        // in a cluster, the process that polled last may have been another: carry on from what it kept
        adoptNewer().ifPresent(trouble -> LOG.warn("upstream '{}': {}", config.name(), trouble));
        State before = state;
        SourceStatus was = status;
        try {
            Fetched fetched = fetcher.fetch(config.url(), before.validators());
            failures = 0;
            Duration next = nextDelay(refreshInterval(), 0, Optional.empty());
            if (fetched.notModified()) {
                replace(before.with(fetched.validators()));
                status = success(now, 304, before, was, next, "");
                LOG.debug("upstream '{}': not modified (304)", config.name());
                return new Poll(false, next);
            }
            ParsedFeed feed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl(), config.name());
            List<KeptItem> items = merge(before.items(), feed.entries(), now);
            boolean itemsChanged = !items.equals(before.items());
            State after = itemsChanged ? build(before.revision(), items, feed.warnings(), fetched.validators())
                    : withWarnings(before, feed.warnings()).with(fetched.validators());
            String saveError = "";
            if (itemsChanged || !fetched.validators().equals(before.validators())) {
                try {
                    after = after.at(keeper.write(new FileItemKeeper.Stored(FileItemKeeper.FORMAT_VERSION,
                            config.url().toString(), fetched.validators().etag(), fetched.validators().lastModified(),
                            now.toString(), items)));
                } catch (IOException e) {
                    saveError = "the items could not be saved to " + keeper.where() + " (" + e.getMessage()
                            + "); they are served but would be lost at a restart";
                    LOG.warn("upstream '{}': {}", config.name(), saveError);
                }
            }
            replace(after);
            status = success(now, 200, after, was, next, saveError);
            boolean changed = itemsChanged || !after.problems().equals(before.problems());
            if (itemsChanged) {
                LOG.info("upstream '{}': {} with {} items; serving {} ({} new or changed)", config.name(),
                        feed.format(), feed.entries().size(), after.articles().size(),
                        countChanged(before.items(), items));
            }
            return new Poll(changed, next);
        } catch (UpstreamException e) {
            failures++;
            Duration next = nextDelay(refreshInterval(), failures, e.retryAfter());
            status = new SourceStatus(config.name(), TYPE, false, Optional.of(now), was.lastSuccess(),
                    e.httpStatus(), before.articles().size(), e.getMessage(), Optional.of(now),
                    Optional.of(now.plus(next)));
            LOG.warn("upstream '{}' failed: {}; still serving its {} kept items; next attempt in {}", config.name(),
                    e.getMessage(), before.articles().size(), minutes(next));
            return new Poll(false, next);
        }
    }

    private SourceStatus success(Instant now, int httpStatus, State served, SourceStatus was, Duration next,
                                 String saveError) {
        return new SourceStatus(config.name(), TYPE, true, Optional.of(now), Optional.of(now),
                OptionalInt.of(httpStatus), served.articles().size(),
                saveError.isEmpty() ? was.lastError() : saveError,
                saveError.isEmpty() ? was.lastErrorAt() : Optional.of(now), Optional.of(now.plus(next)));
    }

    /**
     * When to poll next: the refresh interval while all is well; after failures, twice as long per failure in a row
     * (so a dead upstream is not hammered) up to {@link #MAX_BACKOFF}; never sooner than the upstream's
     * {@code Retry-After}.
     */
    static Duration nextDelay(Duration refresh, int failures, Optional<Duration> retryAfter) {
        Duration delay = refresh;
        if (failures > 0) {
            Duration cap = MAX_BACKOFF.compareTo(refresh) > 0 ? MAX_BACKOFF : refresh;
            delay = refresh.multipliedBy(1L << Math.min(failures, 16));
            if (delay.compareTo(cap) > 0) {
                delay = cap;
            }
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        return delay;
    }

    /**
     * Kept items updated with the fetched ones; an item keeps the time it was first seen. Newest first.
     *
     * <p>Items new in one fetch are "first seen" a second apart in feed order (the first, usually the newest, at
     * {@code now}): undated items then keep the upstream's order and never share one timestamp, which readers and
     * validators take for duplicates.
     */
    private static List<KeptItem> merge(List<KeptItem> kept, List<UpstreamEntry> fetched, Instant now) {
        Map<String, KeptItem> byId = new LinkedHashMap<>();
        kept.forEach(k -> byId.put(k.entry().id(), k));
        int position = 0;
        for (UpstreamEntry e : fetched) {
            KeptItem old = byId.get(e.id());
            String firstSeen = old != null ? old.firstSeen() : now.minusSeconds(position).toString();
            byId.put(e.id(), new KeptItem(e, firstSeen));
            position++;
        }
        List<KeptItem> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(UpstreamSource::date).reversed().thenComparing(k -> k.entry().id()));
        return all.size() > MAX_KEPT_ITEMS ? List.copyOf(all.subList(0, MAX_KEPT_ITEMS)) : List.copyOf(all);
    }

    private static Instant date(KeptItem k) {
        return instant(k.entry().published()).orElseGet(() -> Instant.parse(k.firstSeen()));
    }

    /** The state a kept revision gives: its items (those with dates), and its validators if they are for our URL. */
    private State fromKept(ItemKeeper.Kept kept) {
        List<String> problems = new ArrayList<>();
        List<KeptItem> items = readable(kept.stored().items(), problems);
        CacheValidators validators = kept.stored().url().equals(config.url().toString())
                ? new CacheValidators(kept.stored().etag(), kept.stored().lastModified()) : CacheValidators.NONE;
        return build(kept.revision(), items, problems, validators);
    }

    private State build(long revision, List<KeptItem> items, List<String> warnings, CacheValidators validators) {
        List<String> problems = new ArrayList<>(warnings);
        List<Article> articles = new ArrayList<>();
        List<ArticleWarning> dropped = new ArrayList<>();
        for (KeptItem item : items) {
            try {
                articles.add(normaliser.normalise(config.name(), mapper.draft(item), dropped));
            } catch (ArticleException e) {
                problems.add(e.getMessage() + " (item skipped)");
            }
        }
        // image URLs were resolved against the feed and checked when fetched (UpstreamEntries): none is dropped here
        dropped.forEach(w -> problems.add(w.message()));
        return new State(revision, items, articles, problems, validators);
    }

    /** The same items with this poll's warnings instead of the last poll's; the normaliser's stay. */
    private static State withWarnings(State before, List<String> warnings) {
        List<String> problems = new ArrayList<>(warnings);
        before.problems().stream().filter(p -> p.endsWith("(item skipped)") && !problems.contains(p))
                .forEach(problems::add);
        return new State(before.revision(), before.items(), before.articles(), problems, before.validators());
    }

    /** Kept items whose dates are damaged are dropped, not served with an invented date. */
    private static List<KeptItem> readable(List<KeptItem> items, List<String> problems) {
        List<KeptItem> out = new ArrayList<>();
        for (KeptItem k : items) {
            if (k.entry() != null && !k.entry().id().isEmpty() && instant(k.firstSeen()).isPresent()) {
                out.add(k);
            } else {
                problems.add("a kept item without id or first-seen time was dropped");
            }
        }
        return out;
    }

    private static int countChanged(List<KeptItem> before, List<KeptItem> after) {
        int n = 0;
        for (KeptItem k : after) {
            if (!before.contains(k)) {
                n++;
            }
        }
        return n;
    }

    private static Optional<Instant> instant(String s) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
