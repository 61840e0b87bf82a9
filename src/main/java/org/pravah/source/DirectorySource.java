package org.pravah.source;

import com.dynatrace.hash4j.hashing.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.pravah.article.Article;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.ArticleWarning;
import org.pravah.article.Image;
import org.pravah.source.ArticleFiles.Listed;
import org.pravah.source.FolderArticles.FileState;
import org.pravah.source.cache.ArticleCache;

/**
 * Articles from files in a folder and its subfolders: {@code *.json}, {@code *.txt}, {@code *.md}.
 * A file that cannot be read is reported and skipped; the others are served. A file that was good and turns bad
 * (an edit saved half-way, a typo) keeps serving its last good articles until it is fixed or deleted.
 *
 * <p>Loads remember each file's modification time and size, so a rescan re-reads only what changed. With an
 * {@link ArticleCache}, they are also remembered across restarts: the first load takes the cached articles of every
 * file whose path, modification time and size match, and a load that changed anything saves the good files'
 * articles for the next start (in the background). Articles that carry no date are dated by when their file was
 * {@linkplain FirstSeen first seen}, which outlives a restart when kept in the data folder. Not thread-safe: the
 * catalogue calls {@link #load()} from one thread at a time (which reads the files in parallel itself).
 *
 * <p>Why one long class: its three loads (whole, the cache first after a restart, only the paths the file system
 * named) must apply the same rules to every file (hidden, too large, an extension without a reader, broken after
 * being good, its picture), and keeping them side by side is what keeps them the same; the per-file state is in
 * FolderArticles, the listing in ArticleFiles, the cache in source.cache.
 */
public final class DirectorySource implements ArticleSource {
    /** Larger files are not articles; refusing them keeps one stray dump from eating the heap. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /**
     * A file modified this close to a load is not saved in the cache with its modification time: a same-size edit
     * within the file system's timestamp granularity (up to 2 s on FAT, 1 s on some others) would keep that time, and
     * the next start would take the articles of the earlier version. It is saved with {@link #READ_AGAIN} instead, and
     * with its own time once older.
     */
    private static final Duration RACY_EDIT = Duration.ofSeconds(2);
    /** The modification time saved for a file modified too recently to trust its own: matches no listed file. */
    private static final FileTime READ_AGAIN = FileTime.from(Long.MIN_VALUE, TimeUnit.NANOSECONDS);
    /** Files a first load reads before it waits for their folders' cache writes; see {@link #readAllSaving}. */
    private static final int FIRST_LOAD_BATCH = 20_000;

    /** The extensions of article files; {@link Readers} has a reader for each. */
    private static final Set<String> ARTICLE_EXTENSIONS = Set.of("json", "txt", "md");

    /**
     * Made at the first file read, not with the source: their JSON and YAML mappers take a cold JVM a while to build,
     * and a restart that takes every article from the cache reads no file.
     */
    static final class Readers {
        static final Map<String, ArticleReader> BY_EXTENSION = Map.of(
                "json", new JsonArticleReader(),
                "txt", new PlainTextArticleReader(),
                "md", new MarkdownArticleReader());
    }

    private final String name;
    private final Path folder;
    private final String displayFolder;
    private final ArticleNormaliser normaliser;
    private final Optional<ArticleCache> cache;
    private final FirstSeen firstSeen;
    /** The site's images folder, where a {@code .txt} export's picture is kept under the file's name; or empty. */
    private final Optional<Path> pictures;
    /** What each file gave and the articles served from them, by path below the folder ('/'-separated). */
    private final FolderArticles state = new FolderArticles();
    /** The cache file's entries until the first load has used them; then empty. */
    private ArticleCache.Entries cached;
    private int firstLoadBatch = FIRST_LOAD_BATCH;
    /** Whether the first load may serve the cache without listing the folder ({@link #serveCacheFirst}). */
    private boolean cacheFirst;
    /**
     * Per folder, a fingerprint of the files its cache file holds (or the write queued for it): a save rewrites the
     * folders whose fingerprint moved. A number per folder, not an entry per file, so that a million files' entries
     * are not kept twice.
     */
    private Map<String, Long> saved = Map.of();
    /**
     * Whether the cache may differ from the files' state: something was read since the last save, or that save left
     * out a file modified too recently ({@link #RACY_EDIT}). A whole load that finds nothing new then skips the save,
     * which hashes every file's path, time and size.
     */
    private boolean cacheBehind = true;
    /** What the last whole load changed in the served articles, for {@link #loadChanges}; null if it failed. */
    private FolderArticles.Change lastChange;
    private volatile SourceStatus status;

