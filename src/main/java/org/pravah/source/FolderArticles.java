package org.pravah.source;

import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pravah.article.Article;

/**
 * What each file of a folder gave at its last read, and the articles served from them, kept from one load to the
 * next: a load applies the files it read again and learns which articles that changed by looking at those files
 * only. Two files may give an article of the same id; the more recently updated one is served (then the one whose
 * file comes later by path) and the other is reported. Not thread-safe: its {@link DirectorySource} loads one at a
 * time.
 */
final class FolderArticles {
    /** What one file gave at its last read; {@code articles} are its last good ones. */
    record FileState(FileTime modified, long size, List<Article> articles, List<String> problems, boolean good,
                     String picture) {
    }

    /** What applying read files changed in the served articles. */
    record Change(List<Article> arriving, List<String> leavingKeys) {
    }

    /** By path below the folder ('/'-separated). */
    private final Map<String, FileState> files = new HashMap<>();
    /** The paths of the files that give each article id (almost always one). */
    private final Map<String, List<String>> owners = new HashMap<>();
    /** The served article of each id. */
    private final Map<String, Article> served = new HashMap<>();
    /** The problems of each file that has any, in path order, as the log and {@code check} list them. */
    private final TreeMap<String, List<String>> fileProblems = new TreeMap<>();
    /** A line for each article left out because another file gives its id, by id. */
    private final Map<String, List<String>> duplicates = new HashMap<>();

    FileState file(String path) {
        return files.get(path);
    }

    /** Every file's state, by path (read-only). */
    Map<String, FileState> files() {
        return java.util.Collections.unmodifiableMap(files);
    }

    /** The paths of the files known below {@code folder} ('/'-separated, no trailing slash), for a deleted folder. */
    List<String> pathsBelow(String folder) {
        String prefix = folder + "/";
        return files.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
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
        Set<String> ids = new LinkedHashSet<>();
        for (Map.Entry<String, FileState> e : read.entrySet()) {
            String path = e.getKey();
            FileState before = e.getValue() == null ? files.remove(path) : files.put(path, e.getValue());
            if (before == e.getValue()) {
                continue;
            }
            if (before != null) {
                for (Article a : before.articles()) {
                    ids.add(a.id());
                    owners.computeIfPresent(a.id(), (id, paths) -> without(paths, path));
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
                    ids.add(a.id());
                    owners.merge(a.id(), List.of(path), (paths, one) -> with(paths, path));
                }
            }
        }
        List<Article> arriving = new ArrayList<>();
        List<String> leaving = new ArrayList<>();
        for (String id : ids) {
            Article was = served.get(id);
            Article now = newest(id);
            if (now == null) {
                served.remove(id);
                duplicates.remove(id);
                if (was != null) {
                    leaving.add(was.key());
                }
                continue;
            }
            served.put(id, now);
            if (now != was) {
                arriving.add(now);
            }
            report(id, now);
        }
        return new Change(arriving, leaving);
    }

    /** The newest article of {@code id} among the files that give it; null when none does. */
    private Article newest(String id) {
        Article best = null;
        for (String path : owners.getOrDefault(id, List.of())) {
            for (Article a : files.get(path).articles()) {
                if (a.id().equals(id) && (best == null || isNewer(a, best))) {
                    best = a;
                }
            }
        }
        return best;
    }

    private void report(String id, Article kept) {
        List<String> lines = new ArrayList<>();
        for (String path : owners.getOrDefault(id, List.of())) {
            for (Article a : files.get(path).articles()) {
                if (a.id().equals(id) && a != kept) {
                    lines.add(a.origin() + ": duplicate id '" + id + "' (also in " + kept.origin()
                            + "); keeping the newer one from " + kept.origin());
                }
            }
        }
        if (lines.isEmpty()) {
            duplicates.remove(id);
        } else {
            duplicates.put(id, lines);
        }
    }

    private static boolean isNewer(Article a, Article b) {
        int byUpdated = a.updated().compareTo(b.updated());
        return byUpdated != 0 ? byUpdated > 0 : a.origin().compareTo(b.origin()) > 0;
    }

    private static List<String> without(List<String> paths, String path) {
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
