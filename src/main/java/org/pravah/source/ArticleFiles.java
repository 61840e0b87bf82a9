package org.pravah.source;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.pravah.article.ArticleDates;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.ArticleWarning;
import org.pravah.article.Text;

/**
 * The article files below a folder, found and read as a {@link DirectorySource} finds and reads them (the same
 * readers, the same skipped names, the same ids and messages), each article turned into the document the store keeps
 * for it: the fields of a {@code *.json} article, checked by {@link ArticleDocument#check} as the publish API checks
 * a body. This is what {@code pravah import} writes. {@link #read} may run on many threads at once.
 *
 * <p>What the JSON shape cannot say is written so that the article reads back as the directory source reads the
 * file: a Markdown body becomes the HTML it renders to ({@code contentHtml}); the export's section line, consulted
 * only when no category of the breadcrumb is known, joins the categories only then; an article without a date is
 * dated by its file's modification time, as a directory source that first sees the file dates it (that source also
 * keeps dates of files sharing a second apart; the import does not).
 */
public final class ArticleFiles {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * An article file below the folder, with the attributes read while listing. A listing of a million files holds a
     * million of these at once: the file's path is made when it is read, from the source's folder, and its time kept
     * as a number, rather than a {@code Path} and a {@code FileTime} each (about 170 bytes a file).
     *
     * @param root the folder {@code relative} is relative to
     */
    public record Listed(Path root, String relative, long modifiedNanos, long size) {
        public Listed(Path root, String relative, FileTime modified, long size) {
            this(root, relative, modified.to(TimeUnit.NANOSECONDS), size);
        }

        public Path file() {
            return root.resolve(relative);
        }