    /**
     * @param displayFolder how messages name the folder (as written in the config), so a log line points to the file
     */
    public DirectorySource(String name, Path folder, String displayFolder, ArticleNormaliser normaliser) {
        this(name, folder, displayFolder, normaliser, Optional.empty(), FirstSeen.inMemory());
    }

    /**
     * @param cache     where the normalised articles are kept across restarts ({@link ArticleCache#forSource})
     * @param firstSeen when each file was first seen: the date of articles that carry none
     */
    public DirectorySource(String name, Path folder, String displayFolder, ArticleNormaliser normaliser,
                           Optional<ArticleCache> cache, FirstSeen firstSeen) {
        this(name, folder, displayFolder, normaliser, cache, firstSeen, Optional.empty());
    }

    /**
     * @param pictures the site's images folder ({@code site.images}): a {@code .txt} export names no picture, so its
     *                 picture is the one kept there under the file's path ({@code desh/kohra.txt} →
     *                 {@code desh/kohra.jpg}, served at {@code /images/desh/kohra.jpg})
     */
    public DirectorySource(String name, Path folder, String displayFolder, ArticleNormaliser normaliser,
                           Optional<ArticleCache> cache, FirstSeen firstSeen, Optional<Path> pictures) {
        this.pictures = pictures;
        this.name = name;
        this.folder = folder;
        this.displayFolder = displayFolder;
        this.normaliser = normaliser;
        this.cache = cache;
        this.firstSeen = firstSeen;
        this.status = SourceStatus.notYetRead(name, "directory");
    }

