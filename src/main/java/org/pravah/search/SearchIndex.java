package org.pravah.search;

import com.dynatrace.hash4j.hashing.Hashing;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's search index (Lucene): per article its key, its folded words ({@link SearchWords}), its tags, the
 * category paths it is filed under and its place in the feeds' order, so that a {@code ?q=} or {@code ?tag=} reads
 * only the postings of its words and the page it shows, not the archive.
 *
 * <p>It follows the catalogue: a snapshot made from the last one by a change ({@link Snapshot#changeFrom}) updates
 * the changed keys before the snapshot is served, in time that follows the change. Any other snapshot (the first,
 * one after a config reload) is reconciled on the index's own thread by fingerprint ({@link IndexedArticle}),
 * re-indexing only the articles that differ, while searches answer from the index as it was. Kept in
 * {@code <dataDir>/search} (memory-mapped, so it costs little heap), a restart re-indexes only what changed while the
 * server was down; only an index still empty (the very first start) leaves searches to read the feeds ({@link
 * FeedSearch#SCAN}), with the same results, until it is built.
 *
 * <p>Why one long class: following snapshots, reconciling at a start, committing and searching share one IndexWriter,
 * its searcher and one lock, and their order matters; what a word is lives in SearchWords, what an article stores
 * in IndexedArticle.
 */
public final class SearchIndex implements FeedSearch, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    static final String KEY = "key";
    static final String TEXT = "text";
    static final String STEMS = "stems";
    static final String TAG = "tag";
    static final String PATH = "path";
    static final String PUBLISHED = "published";
    static final String PUBLISHED_NANOS = "published_nanos";
    static final String FINGERPRINT = "fingerprint";
    /**
     * The feeds' order ({@code Snapshot}'s newest first: publication, then key). Keys compare by UTF-8 bytes here
     * and by UTF-16 units there, which agree on the ASCII that source names and ids are made of. The index is kept
     * in this order too, so the first page of a search can stop early in each segment.
     */
    private static final Sort NEWEST_FIRST = new Sort(new SortField(PUBLISHED, SortField.Type.LONG, true),
            new SortField(PUBLISHED_NANOS, SortField.Type.INT, true), new SortField(KEY, SortField.Type.STRING));
    /** Stored with each commit; another value (a build that folds words differently) indexes every article anew. */
    private static final String FORMAT_KEY = "pravah.search.format";
    private static final String FORMAT = "1";
    /** Changes followed since the last commit are committed on the index's thread when this much older. */
    private static final Duration COMMIT_AFTER = Duration.ofSeconds(30);

    private final Directory directory;
    private final String where;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Reconciles, and commits, away from the refresh that handed in the snapshot. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pravah-search");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    /** Snapshots handed in while the worker catches up, oldest first; guarded by {@link #lock}. */
    private final ArrayDeque<Snapshot> pending = new ArrayDeque<>();
    /** The snapshot the index holds; guarded by {@link #lock}. */
    private Snapshot indexed;
    /** The worker has work scheduled or running; guarded by {@link #lock}. */
    private boolean catchingUp;
    /** Written under {@link #lock}; read without it by a reconcile, which stops early when the index closes. */
    private volatile boolean closed;
    /**
     * Searches may use the index: it has been in step with a snapshot, or holds what the last run left. While it
     * catches up after a start or a config reload, searches answer from it as it is (their entries looked up in
     * their own snapshot), not by reading a feed of a million articles; only an index still empty reads the feeds.
     */
    private volatile boolean searchable;
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean searchFailed = new AtomicBoolean();
    private volatile long lastCommit = System.nanoTime();
    /**
     * Changes applied to the writer, counted, and how many of them the searchers' reader is known to hold: a search
     * that finds the reader behind opens a new one first. A burst of writes between two searches costs one reader,
     * and writes nobody searches cost none.
     */
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong visible = new AtomicLong();
    private final AtomicLong readersOpened = new AtomicLong();

    private SearchIndex(Directory directory, String where, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.where = where;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.searchable = writer.getDocStats().numDocs > 0;
    }

    /**
     * The index kept in {@code folder}, created if need be. A damaged index there is reported and built anew; a
     * folder that cannot be used (not writable, in use by another process) is reported once, and the index is kept
     * in memory instead.
     */
    public static SearchIndex open(Path folder) {
        Directory directory = null;
        IndexWriter writer = null;
        try {
            Files.createDirectories(folder);
            directory = new MMapDirectory(folder);
            writer = writerOver(directory, folder);
            return new SearchIndex(directory, folder.toString(), writer);
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: memory mapping that this JVM cannot load (a repackaged jar without Lucene's classes for
            // it); the server still serves, from memory
            closeQuietly(writer);
            closeQuietly(directory);
            String why = e instanceof LockObtainFailedException ? "it is in use by another process"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("search index: {} cannot be used ({}); this process keeps its index in memory and builds it at"
                    + " every start", folder, why);
            return inMemory();
        }
    }

    /** An index in memory, built at every start: when there is no folder for one. */
    public static SearchIndex inMemory() {
        try {
            Directory directory = new ByteBuffersDirectory();
            return new SearchIndex(directory, "memory", newWriter(directory, IndexWriterConfig.OpenMode.CREATE));
        } catch (IOException e) {
            throw new IllegalStateException("an index in memory could not be made: " + e.getMessage(), e);
        }
    }

    private static IndexWriter writerOver(Directory directory, Path folder) throws IOException {
        IndexWriter writer = null;
        try {
            writer = newWriter(directory, IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            // opening a reader checks every segment's header and footer, which a torn or overwritten file fails
            DirectoryReader.open(writer).close();
            if (writer.getDocStats().numDocs > 0 && !FORMAT.equals(format(writer))) {
                LOG.info("search index: {} was written by another version; indexing every article anew", folder);
                writer.deleteAll();
            }
            return writer;
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                 | NoSuchFileException | FileNotFoundException | IllegalArgumentException e) {
            // too old or new: overwritten bytes read as another version, or another Lucene's index; an
            // IllegalArgumentException: an index sorted another way, which Lucene refuses to append to
            closeQuietly(writer);
            LOG.warn("search index: {} is damaged ({}: {}); building it anew", folder, e.getClass().getSimpleName(),
                    e.getMessage());
            // even a new index reads the last commit's generation: nothing of the damaged one may remain
            for (String file : directory.listAll()) {
                if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                    directory.deleteFile(file);
                }
            }
            return newWriter(directory, IndexWriterConfig.OpenMode.CREATE);
        } catch (IOException | RuntimeException e) {
            closeQuietly(writer);
            throw e;
        }
    }

    private static IndexWriter newWriter(Directory directory, IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzer.INSTANCE)
                .setOpenMode(mode)
                .setIndexSort(NEWEST_FIRST)
                .setCommitOnClose(true);
        return new IndexWriter(directory, config);
    }

    private static String format(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (e.getKey().equals(FORMAT_KEY)) {
                    return e.getValue();
                }
            }
        }
        return "";
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing after a failed open: {}", e.toString());
        }
    }

    /** Where the index is kept: its folder, or {@code memory}. */
    public String where() {
        return where;
    }

    /** Whether the index holds the last snapshot handed in (or one made from it), with nothing left to do. */
    public boolean inStep() {
        synchronized (lock) {
            return !catchingUp && indexed != null;
        }
    }

    /** How many articles this index has (re-)indexed or removed since it was opened (tests watch it). */
    public long written() {
        return written.get();
    }

    /**
     * Brings the index in step with {@code next}, the snapshot about to be served. A change from the snapshot the
     * index holds is applied now, before {@code next} is served; anything else is reconciled on the index's thread.
     */
    public void follow(Snapshot next) {
        synchronized (lock) {
            if (closed || next == indexed) {
                return;
            }
            if (!catchingUp && indexed != null) {
                Optional<Snapshot.Change> change = next.changeFrom(indexed);
                if (change.isPresent()) {
                    try {
                        apply(next, change.get());
                        // searchable from the next search on, which opens the reader (see applied): a reader opened
                        // per write flushed a segment per write, and the merges that followed cost more than the rest
                        // of a write
                        applied.incrementAndGet();
                        indexed = next;
                        commitIfDue();
                        return;
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("search index: a change could not be indexed ({}); reconciling", e.toString());
                    }
                }
            }
            pending.add(next);
            if (!catchingUp) {
                catchingUp = true;
                worker.execute(this::catchUp);
            }
        }
    }

    private void catchUp() {
        while (true) {
            Snapshot target;
            Snapshot from;
            synchronized (lock) {
                if (closed) {
                    catchingUp = false;
                    return;
                }
                if (pending.isEmpty()) {
                    catchingUp = false;
                    return;
                }
                target = pending.poll();
                from = indexed;
            }
            try {
                Optional<Snapshot.Change> change = from == null ? Optional.empty() : target.changeFrom(from);
                if (change.isPresent()) {
                    apply(target, change.get());
                } else {
                    reconcile(target);
                }
                searchers.maybeRefreshBlocking();
                synchronized (lock) {
                    indexed = target;
                }
                searchable = true;
            } catch (IOException | RuntimeException e) {
                LOG.warn("search index: {} could not be brought up to date ({}); searches read the feeds instead",
                        where, e.toString());
                synchronized (lock) {
                    // the next snapshot is reconciled from the start
                    indexed = null;
                }
            }
        }
    }

    private void apply(Snapshot target, Snapshot.Change change) throws IOException {
        for (String key : change.keys()) {
            Optional<CatalogEntry> entry = target.entry(key);
            if (entry.isPresent()) {
                writer.updateDocument(new Term(KEY, key), IndexedArticle.document(entry.get()));
            } else {
                writer.deleteDocuments(new Term(KEY, key));
            }
            written.incrementAndGet();
        }
    }

    /**
     * Makes the index hold exactly {@code target}'s articles, re-indexing those whose fingerprint differs: one pass
     * over the index's keys and fingerprints, one over the snapshot.
     */
    private void reconcile(Snapshot target) throws IOException {
        long started = System.nanoTime();
        long before = written.get();
        int unchanged = 0;
        int removed = 0;
        KeyHashes inIndex;
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            inIndex = new KeyHashes(reader.numDocs());
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                SortedDocValues keys = r.getSortedDocValues(KEY);
                NumericDocValues fingerprints = r.getNumericDocValues(FINGERPRINT);
                if (keys == null || fingerprints == null) {
                    continue;
                }
                for (int doc = keys.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = keys.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    String key = keys.lookupOrd(keys.ordValue()).utf8ToString();
                    long stored = fingerprints.advanceExact(doc) ? fingerprints.longValue() : 0;
                    Optional<CatalogEntry> entry = target.entry(key);
                    if (entry.isEmpty()) {
                        writer.deleteDocuments(new Term(KEY, key));
                        written.incrementAndGet();
                        removed++;
                        continue;
                    }
                    inIndex.add(key);
                    Set<String> paths = Snapshot.filedUnder(entry.get());
                    long fingerprint = IndexedArticle.fingerprint(entry.get(), paths);
                    if (fingerprint == stored) {
                        unchanged++;
                    } else {
                        writer.updateDocument(new Term(KEY, key), IndexedArticle.document(entry.get(), paths,
                                fingerprint));
                        written.incrementAndGet();
                    }
                    if (closed) {
                        return;
                    }
                }
            }
        }
        int added = 0;
        for (CatalogEntry e : target.entries()) {
            if (!inIndex.contains(e.article().key())) {
                writer.addDocument(IndexedArticle.document(e));
                written.incrementAndGet();
                if (++added % 10_000 == 0 && closed) {
                    return;
                }
            }
        }
        commit();
        long changed = written.get() - before - removed - added;
        LOG.info("search index: {} in step with {} articles in {} ms ({} indexed, {} re-indexed, {} removed, {}"
                        + " unchanged)", where, target.entries().size(), (System.nanoTime() - started) / 1_000_000,
                added, changed, removed, unchanged);
    }

    private void commitIfDue() {
        if (System.nanoTime() - lastCommit > COMMIT_AFTER.toNanos()) {
            lastCommit = System.nanoTime();
            worker.execute(() -> {
                try {
                    commit();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("search index: {} could not be committed ({}); the next start reconciles it", where,
                            e.toString());
                }
            });
        }
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
        writer.commit();
        lastCommit = System.nanoTime();
    }

    @Override
    public SearchHits find(Snapshot snapshot, Optional<Category> category, String text, String tag, int page,
                           int size) {
        if (!searchable) {
            return SCAN.find(snapshot, category, text, tag, page, size);
        }
        Optional<Query> query = query(category, text, tag);
        if (query.isEmpty()) {
            return new SearchHits(List.of(), 0);
        }
        try {
            catchUpSearchers();
            IndexSearcher searcher = searchers.acquire();
            try {
                return page(searcher, query.get(), snapshot, page, size);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            if (searchFailed.compareAndSet(false, true)) {
                LOG.warn("search index: {} could not be searched ({}); searches read the feeds instead", where,
                        e.toString());
            }
            return SCAN.find(snapshot, category, text, tag, page, size);
        }
    }

    /** Opens a reader that holds every change applied before this call, if the searchers' does not yet. */
    private void catchUpSearchers() throws IOException {
        long upTo = applied.get();
        if (visible.get() < upTo) {
            searchers.maybeRefreshBlocking();
            readersOpened.incrementAndGet();
            // changes applied while the reader opened may be in it or not: the next search looks again
            visible.accumulateAndGet(upTo, Math::max);
        }
    }

    /** How many readers searches have opened to see followed changes (tests: one per burst, not per write). */
    long readersOpened() {
        return readersOpened.get();
    }

    /** Empty when {@code text} holds no word: such a query finds nothing. */
    private static Optional<Query> query(Optional<Category> category, String text, String tag) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (!text.isEmpty()) {
            SearchWords words = SearchWords.of(text);
            if (words.isEmpty()) {
                return Optional.empty();
            }
            for (int i = 0; i < words.words().size(); i++) {
                Query word = new BooleanQuery.Builder()
                        // one set of documents per word, however many words begin with it: a long query of short
                        // words never grows past Lucene's limit of clauses
                        .add(new PrefixQuery(new Term(TEXT, words.words().get(i)),
                                MultiTermQuery.CONSTANT_SCORE_REWRITE), BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term(STEMS, words.stems().get(i))), BooleanClause.Occur.SHOULD)
                        .build();
                all.add(word, BooleanClause.Occur.FILTER);
            }
        }
        if (!tag.isEmpty()) {
            all.add(new TermQuery(new Term(TAG, tag)), BooleanClause.Occur.FILTER);
        }
        category.ifPresent(c -> all.add(new TermQuery(new Term(PATH, c.path())), BooleanClause.Occur.FILTER));
        BooleanQuery built = all.build();
        return Optional.of(built.clauses().isEmpty() ? new MatchAllDocsQuery() : built);
    }

    private static SearchHits page(IndexSearcher searcher, Query query, Snapshot snapshot, int page, int size)
            throws IOException {
        long from = (long) (page - 1) * size;
        int total = searcher.count(query);
        if (from >= total) {
            return new SearchHits(List.of(), total);
        }
        TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(NEWEST_FIRST, (int) from + size,
                null, (int) from + size));
        List<CatalogEntry> entries = new ArrayList<>(size);
        for (int i = (int) from; i < top.scoreDocs.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            String key = ((BytesRef) ((FieldDoc) hit).fields[2]).utf8ToString();
            // a request that began before the last refresh may meet an article its snapshot does not have yet
            snapshot.entry(key).ifPresent(entries::add);
        }
        return new SearchHits(entries, total);
    }

    /** Stops following; commits what is indexed, so that the next start reconciles only what changes meanwhile. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            searchable = false;
            pending.clear();
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("search index: {} still busy after 30 s; closing it anyway", where);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            searchers.close();
            writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
            writer.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("search index: {} did not close cleanly ({}); the next start reconciles it", where, e.toString());
        } finally {
            closeQuietly(directory);
        }
    }

    /**
     * The keys met in the index, as 64-bit hashes in an open-addressed table: 16 bytes an article instead of a set of
     * a million strings. Two keys sharing a hash (about one chance in 10^7 at a million articles) would leave one
     * article out of the index until it changes.
     */
    private static final class KeyHashes {
        private final long[] slots;
        private final int mask;
        private boolean hasZero;

        KeyHashes(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            slots = new long[capacity];
            mask = capacity - 1;
        }

        private static long hash(String key) {
            return Hashing.xxh3_64().hashCharsToLong(key);
        }

        void add(String key) {
            long h = hash(key);
            if (h == 0) {
                hasZero = true;
                return;
            }
            int i = (int) h & mask;
            while (slots[i] != 0 && slots[i] != h) {
                i = (i + 1) & mask;
            }
            slots[i] = h;
        }

        boolean contains(String key) {
            long h = hash(key);
            if (h == 0) {
                return hasZero;
            }
            for (int i = (int) h & mask; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == h) {
                    return true;
                }
            }
            return false;
        }
    }
}
