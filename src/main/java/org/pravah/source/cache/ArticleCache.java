package org.pravah.source.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pravah.article.Article;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.SiteDefaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One directory source's normalised articles, kept in {@code <dataDir>/cache} between runs, so that a restart reads
 * and normalises only the files that changed. The articles of each folder of the source are kept in a file of their
 * own ({@link ArticleCacheFile}): those of the folder itself in {@code cache/<source>.articles}, those of
 * {@code 2026/11} in {@code cache/<source>/2026/11.articles}. A save rewrites only the folders whose files changed,
 * so keeping the cache costs what changed, not what the archive weighs, and no one file grows with the archive.
 */
public final class ArticleCache {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleCache.class);
    private static final String SUFFIX = ".articles";
    /** How writes name their temporary files in {@code cache}: source name, then {@code createTempFile}'s digits. */
    private static final Pattern TEMPORARY =
            Pattern.compile("[a-z0-9]+(?:[-_][a-z0-9]+)*\\.articles\\.[0-9]+\\.tmp");
    /** The same in a source's folder below {@code cache}, where a folder's name may be any name. */
    private static final Pattern FOLDER_TEMPORARY = Pattern.compile(".+\\.articles\\.[0-9]+\\.tmp");

    /** One good file's articles as they were normalised, keyed by the file's path, modification time and size. */
    public record Entry(String path, FileTime modified, long size, List<Article> articles) {
        public Entry {
            articles = List.copyOf(articles);
        }
    }

    /**
     * Every cached entry by path, kept folder by folder as the cache files hold them (newest first within each): a
     * restart walks a million of them in that order and hashes each folder's files apart, and looking one up needs
     * no second table of them all.
     */
    public static final class Entries extends AbstractMap<String, ArticleCache.Entry> {
        public static final Entries NONE = new Entries(Map.of());

        private final Map<String, Map<String, ArticleCache.Entry>> byFolder;
        private final int size;

        Entries(Map<String, Map<String, ArticleCache.Entry>> byFolder) {
            this.byFolder = byFolder;
            this.size = byFolder.values().stream().mapToInt(Map::size).sum();
        }

        /** Each folder's entries by path, folder by folder ({@link #folderOf}). */
        public Map<String, Map<String, ArticleCache.Entry>> byFolder() {
            return Collections.unmodifiableMap(byFolder);
        }

        @Override
        public ArticleCache.Entry get(Object path) {
            if (!(path instanceof String p)) {
                return null;
            }
            Map<String, ArticleCache.Entry> folder = byFolder.get(folderOf(p));
            return folder == null ? null : folder.get(p);
        }

        @Override
        public boolean containsKey(Object path) {
            return get(path) != null;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Map.Entry<String, ArticleCache.Entry>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, ArticleCache.Entry>> iterator() {
                    return byFolder.values().stream().flatMap(m -> m.entrySet().stream()).iterator();
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }

    private final Path cacheFolder;
    private final String sourceName;
    private final Map<String, String> fingerprint;
    private final ArticleCacheWriter writer;

    ArticleCache(Path cacheFolder, String sourceName, Map<String, String> fingerprint, ArticleCacheWriter writer) {
        this.cacheFolder = cacheFolder;
        this.sourceName = sourceName;
        this.fingerprint = Map.copyOf(fingerprint);
        this.writer = writer;
    }

    /**
     * The cache of a directory source, or empty when this build cannot be told apart from another one (then a
     * cache could serve articles normalised by other code, so there is none).
     *
     * @param dataDir the config's {@code dataDir}; the cache lives in its {@code cache} folder, beside nothing else
     */
    public static Optional<ArticleCache> forSource(Path dataDir, String sourceName, Path folder, String displayFolder,
                                                   long maxFileBytes, ArticleNormaliser normaliser,
                                                   ArticleCacheWriter writer) {
        Optional<String> build = BuildIdentity.current();
        if (build.isEmpty()) {
            LOG.info("source '{}': no article cache, since this build of Pravah cannot be identified; every start "
                    + "reads every file", sourceName);
            return Optional.empty();
        }
        return Optional.of(new ArticleCache(dataDir.resolve("cache"), sourceName,
                fingerprint(build.get(), sourceName, folder, displayFolder, maxFileBytes, normaliser.site()), writer));
    }

    /** Everything besides a file's bytes that decides its articles; a cache made under other values is not used. */
    static Map<String, String> fingerprint(String build, String sourceName, Path folder, String displayFolder,
                                           long maxFileBytes, SiteDefaults site) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("build", build);
        f.put("java", Runtime.version().toString());
        f.put("source", sourceName);
        f.put("folder", folder.toAbsolutePath().normalize().toString());
        f.put("folderAsWritten", displayFolder);
        f.put("site.language", site.language().value());
        f.put("site.timeZone", site.timeZone().getId());
        f.put("site.baseUrl", site.baseUrl());
        f.put("maxFileBytes", Long.toString(maxFileBytes));
        return f;
    }

    /** The folder of an article file ('/'-separated path below the source folder): whose cache file keeps it. */
    public static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private Path fileOf(String folder) {
        return folder.isEmpty() ? cacheFolder.resolve(sourceName + SUFFIX)
                : cacheFolder.resolve(sourceName).resolve(folder + SUFFIX);
    }

    private ArticleCacheFile file(Path file) {
        return new ArticleCacheFile(file, sourceName, fingerprint, writer);
    }

    /**
     * Every entry of every folder's file, by path. Never fails: a file that cannot be used is logged (by
     * {@link ArticleCacheFile#read}) and its folder's files are read again; the others are used.
     */
    public Entries read() {
        List<Path> files = new ArrayList<>();
        files.add(fileOf(""));
        Path below = cacheFolder.resolve(sourceName);
        if (Files.isDirectory(below)) {
            try (Stream<Path> walk = Files.walk(below)) {
                walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
                        .forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("source '{}': cannot list the article cache in {} ({}); reading every file", sourceName,
                        below, e.getMessage());
                return Entries.NONE;
            }
        }
        boolean first = !Files.exists(files.get(0)) && files.size() == 1;
        if (first) {
            LOG.info("source '{}': no article cache yet in {}; reading every file", sourceName, cacheFolder);
            return Entries.NONE;
        }
        List<Map<String, Entry>> read = files.parallelStream()
                .map(f -> Files.exists(f) ? kept(f, file(f).read()) : Map.<String, Entry>of())
                .toList();
        // in the files' order: a restart hands it on to the catalogue's sort
        Map<String, Map<String, Entry>> byFolder = new LinkedHashMap<>();
        for (Map<String, Entry> folder : read) {
            if (!folder.isEmpty()) {
                byFolder.put(folderOf(folder.keySet().iterator().next()), folder);
            }
        }
        return new Entries(byFolder);
    }

    /** The entries of {@code file} that belong to its folder (a file copied elsewhere by hand keeps none). */
    private Map<String, Entry> kept(Path file, Map<String, Entry> read) {
        if (read.isEmpty()) {
            return read;
        }
        // one folder per file: where its first entry belongs tells the folder the others must be in
        String folder = folderOf(read.keySet().iterator().next());
        if (!fileOf(folder).equals(file)) {
            folder = null;
        }
        String kept = folder;
        if (kept != null && read.keySet().stream().allMatch(path -> isIn(path, kept))) {
            return read;
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        read.forEach((path, entry) -> {
            if (fileOf(folderOf(path)).equals(file)) {
                out.put(path, entry);
            }
        });
        return out;
    }

    /** Whether {@code path} is a file of {@code folder} itself (as {@link #folderOf} gives it), not of one below. */
    private static boolean isIn(String path, String folder) {
        int slash = path.lastIndexOf('/');
        return folder.isEmpty() ? slash < 0 : slash == folder.length() && path.startsWith(folder);
    }

    /**
     * Hands one folder's entries to the writer thread, which replaces that folder's file whole (or removes it when
     * there are none); a later save of the same folder always wins over an earlier one still waiting.
     *
     * @param folder  as {@link #folderOf} gives it
     * @param entries every entry of that folder
     */
    public void save(String folder, List<Entry> entries) {
        save(folder, entries, false);
    }

    /**
     * Like {@link #save}, as soon as the writer is free; then {@link #awaitWrites} lets a first start wait for the
     * folders it has read to be written, and their texts to leave the heap, before it reads more.
     */
    public void saveNow(String folder, List<Entry> entries) {
        save(folder, entries, true);
    }

    /** Waits until at most {@code writes} cache writes are waiting or running. */
    public void awaitWrites(int writes) throws InterruptedException {
        writer.awaitAtMost(writes);
    }

    private void save(String folder, List<Entry> entries, boolean now) {
        Path file = fileOf(folder);
        if (entries.isEmpty()) {
            writer.submit(file, () -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // its entries are of files no longer there: never taken, whatever they say
                }
            });
        } else if (now) {
            file(file).saveNow(entries);
        } else {
            file(file).save(entries);
        }
    }

    /**
     * Removes the temporary files that writes cut short by a crash or a kill left in {@code <dataDir>/cache}, of any
     * source (also one since removed from the config), and says so in one log line. Called at start-up, before this
     * process writes a cache: a write in progress can then only be another process's ({@code pravah check} beside
     * the server), and it holds a lock on its temporary file, which is left alone. Only names that writes give
     * ({@code <source>.articles.<digits>.tmp}, and {@code <folder>.articles.<digits>.tmp} below) are touched.
     */
    public static void removeLeftovers(Path dataDir) {
        Path folder = dataDir.resolve("cache");
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<String> removed = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> isTemporary(folder, p) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(ArticleCache::removeUnlessLocked)
                    .forEach(p -> removed.add(folder.relativize(p).toString()));
        } catch (IOException | UncheckedIOException e) {
            // only tidying
        }
        if (!removed.isEmpty()) {
            Collections.sort(removed);
            LOG.info("removed {} temporary {} left in {} by article cache writes cut short (a crash or a kill): {}",
                    removed.size(), removed.size() == 1 ? "file" : "files", folder, String.join(", ", removed));
        }
    }

    private static boolean isTemporary(Path cache, Path p) {
        String name = p.getFileName().toString();
        return p.getParent().equals(cache) ? TEMPORARY.matcher(name).matches()
                : FOLDER_TEMPORARY.matcher(name).matches();
    }

    private static boolean removeUnlessLocked(Path temp) {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            if (channel.tryLock() == null) {
                return false;
            }
            Files.delete(temp);
            return true;
        } catch (OverlappingFileLockException e) {
            // this process is writing it
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