    @Override
    public String name() {
        return name;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    @Override
    public SourceLoad load() {
        SourceLoad load = read();
        // a folder with some bad files still works; only a folder that cannot be read at all is a failure
        status = status.afterLoad(load, Instant.now());
        return load;
    }

    /**
     * A whole load, answered as what changed since the last one: the catalogue then applies the few articles that
     * changed instead of comparing every article of the folder with what it holds (a cost per article on every
     * periodic walk). Before the first whole load, and when the folder cannot be read, the catalogue loads whole.
     */
    @Override
    public Optional<SourceChange> loadChanges() {
        if (cached == null) {
            return Optional.empty();
        }
        lastChange = null;
        SourceLoad load = load();
        if (!load.complete() || lastChange == null) {
            return Optional.empty();
        }
        return Optional.of(new SourceChange(name, lastChange.arriving(), lastChange.leavingKeys(), load.problems(),
                state.size()));
    }

    /**
     * How many files a first load reads before it waits for their folders' cache writes; {@value #FIRST_LOAD_BATCH}
     * but for tests, which show the batches with a few files.
     */
    void firstLoadBatch(int files) {
        firstLoadBatch = files;
    }

    /**
     * Lets the first load take what the article cache holds as the folder's state, without listing the folder: a
     * restart of a million-file archive then serves as soon as the cache is read. The caller promises a whole load
     * soon after (the server runs one once it watches the folder), which serves what changed while it was down.
     */
    public void serveCacheFirst() {
        cacheFirst = true;
    }

    /** The first load of a server: the cache's entries as they are, or null when there is no usable cache. */
    private SourceLoad readCacheOnly() {
        ArticleCache.Entries entries = cache.orElseThrow().read();
        if (entries.isEmpty()) {
            cached = entries;
            return null;
        }
        List<FileState> read = new ArrayList<>(entries.size());
        // a .txt export's picture is looked up by the whole load that follows; a file that has one is read again then
        entries.forEach((path, e) -> read.add(
                new FileState(path, e.modified(), e.size(), e.articles(), List.of(), true, "")));
        // in the cache's order (newest first within each folder), which the catalogue's sort of them relies on
        List<Article> served = state.takeIn(read).arriving();
        saved = fingerprints(entries);
        cached = ArticleCache.Entries.NONE;
        return new SourceLoad(name, served, state.problems(), true);
    }

    private SourceLoad read() {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(displayFolder + ": folder not found (source '" + name + "')");
            return new SourceLoad(name, List.of(), problems, false);
        }
        // before the cache is read: a start without a usable cache reads every file, and writes it as it goes
        boolean firstLoad = cached == null;
        if (cached == null && cacheFirst && cache.isPresent()) {
            SourceLoad fromCache = readCacheOnly();
            if (fromCache != null) {
                return fromCache;
            }
        }
        Instant started = Instant.now();
        List<Listed> listed;
        try {
            if (cached == null) {
                // the first load: what the cache file holds is also what the next save is compared with
                listed = listWhileReading(cache);
                saved = fingerprints(cached);
            } else {
                listed = list(folder);
            }
        } catch (IOException | UncheckedIOException e) {
            problems.add(displayFolder + ": cannot list folder: " + e);
            return new SourceLoad(name, List.of(), problems, false);
        }
        // each file's state looked up once (the table of a million states is a cache miss per lookup)
        List<FileState> before = new ArrayList<>(listed.size());
        FirstSeen.Dates dates = date(listed, before, started);
        List<String> gone = gone(listed, before);
        List<FileState> states = firstLoad && cache.isPresent()
                ? readAllSaving(cache.get(), listed, before, dates, started) : readAll(listed, before, dates);
        boolean first = state.size() == 0;
        FolderArticles.Change change;
        boolean anyRead;
        if (state.fileCount() == 0) {
            // nothing known yet: every state is new, and a map of a million of them by path would only be walked
            change = state.takeIn(states);
            anyRead = !states.isEmpty();
        } else {
            Map<String, FileState> read = new LinkedHashMap<>();
            for (int i = 0; i < listed.size(); i++) {
                if (states.get(i) != before.get(i)) {
                    read.put(listed.get(i).relative(), states.get(i));
                }
            }
            gone.forEach(path -> read.put(path, null));
            change = state.apply(read);
            anyRead = !read.isEmpty();
        }
        lastChange = change;
        this.cached = ArticleCache.Entries.NONE;
        cacheBehind |= anyRead;
        // a load of changes leaves the cache as it was (rewriting it whole per edit would cost what the archive
        // weighs); this whole load saves what they read. Until then a start reads those files again: it compares
        // each file's modification time and size with the cache, so it never takes an edited file's old articles
        if (cacheBehind) {
            cache.ifPresent(c -> cacheBehind = saveIfChanged(c, listed, states, started));
        }
        problems.addAll(state.problems());
        // a first load's articles in the order of the files (folder by folder), which the catalogue's sort of them
        // is quicker on than on the order of a hash table
        return new SourceLoad(name, first ? change.arriving() : new ArrayList<>(state.served()), problems, true);
    }

    /**
     * Looks up each listed file's state into {@code before} and dates the files: before any file is read, so that no
     * article is served with a date a restart forgets. The map of every path the dating takes goes when this returns:
     * a first load of a million files reads them all after it.
     */
    private FirstSeen.Dates date(List<Listed> listed, List<FileState> before, Instant started) {
        Map<String, FileTime> modified = new LinkedHashMap<>();
        for (Listed l : listed) {
            FileState was = state.file(l.relative());
            before.add(was);
            modified.put(was == null ? l.relative() : was.path(), l.modified());
        }
        return firstSeen.update(modified, started);
    }

    /** The known files the listing no longer has. */
    private List<String> gone(List<Listed> listed, List<FileState> before) {
        long known = before.stream().filter(java.util.Objects::nonNull).count();
        // every known file listed again (the usual rescan): none is gone, and no known path need be looked for
        if (known == state.fileCount()) {
            return List.of();
        }
        Set<String> listedPaths = new java.util.HashSet<>(listed.size() * 4 / 3 + 1);
        for (int i = 0; i < listed.size(); i++) {
            listedPaths.add(before.get(i) == null ? listed.get(i).relative() : before.get(i).path());
        }
        return state.paths().stream().filter(p -> !listedPaths.contains(p)).toList();
    }

