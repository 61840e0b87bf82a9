package org.pravah.source;

import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.pravah.article.Article;
import org.pravah.compact.KeyedTable;

/**
 * What each file of a folder gave at its last read, and the articles served from them, kept from one load to the
 * next: a load applies the files it read again and learns which articles that changed by looking at those files
 * only. Two files may give an article of the same id; the more recently updated one is served (then the one whose
 * file comes later by path) and the other is reported. Articles are known here by their keys, not their ids: within
 * one source a key names one id, and the key is the String each article already holds (its id is made from it when
 * asked for). Not thread-safe: its {@link DirectorySource} loads one at a time.
 */
final class FolderArticles {
    /**
     * What one file gave at its last read; {@code articles} are its last good ones. There is one state per file of
     * the archive, so it is kept small: the modification time as a number, not a {@link FileTime}, and a file's one
     * article (almost every file gives one) without a list around it, which was 24 bytes of every article's heap.
     * The lists it is given are copied, so a state never changes.
     */
    static final class FileState {
        private final String path;
        private final long modifiedNanos;
        private final long size;
        /** The one article, or the list of them when there are none or several. */
        private final Object articles;
        private final List<String> problems;
        private final boolean good;
        private final String picture;

        FileState(String path, long modifiedNanos, long size, List<Article> articles, List<String> problems,
                  boolean good, String picture) {
            this.path = path;
            this.modifiedNanos = modifiedNanos;
            this.size = size;
            this.articles = articles.size() == 1 ? articles.get(0) : List.copyOf(articles);
            // a read makes a list to gather problems in; most files have none, and an empty list per file was 24 MB
            // of a million-file first start
            this.problems = List.copyOf(problems);
            this.good = good;
            this.picture = picture;
        }

        FileState(String path, FileTime modified, long size, List<Article> articles, List<String> problems,
                  boolean good, String picture) {
            this(path, modified.to(TimeUnit.NANOSECONDS), size, articles, problems, good, picture);
        }

        String path() {
            return path;
        }

        long modifiedNanos() {
            return modifiedNanos;
        }

        FileTime modified() {
            return FileTime.from(modifiedNanos, TimeUnit.NANOSECONDS);
        }

        long size() {
            return size;
        }

        @SuppressWarnings("unchecked")
        List<Article> articles() {
            return articles instanceof Article one ? List.of(one) : (List<Article>) articles;
        }

        /** The article, when the file gives exactly one; null otherwise. */
        Article onlyArticle() {
            return articles instanceof Article one ? one : null;
        }

        List<String> problems() {
            return problems;
        }

        boolean good() {
            return good;
        }

        String picture() {
            return picture;
        }
    }

    /** What applying read files changed in the served articles. */
    record Change(List<Article> arriving, List<String> leavingKeys) {
    }

    /** By path. */
    private final KeyedTable<FileState> files = new KeyedTable<>(FileState::path);
    /**
     * The file that gives each article, for the articles that one file alone gives and that file gives no other:
     * almost all of them. The table is keyed by that article's key and holds the file's own state, which names its
     * path; a map from key to path cost a node of 32 bytes per article.
     */
    private final KeyedTable<FileState> soleFile = new KeyedTable<>(file -> file.onlyArticle().key());
    /**
     * The paths of the files that give each other article: one that several files give (a duplicate id, reported),
     * or one of a file that gives several.
     */
    private final Map<String, List<String>> owners = new HashMap<>();
    /** The served article of each key. */
    private final KeyedTable<Article> served = new KeyedTable<>(Article::key);
    /**
     * How many known files each folder holds, its subfolders' included ('/'-separated, no trailing slash): a gone path
     * that is neither a known file nor a key here was never a folder of served files (an editor's temporary file, as
     * every save by rename leaves one), so an event naming it need not look through a million known paths.
     */
    private final Map<String, Integer> filesInFolder = new HashMap<>();
    /** The problems of each file that has any, in path order, as the log and {@code check} list them. */
    private final TreeMap<String, List<String>> fileProblems = new TreeMap<>();
    /** A line for each article left out because another file gives its id, by key. */
    private final Map<String, List<String>> duplicates = new HashMap<>();

