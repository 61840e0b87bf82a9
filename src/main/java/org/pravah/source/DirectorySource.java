package org.pravah.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.pravah.article.Article;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;

/**
 * Articles from files in a folder and its subfolders: {@code *.json}, {@code *.txt}, {@code *.md}.
 * A file that cannot be read is reported and skipped; the others are served. A file that was good and turns bad
 * (an edit saved half-way, a typo) keeps serving its last good articles until it is fixed or deleted.
 *
 * <p>Loads remember each file's modification time and size, so a rescan re-reads only what changed. Not thread-safe:
 * the catalogue calls {@link #load()} from one thread at a time (which reads the files in parallel itself).
 */
public final class DirectorySource implements ArticleSource {
    /** Larger files are not articles; refusing them keeps one stray dump from eating the heap. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private static final Map<String, ArticleReader> READERS = Map.of(
            "json", new JsonArticleReader(),
            "txt", new PlainTextArticleReader(),
            "md", new MarkdownArticleReader());

    private final String name;
    private final Path folder;
    private final String displayFolder;
    private final ArticleNormaliser normaliser;
    private final Map<Path, FileState> files = new HashMap<>();
    private volatile SourceStatus status;

    /** What one file gave at its last read; {@code articles} are its last good ones. */
    private record FileState(FileTime modified, long size, List<Article> articles, List<String> problems,
                             boolean good) {
    }

    /**
     * @param displayFolder how messages name the folder (as written in the config), so a log line points to the file
     */
    public DirectorySource(String name, Path folder, String displayFolder, ArticleNormaliser normaliser) {
        this.name = name;
        this.folder = folder;
        this.displayFolder = displayFolder;
        this.normaliser = normaliser;
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

    private SourceLoad read() {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(displayFolder + ": folder not found (source '" + name + "')");
            return new SourceLoad(name, List.of(), problems, false);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> isArticleFile(folder.relativize(p)))
                    .sorted(Comparator.comparing(p -> folder.relativize(p).toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(displayFolder + ": cannot list folder: " + e.getMessage());
            return new SourceLoad(name, List.of(), problems, false);
        }
        Map<String, Article> byId = new LinkedHashMap<>();
        Map<Path, FileState> seen = new HashMap<>();
        // files are read and normalised on all cores (the work of a cold start); merging stays in file order, so the
        // result does not depend on which thread finished first
        List<FileState> states = files.parallelStream().map(this::readIfChanged).toList();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            FileState state = states.get(i);
            seen.put(file, state);
            problems.addAll(state.problems());
            for (Article article : state.articles()) {
                Article other = byId.get(article.id());
                if (other == null) {
                    byId.put(article.id(), article);
                } else {
                    Article newer = isNewer(article, other) ? article : other;
                    Article older = newer == article ? other : article;
                    byId.put(article.id(), newer);
                    problems.add(older.origin() + ": duplicate id '" + article.id() + "' (also in " + newer.origin()
                            + "); keeping the newer one from " + newer.origin());
                }
            }
        }
        this.files.keySet().retainAll(seen.keySet());
        this.files.putAll(seen);
        return new SourceLoad(name, new ArrayList<>(byId.values()), problems, true);
    }

    private FileState readIfChanged(Path file) {
        FileState before = files.get(file);
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            // removed between listing and reading: the next load no longer lists it
            return before != null ? before : new FileState(FileTime.fromMillis(0), -1, List.of(), List.of(), false);
        }
        if (before != null && before.modified().equals(modified) && before.size() == size) {
            return before;
        }
        List<String> problems = new ArrayList<>();
        List<Article> articles = readFile(file, modified, size, problems);
        boolean good = problems.isEmpty() || !articles.isEmpty();
        if (!good && before != null && before.good()) {
            problems.add(display(file) + ": serving the last good version until the file is fixed");
            return new FileState(modified, size, before.articles(), problems, false);
        }
        return new FileState(modified, size, articles, problems, good);
    }

    private String display(Path file) {
        return displayFolder + "/" + folder.relativize(file).toString().replace('\\', '/');
    }

    private List<Article> readFile(Path file, FileTime modified, long size, List<String> problems) {
        Path relative = folder.relativize(file);
        String display = display(file);
        try {
            if (size > MAX_FILE_BYTES) {
                problems.add(display + ": skipped, " + size + " bytes is larger than the " + MAX_FILE_BYTES + "-byte limit");
                return List.of();
            }
            String text = Utf8.decode(Files.readAllBytes(file), display);
            ArticleFile articleFile = new ArticleFile(defaultId(relative), modified.toInstant(), display);
            List<Article> articles = new ArrayList<>();
            for (ArticleDraft draft : READERS.get(extension(relative)).read(text, articleFile, problems)) {
                try {
                    articles.add(normaliser.normalise(name, draft));
                } catch (ArticleException e) {
                    problems.add(e.getMessage() + " (article skipped)");
                }
            }
            return articles;
        } catch (ArticleException e) {
            problems.add(e.getMessage() + " (file skipped)");
        } catch (IOException e) {
            // the file may have been removed or replaced between listing and reading; the next load sees it again
            problems.add(display + ": cannot read: " + e.getMessage());
        }
        return List.of();
    }

    private static boolean isNewer(Article a, Article b) {
        int byUpdated = a.updated().compareTo(b.updated());
        return byUpdated != 0 ? byUpdated > 0 : a.origin().compareTo(b.origin()) > 0;
    }

    /** Editors' temp, swap and backup files and hidden folders are not articles. */
    static boolean isArticleFile(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(".") || s.startsWith("#") || s.startsWith("~")) {
                return false;
            }
        }
        String file = relative.getFileName().toString();
        return !file.endsWith("~") && READERS.containsKey(extension(relative));
    }

    private static String extension(Path relative) {
        String file = relative.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String defaultId(Path relative) {
        String path = relative.toString().replace('\\', '/');
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
    }
}