    /**
     * Files are read and normalised on all cores (the work of a cold start); the states come back in the order of
     * {@code listed}, so the result does not depend on which thread finished first.
     */
    private List<FileState> readAll(List<Listed> listed, List<FileState> before, FirstSeen.Dates dates) {
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, listed.size());
        return (listed.size() < 2 ? indexes : indexes.parallel())
                .mapToObj(i -> readIfChanged(listed.get(i), before.get(i), dates)).toList();
    }

    /**
     * A first load's {@link #readAll}, folder by folder in batches of about {@value #FIRST_LOAD_BATCH} files: each
     * batch's folders are handed to the cache writer at once, and the next batch waits until the writes of the one
     * before are done, so that the texts read move out of the heap as the load goes. Read all at once, a million
     * articles' texts (gigabytes) would all be in the heap before the first folder was written.
     */
    private List<FileState> readAllSaving(ArticleCache cache, List<Listed> listed, List<FileState> before,
                                          FirstSeen.Dates dates, Instant started) {
        List<FileState> states = new ArrayList<>(listed.size());
        int from = 0;
        while (from < listed.size()) {
            int to = Math.min(from + firstLoadBatch, listed.size());
            // whole folders only: a folder's cache file is written once, with all its files. (A folder whose files
            // the listing interleaves with a subfolder's may be cut; its part is written, and the whole load's save
            // at the end, seeing another fingerprint, writes it whole.)
            String last = ArticleCache.folderOf(listed.get(to - 1).relative());
            while (to < listed.size() && ArticleCache.folderOf(listed.get(to).relative()).equals(last)) {
                to++;
            }
            List<Listed> batch = listed.subList(from, to);
            List<FileState> read = readAll(batch, before.subList(from, to), dates);
            states.addAll(read);
            try {
                cache.awaitWrites(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return readAll(listed, before, dates);
            }
            saveNow(cache, batch, read, started);
            from = to;
        }
        return states;
    }

    /** Hands the batch's folders to the cache writer now, and remembers them as saved; see {@link #saveIfChanged}. */
    private void saveNow(ArticleCache cache, List<Listed> batch, List<FileState> states, Instant started) {
        Map<String, Long> after = new HashMap<>(saved);
        saved(batch, states, started).byFolder().forEach((folder, entries) -> {
            long fingerprint = fingerprint(entries);
            after.put(folder, fingerprint);
            if (!saved.containsKey(folder) || saved.get(folder) != fingerprint) {
                cache.saveNow(folder, entries);
            }
        });
        saved = after;
    }

    @Override
    public boolean watches(Path path) {
        return path.toAbsolutePath().normalize().startsWith(absoluteFolder());
    }

    private Path absoluteFolder() {
        return folder.toAbsolutePath().normalize();
    }

    /**
     * Reads only the files at {@code paths} (and below, for a folder), as the file system reported them changed: a
     * file saved, created, moved in or out, deleted; a folder created or removed. Paths outside the folder, hidden
     * ones and editors' temporary files are ignored. Before the first whole load there is nothing to compare with,
     * so this loads whole.
     */
    @Override
    public Optional<SourceChange> loadChanged(Set<Path> paths) {
        if (cached == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Instant started = Instant.now();
        Path root = absoluteFolder();
        Map<String, Listed> found = new java.util.TreeMap<>();
        Set<String> gone = new java.util.TreeSet<>();
        // folders read again or gone: what was known below them is looked for in one pass over the known files
        Set<String> folders = new java.util.HashSet<>();
        try {
            for (Path changed : paths) {
                Path path = changed.toAbsolutePath().normalize();
                if (!path.startsWith(root) || path.equals(root)) {
                    if (path.equals(root)) {
                        return Optional.empty();
                    }
                    continue;
                }
                String relative = root.relativize(path).toString().replace('\\', '/');
                if (isHiddenPath(relative)) {
                    continue;
                }
                BasicFileAttributes attributes = attributesOf(path);
                if (attributes != null && attributes.isDirectory()) {
                    for (Listed l : list(path)) {
                        found.put(l.relative(), l);
                    }
                    folders.add(relative);
                } else if (attributes != null && attributes.isRegularFile()) {
                    if (isArticleFile(path.getFileName().toString())) {
                        found.put(relative, new Listed(root, relative, attributes.lastModifiedTime(),
                                attributes.size()));
                    }
                } else if (state.file(relative) != null) {
                    gone.add(relative);
                } else {
                    // a folder deleted or moved away takes its files with it
                    folders.add(relative);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        // a folder moved in over an old one: what the old one held and this one does not is gone
        for (String known : state.pathsBelow(folders)) {
            if (!found.containsKey(known)) {
                gone.add(known);
            }
        }
        gone.removeAll(found.keySet());
        Map<String, FileTime> modified = new LinkedHashMap<>();
        found.values().forEach(l -> modified.put(state.pathAsKept(l.relative()), l.modified()));
        FirstSeen.Dates dates = firstSeen.update(modified, gone, started);
        List<Listed> listed = new ArrayList<>(found.values());
        List<FileState> before = listed.stream().map(l -> state.file(l.relative())).toList();
        List<FileState> states = readAll(listed, before, dates);
        Map<String, FileState> read = new LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            if (states.get(i) != before.get(i)) {
                read.put(listed.get(i).relative(), states.get(i));
            }
        }
        gone.forEach(g -> read.put(g, null));
        cacheBehind |= !read.isEmpty();
        FolderArticles.Change change = state.apply(read);
        SourceChange result = new SourceChange(name, change.arriving(), change.leavingKeys(), state.problems(),
                state.size());
        status = status.afterLoad(result.asLoad(), Instant.now());
        return Optional.of(result);
    }

    /** The attributes of {@code path}, following a link; null when nothing is there any more. */
    private static BasicFileAttributes attributesOf(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** True if any folder on the way to {@code relative}, or the name itself, is hidden. */
    private static boolean isHiddenPath(String relative) {
        for (String segment : relative.split("/")) {
            if (isHidden(segment)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lists the folder and reads the first-seen dates on a pool thread while this one reads the cache into
     * {@link #cached}: the listing waits for the file system, the cache read decodes on every core it can get.
     */
    private List<Listed> listWhileReading(Optional<ArticleCache> cache) throws IOException {
        if (cache.isEmpty()) {
            cached = ArticleCache.Entries.NONE;
            return list(folder);
        }
        CompletableFuture<List<Listed>> listing = CompletableFuture.supplyAsync(() -> {
            try {
                List<Listed> listed = list(folder);
                firstSeen.prepare();
                return listed;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        cached = cache.get().read();
        try {
            return listing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /** The article files below {@code start} (the folder, or a folder in it), as {@link ArticleFiles} lists them. */
    private List<Listed> list(Path start) throws IOException {
        return ArticleFiles.list(folder, start);
    }

    /**
     * Saves the good files' articles of each folder whose files differ from what the cache holds; the other folders'
     * cache files are left as they are. Files with problems are left out, so that every start reads them again and
     * reports their problems again.
     *
     * @return whether a good file was left out for being modified too recently: a later load saves it
     */
    private boolean saveIfChanged(ArticleCache cache, List<Listed> listed, List<FileState> states, Instant started) {
        Saved now = saved(listed, states, started);
        Map<String, Long> after = new HashMap<>();
        now.byFolder().forEach((folder, entries) -> {
            long fingerprint = fingerprint(entries);
            after.put(folder, fingerprint);
            if (!saved.containsKey(folder) || saved.get(folder) != fingerprint) {
                cache.save(folder, entries);
            }
        });
        for (String folder : saved.keySet()) {
            if (!now.byFolder().containsKey(folder)) {
                cache.save(folder, List.of());
            }
        }
        saved = after;
        return now.unsettled();
    }

    /**
     * The entries the cache keeps of some listed files, by folder ({@link #isSaved}), and whether a good file was
     * left out for being modified too recently.
     */
    private record Saved(Map<String, List<ArticleCache.Entry>> byFolder, boolean unsettled) {
    }

    private static Saved saved(List<Listed> listed, List<FileState> states, Instant started) {
        FileTime settled = FileTime.from(started.minus(RACY_EDIT));
        boolean unsettled = false;
        Map<String, List<ArticleCache.Entry>> now = new LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            FileState state = states.get(i);
            String relative = listed.get(i).relative();
            if (isSaved(state, settled)) {
                now.computeIfAbsent(ArticleCache.folderOf(relative), f -> new ArrayList<>())
                        .add(new ArticleCache.Entry(relative, state.modified(), state.size(), state.articles()));
            } else if (state.good() && state.problems().isEmpty()) {
                // kept with a time no file has: a restart serves its articles from the cache (a stop right after an
                // edit must not leave the article out of its first feeds), and the load after it reads the file again
                now.computeIfAbsent(ArticleCache.folderOf(relative), f -> new ArrayList<>())
                        .add(new ArticleCache.Entry(relative, READ_AGAIN, state.size(), state.articles()));
                unsettled = true;
            }
        }
        return new Saved(now, unsettled);
    }

    /** Each folder's {@link #fingerprint}, the folders hashed on all cores (a restart hashes a million files). */
    private static Map<String, Long> fingerprints(ArticleCache.Entries entries) {
        Map<String, Long> out = new ConcurrentHashMap<>();
        entries.byFolder().entrySet().parallelStream()
                .forEach(f -> out.put(f.getKey(), fingerprint(f.getValue().values())));
        return new HashMap<>(out);
    }

    /**
     * The files of one folder as a number: each file's path, modification time and size hashed, and the hashes
     * added, so that the same files in any order give the same number and any other files (2^-64 aside) another.
     */
    private static long fingerprint(Collection<ArticleCache.Entry> entries) {
        long sum = 0;
        for (ArticleCache.Entry e : entries) {
            Instant modified = e.modified().toInstant();
            sum += Hashing.komihash5_0().hashStream().putString(e.path()).putLong(modified.getEpochSecond())
                    .putInt(modified.getNano()).putLong(e.size()).getAsLong();
        }
        return sum;
    }

    /** A good file without problems, last modified before {@code settled}. */
    private static boolean isSaved(FileState state, FileTime settled) {
        return state.good() && state.problems().isEmpty() && state.modified().compareTo(settled) < 0;
    }

    /** @param before the file's state before this load, or null */
    private FileState readIfChanged(Listed listed, FileState before, FirstSeen.Dates dates) {
        String picture = pictureOf(listed.relative());
        if (before == null) {
            ArticleCache.Entry entry = cached.get(listed.relative());
            // a file dated only now (its kept date lost) is read again: the cached articles may carry another date;
            // so is one whose picture came or went while the server was down
            if (entry != null && entry.modified().equals(listed.modified()) && entry.size() == listed.size()
                    && !dates.fresh().contains(listed.relative()) && showPicture(entry.articles(), picture)) {
                return new FileState(listed.relative(), entry.modified(), entry.size(), entry.articles(), List.of(),
                        true, picture);
            }
        } else if (before.modified().equals(listed.modified()) && before.size() == listed.size()
                && before.picture().equals(picture)) {
            return before;
        }
        FileTime modified = listed.modified();
        long size = listed.size();
        List<String> problems = new ArrayList<>();
        List<Article> articles = readFile(listed.file(), listed.relative(), dates.byPath().get(listed.relative()), size,
                picture, problems);
        if (articles == null) {
            // removed between listing and reading: the next load no longer lists it
            return before != null ? before
                    : new FileState(listed.relative(), FileTime.fromMillis(0), -1, List.of(), List.of(), false, "");
        }
        boolean good = problems.isEmpty() || !articles.isEmpty();
        // a file broken twice in a row (or read mid-write, then broken) still has the articles of its last good
        // version: the state of a broken file carries them on
        if (!good && before != null && (before.good() || !before.articles().isEmpty())) {
            problems.add(display(listed.relative()) + ": serving the last good version until the file is fixed");
            return new FileState(listed.relative(), modified, size, before.articles(), problems, false,
                    before.picture());
        }
        return new FileState(listed.relative(), modified, size, articles, problems, good, picture);
    }

    /**
     * The site path of the picture kept for a {@code .txt} export in the images folder; empty for other files and
     * when there is none. A few lookups per such file and load: a picture saved later is picked up by the next
     * rescan, though its article file did not change.
     */
    private String pictureOf(String relative) {
        return pictureOf(pictures, relative);
    }

    /** {@link #pictureOf(String)} for any images folder (or none): shared with {@link ArticleFiles}. */
    static String pictureOf(Optional<Path> pictures, String relative) {
        if (pictures.isEmpty() || !extension(relative).equals("txt")) {
            return "";
        }
        String id = defaultId(relative);
        for (String ext : PictureFiles.EXTENSIONS) {
            if (Files.isRegularFile(pictures.get().resolve(id + "." + ext))) {
                StringBuilder path = new StringBuilder("/images");
                for (String segment : (id + "." + ext).split("/")) {
                    path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
                }
                return path.toString();
            }
        }
        return "";
    }

    /** True if the articles show {@code picture} (a site path; empty: no picture), as a read of the file now would. */
    private static boolean showPicture(List<Article> articles, String picture) {
        for (Article a : articles) {
            String shown = a.image().flatMap(Image::url).map(URI::getRawPath).orElse("");
            if (picture.isEmpty() ? !shown.isEmpty() : !shown.endsWith(picture)) {
                return false;
            }
        }
        return true;
    }

    private String display(String relative) {
        return displayFolder + "/" + relative;
    }

    /**
     * The file's articles, its problems added to {@code problems}; null if it no longer exists.
     *
     * @param firstSeen the date of its articles that carry none
     */
    private List<Article> readFile(Path file, String relative, Instant firstSeen, long size, String picture,
                                   List<String> problems) {
        String display = display(relative);
        try {
            if (size > MAX_FILE_BYTES) {
                problems.add(display + ": skipped, " + size + " bytes is larger than the " + MAX_FILE_BYTES + "-byte limit");
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(file);
            ArticleFile articleFile = new ArticleFile(defaultId(relative), firstSeen, display, picture);
            List<Article> articles = new ArrayList<>();
            List<ArticleWarning> warnings = new ArrayList<>();
            for (ArticleDraft draft : Readers.BY_EXTENSION.get(extension(relative)).read(bytes, articleFile, problems)) {
                try {
                    articles.add(normaliser.normalise(name, draft, warnings));
                } catch (ArticleException e) {
                    problems.add(e.getMessage() + " (article skipped)");
                }
            }
            warnings.forEach(w -> problems.add(w.message()));
            return articles;
        } catch (ArticleException e) {
            problems.add(e.getMessage() + " (file skipped)");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // the file may have been replaced between listing and reading; the next load sees it again
            problems.add(display + ": cannot read: " + e.getMessage());
        }
        return List.of();
    }

    private static boolean isNewer(Article a, Article b) {
        int byUpdated = a.updated().compareTo(b.updated());
        return byUpdated != 0 ? byUpdated > 0 : a.origin().compareTo(b.origin()) > 0;
    }

    /** Hidden folders (and editors' {@code #…}, {@code ~…} ones) are not walked into. */
    static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("#") || name.startsWith("~");
    }

    /** Editors' temp, swap and backup files are not articles; nor is anything without a known extension. */
    static boolean isArticleFile(String fileName) {
        return !isHidden(fileName) && !fileName.endsWith("~") && ARTICLE_EXTENSIONS.contains(extension(fileName));
    }

    static String extension(String file) {
        int dot = file.lastIndexOf('.');
        int slash = file.lastIndexOf('/');
        return dot < 0 || dot < slash ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String defaultId(String relative) {
        int dot = relative.lastIndexOf('.');
        return dot > relative.lastIndexOf('/') ? relative.substring(0, dot) : relative;
    }
}