    FileState file(String path) {
        return files.get(path);
    }

    /**
     * {@code path} as the String this state keeps for it, when it knows the file: the first-seen dates keep that one
     * too rather than an equal copy.
     */
    String pathAsKept(String path) {
        FileState known = files.get(path);
        return known == null ? path : known.path();
    }

    /** How many files are known. */
    int fileCount() {
        return files.size();
    }

    /** The path of every file known. */
    List<String> paths() {
        return files.values().stream().map(FileState::path).toList();
    }

    /**
     * The paths of the files known below any of {@code folders} ('/'-separated, no trailing slash), for folders
     * deleted or read again: one pass over the known files, however many folders a rescan names.
     */
    List<String> pathsBelow(Set<String> folders) {
        Set<String> known = new HashSet<>();
        for (String folder : folders) {
            if (filesInFolder.containsKey(folder)) {
                known.add(folder);
            }
        }
        if (known.isEmpty()) {
            return List.of();
        }
        List<String> below = new ArrayList<>();
        for (FileState file : files.values()) {
            String path = file.path();
            for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                if (known.contains(path.substring(0, slash))) {
                    below.add(path);
                    break;
                }
            }
        }
        return below;
    }

    Collection<Article> served() {
        return served.values();
    }

    int size() {
        return served.size();
    }

    /** Every problem now: the files' in path order, then the duplicate ids. */
    List<String> problems() {
        List<String> all = new ArrayList<>();
        fileProblems.values().forEach(all::addAll);
        duplicates.values().forEach(all::addAll);
        return all;
    }

    /**
     * Takes in files read again.
     *
     * @param read the new state of each file read, by path; {@code null} for a file that is gone
     */
    Change apply(Map<String, FileState> read) {
        if (files.isEmpty()) {
            return takeIn(read.values());
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Map.Entry<String, FileState> e : read.entrySet()) {
            String path = e.getKey();
            FileState before = e.getValue() == null ? files.remove(path) : files.put(e.getValue());
            if (before == e.getValue()) {
                continue;
            }
            if (before == null || e.getValue() == null) {
                countFile(path, before == null ? 1 : -1);
            }
            if (before != null) {
                for (Article a : before.articles()) {
                    keys.add(a.key());
                    setOwners(a.key(), without(ownersOf(a.key()), path));
                }
            }
            FileState now = e.getValue();
            if (now == null || now.problems().isEmpty()) {
                fileProblems.remove(path);
            } else {
                fileProblems.put(path, now.problems());
            }
            if (now != null) {
                for (Article a : now.articles()) {
                    keys.add(a.key());
                    setOwners(a.key(), with(ownersOf(a.key()), path));
                }
            }
        }
        List<Article> arriving = new ArrayList<>();
        List<String> leaving = new ArrayList<>();
        for (String key : keys) {
            Article was = served.get(key);
            Article now = newest(key);
            if (now == null) {
                served.remove(key);
                duplicates.remove(key);
                if (was != null) {
                    leaving.add(was.key());
                }
                continue;
            }
            if (was != null && now != was && now.equals(was)) {
                // read again without a change (a touched file, one saved to the cache before its time could be
                // trusted): served on as it was, so nothing downstream renders or indexes it again
                now = was;
            }
            served.put(now);
            if (now != was) {
                arriving.add(now);
            }
            report(key, now);
        }
        return new Change(arriving, leaving);
    }

    /**
     * The first files taken in (a start: a million of them): as {@link #apply} gives, but each article is looked up
     * once, since no file was known before and almost every key has one file. Only the keys that several files
     * give are then settled as {@link #apply} settles them. The articles arrive in the order of {@code states}. Only
     * into an empty view.
     */
    Change takeIn(Collection<FileState> states) {
        if (!files.isEmpty()) {
            throw new IllegalStateException("files already taken in; apply changes instead");
        }
        files.expect(states.size());
        served.expect(states.size());
        soleFile.expect(states.size());
        List<Article> arriving = new ArrayList<>(states.size());
        Set<String> shared = new LinkedHashSet<>();
        // files come folder by folder: each folder is counted once per run of its files, not once per file
        String folder = "";
        int run = 0;
        for (FileState now : states) {
            if (now == null) {
                continue;
            }
            files.put(now);
            String path = now.path();
            int slash = path.lastIndexOf('/');
            if (slash != folder.length() || !path.startsWith(folder)) {
                countFolder(folder, folder.length(), run);
                folder = slash < 0 ? "" : path.substring(0, slash);
                run = 0;
            }
            run++;
            if (!now.problems().isEmpty()) {
                fileProblems.put(now.path(), now.problems());
            }
            for (Article a : now.articles()) {
                String key = a.key();
                if (soleFile.get(key) == null && !owners.containsKey(key)) {
                    if (now.onlyArticle() != null) {
                        soleFile.put(now);
                    } else {
                        owners.put(key, List.of(now.path()));
                    }
                    served.put(a);
                    arriving.add(a);
                } else {
                    shared.add(key);
                    setOwners(key, with(ownersOf(key), now.path()));
                }
            }
        }
        countFolder(folder, folder.length(), run);
        if (!shared.isEmpty()) {
            for (String key : shared) {
                Article kept = newest(key);
                served.put(kept);
                report(key, kept);
            }
            arriving.replaceAll(a -> shared.contains(a.key()) ? served.get(a.key()) : a);
        }
        return new Change(arriving, List.of());
    }

    /** Adds {@code delta} files to the folders that hold the file at {@code path}. */
    private void countFile(String path, int delta) {
        countFolder(path, path.lastIndexOf('/'), delta);
    }

    /**
     * Adds {@code delta} files to the folder that is {@code path}'s first {@code end} characters and to its parents;
     * none to the source's own folder ({@code end} 0 or less), which no event can name as gone.
     */
    private void countFolder(String path, int end, int delta) {
        if (delta == 0) {
            return;
        }
        for (int slash = end; slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            filesInFolder.merge(path.substring(0, slash), delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** The newest article of {@code key} among the files that give it; null when none does. */
    private Article newest(String key) {
        Article best = null;
        for (String path : ownersOf(key)) {
            for (Article a : files.get(path).articles()) {
                if (a.key().equals(key) && (best == null || isNewer(a, best))) {
                    best = a;
                }
            }
        }
        return best;
    }

    private void report(String key, Article kept) {
        List<String> lines = new ArrayList<>();
        for (String path : ownersOf(key)) {
            for (Article a : files.get(path).articles()) {
                if (a.key().equals(key) && a != kept) {
                    lines.add(a.origin() + ": duplicate id '" + kept.id() + "' (also in " + kept.origin()
                            + "); keeping the newer one from " + kept.origin());
                }
            }
        }
        if (lines.isEmpty()) {
            duplicates.remove(key);
        } else {
            duplicates.put(key, lines);
        }
    }

    private List<String> ownersOf(String key) {
        FileState sole = soleFile.get(key);
        return sole != null ? List.of(sole.path()) : owners.getOrDefault(key, List.of());
    }

    /**
     * @param paths the files that now give {@code key}, whose states are already the known ones; null or empty when no
     *              file gives it any more
     */
    private void setOwners(String key, List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            soleFile.remove(key);
            owners.remove(key);
            return;
        }
        FileState only = paths.size() == 1 ? files.get(paths.get(0)) : null;
        if (only != null && only.onlyArticle() != null) {
            soleFile.put(only);
            owners.remove(key);
        } else {
            soleFile.remove(key);
            owners.put(key, paths);
        }
    }

    private static boolean isNewer(Article a, Article b) {
        int byUpdated = a.updated().compareTo(b.updated());
        return byUpdated != 0 ? byUpdated > 0 : a.origin().compareTo(b.origin()) > 0;
    }

    private static List<String> without(List<String> paths, String path) {
        if (paths.isEmpty()) {
            return null;
        }
        if (paths.size() == 1) {
            return paths.get(0).equals(path) ? null : paths;
        }
        List<String> rest = new ArrayList<>(paths);
        rest.remove(path);
        return rest.isEmpty() ? null : List.copyOf(rest);
    }

    private static List<String> with(List<String> paths, String path) {
        if (paths.contains(path)) {
            return paths;
        }
        List<String> more = new ArrayList<>(paths);
        more.add(path);
        return List.copyOf(more);
    }
}