        public FileTime modified() {
            return FileTime.from(modifiedNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * One article of a file, ready for the store.
     *
     * @param document    as {@link ArticleDocument#check} makes it: the id first, then the fields
     * @param utf8        {@code document} as the store keeps it, UTF-8 JSON, to write or to compare with what it holds
     * @param datedByFile the file names no date: {@code published} is the file's modification time, which an edit
     *                    moves, so an article already stored keeps the date it has
     * @param origin      how messages name the article (its file, and its place in an array)
     */
    public record Document(String id, ObjectNode document, byte[] utf8, boolean datedByFile, String origin) {
        /** {@code utf8} as text. */
        public String json() {
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }

    /**
     * What one file gave.
     *
     * @param problems why the file, or an article of it, was skipped
     * @param warnings what was odd or left out of articles that were kept (an unknown field, an unusable picture)
     */
    public record FileArticles(Listed file, List<Document> documents, List<String> problems, List<String> warnings) {
    }

    private final String sourceName;
    private final String displayFolder;
    private final ArticleNormaliser normaliser;
    private final Predicate<List<String>> categorised;
    private final Optional<Path> pictures;
    private final long latestSecond;

    /**
     * @param displayFolder how messages name the folder (as the user wrote it)
     * @param categorised   whether a list of category references names a known category
     * @param pictures      the site's images folder, where a {@code .txt} export's picture is kept
     * @param now           the start of the import: no file is dated later
     */
    public ArticleFiles(String sourceName, String displayFolder, ArticleNormaliser normaliser,
                        Predicate<List<String>> categorised, Optional<Path> pictures, Instant now) {
        this.sourceName = sourceName;
        this.displayFolder = displayFolder;
        this.normaliser = normaliser;
        this.categorised = categorised;
        this.pictures = pictures;
        this.latestSecond = now.getEpochSecond();
    }

    /** The article files below {@code folder} in path order, skipping what a directory source skips. */
    public static List<Listed> list(Path folder) throws IOException {
        return list(folder, folder);
    }

    /**
     * The article files below {@code start}, a folder inside {@code folder} (or itself), in path order, each with its
     * modification time and size from the same walk (one stat per file); paths are relative to {@code folder}.
     */
    static List<Listed> list(Path folder, Path start) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        List<Listed> listed = new ArrayList<>();
        // each folder's relative path, made once per folder: a file's is that and its name, not a path made absolute,
        // normalised and relativised per file (a sixth of an unchanged rescan's time)
        ArrayDeque<String> folders = new ArrayDeque<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                if (dir.equals(start) || !DirectorySource.isHidden(dir.getFileName().toString())) {
                    folders.push(relative(root, dir));
                    return FileVisitResult.CONTINUE;
                }
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                folders.pop();
                if (e != null) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                BasicFileAttributes target = attributes;
                if (attributes.isSymbolicLink()) {
                    // a link to a file is read like the file (links to folders are not followed)
                    try {
                        target = Files.readAttributes(file, BasicFileAttributes.class);
                    } catch (IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                }
                String name = file.getFileName().toString();
                if (target.isRegularFile() && DirectorySource.isArticleFile(name)) {
                    String in = folders.peek();
                    String relative = in == null ? relative(root, file) : in.isEmpty() ? name : in + "/" + name;
                    listed.add(new Listed(root, relative, target.lastModifiedTime(), target.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // a file deleted while the folder is listed (an editor's temp file) is simply not there
                if (e instanceof NoSuchFileException && !file.equals(start)) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        listed.sort(Comparator.comparing(Listed::relative));
        return listed;
    }

    /** {@code path} relative to {@code root} ('/'-separated; "" for the root itself). */
    private static String relative(Path root, Path path) {
        return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** How messages name a file: its path as the folder was given. */
    public String display(Listed listed) {
        return displayFolder + "/" + listed.relative();
    }

    /** Reads one file; whatever is wrong with it is said in {@code problems}, never thrown. */
    public FileArticles read(Listed listed) {
        String relative = listed.relative();
        String display = display(listed);
        List<Document> documents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (listed.size() > DirectorySource.MAX_FILE_BYTES) {
            problems.add(display + ": skipped, " + listed.size() + " bytes is larger than the "
                    + DirectorySource.MAX_FILE_BYTES + "-byte limit");
            return new FileArticles(listed, documents, problems, warnings);
        }
        Instant dated = Instant.ofEpochSecond(Math.min(listed.modified().to(TimeUnit.SECONDS), latestSecond));
        List<ArticleDraft> drafts;
        try {
            byte[] bytes = Files.readAllBytes(listed.file());
            ArticleFile file = new ArticleFile(DirectorySource.defaultId(relative), dated, display,
                    DirectorySource.pictureOf(pictures, relative));
            drafts = DirectorySource.Readers.BY_EXTENSION.get(DirectorySource.extension(relative))
                    .read(bytes, file, warnings);
        } catch (ArticleException e) {
            problems.add(e.getMessage() + " (file skipped)");
            return new FileArticles(listed, documents, problems, warnings);
        } catch (IOException e) {
            problems.add(display + ": cannot read: " + e.getMessage() + " (file skipped)");
            return new FileArticles(listed, documents, problems, warnings);
        }
        for (ArticleDraft draft : drafts) {
            try {
                documents.add(document(draft, dated, warnings));
            } catch (ArticleException e) {
                problems.add(e.getMessage() + " (article skipped)");
            }
        }
        return new FileArticles(listed, documents, problems, warnings);
    }

    private Document document(ArticleDraft draft, Instant dated, List<String> warnings) throws ArticleException {
        String id = Text.cleanLine(draft.id());
        boolean datedByFile = draft.published().isBlank();
        ObjectNode input = fields(draft, dated);
        ArticleDocument.Checked checked = ArticleDocument.check(input, Optional.of(id), sourceName, normaliser, dated);
        if (checked instanceof ArticleDocument.Invalid) {
            // said as a directory source says it, where it refuses the article too
            List<ArticleWarning> dropped = new ArrayList<>();
            normaliser.check(sourceName, draft, dropped);
            if (!ArticleDocument.isValidId(id)) {
                throw new ArticleException(draft.origin() + ": id '" + id + "' cannot be a store article id ("
                        + ArticleDocument.ID_RULE + "); give the article another 'id', or rename the file");
            }
            // what a directory source leaves out and serves the article without (a picture it cannot show), the
            // API refuses; the import leaves it out too
            for (ArticleWarning w : dropped) {
                input.remove(w.dropped());
                warnings.add(w.message());
            }
            checked = ArticleDocument.check(input, Optional.of(id), sourceName, normaliser, dated);
        }
        if (checked instanceof ArticleDocument.Invalid invalid) {
            throw new ArticleException(draft.origin() + ": " + String.join("; ", invalid.problems().stream()
                    .map(p -> p.pointer() + ": " + p.detail()).toList()));
        }
        ArticleDocument.Valid valid = (ArticleDocument.Valid) checked;
        // written as UTF-8 here, on a reading thread, rather than as a String that the one writing thread encodes
        return new Document(valid.id(), valid.document(), ArticleDocument.utf8(valid.document()), datedByFile,
                draft.origin());
    }

    /** The draft as the fields of a {@code *.json} article; empty fields are left out. */
    private ObjectNode fields(ArticleDraft draft, Instant dated) {
        ObjectNode out = JSON.objectNode();
        text(out, "title", draft.title());
        text(out, "summary", draft.summary());
        if (!draft.body().isBlank()) {
            switch (draft.bodyFormat()) {
                case PLAIN_TEXT -> out.put("body", draft.body());
                case HTML -> out.put("contentHtml", draft.body());
                case MARKDOWN -> out.put("contentHtml", ArticleNormaliser.markdownHtml(draft.body()));
            }
        }
        List<String> categories = draft.categories();
        if (!draft.fallbackCategories().isEmpty() && !categorised.test(categories)) {
            // what the catalogue does with the section line when no category of the breadcrumb is known
            categories = new ArrayList<>(categories);
            categories.addAll(draft.fallbackCategories());
        }
        list(out, "categories", categories);
        list(out, "tags", draft.tags());
        text(out, "published", draft.published().isBlank()
                ? ArticleDates.rfc3339(dated, normaliser.site().timeZone()) : draft.published());
        text(out, "updated", draft.updated());
        text(out, "author", draft.author());
        text(out, "url", draft.url());
        if (!draft.imageUrl().isEmpty() || !draft.imageCaption().isEmpty() || !draft.imageCredit().isEmpty()) {
            ObjectNode image = out.putObject("image");
            text(image, "url", draft.imageUrl());
            text(image, "caption", draft.imageCaption());
            text(image, "credit", draft.imageCredit());
        }
        text(out, "language", draft.language());
        return out;
    }

    private static void text(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void list(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }
}
