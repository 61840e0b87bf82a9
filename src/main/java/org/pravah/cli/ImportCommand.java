package org.pravah.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pravah.article.ArticleException;
import org.pravah.catalog.CategoryTree;
import org.pravah.config.PravahConfig;
import org.pravah.config.SourceConfig;
import org.pravah.config.StoreSourceConfig;
import org.pravah.source.ArticleDocument;
import org.pravah.source.ArticleFiles;
import org.pravah.source.ArticleFiles.Document;
import org.pravah.source.ArticleFiles.FileArticles;
import org.pravah.source.factory.SourceFactory;
import org.pravah.store.ArticleStore;
import org.pravah.store.BatchWrite;
import org.pravah.store.StoreException;

/**
 * {@code pravah import FOLDER}: an existing archive of article files ({@code *.json}, {@code *.txt}, {@code *.md} in
 * any folders below FOLDER) written into a store source, each article as the publish API would store it, so that a
 * newsroom moves its archive into the store once and serves it from there.
 *
 * <p>Files are read, parsed and checked on every core while this thread writes: {@value #BATCH} articles per
 * transaction, so a commit and the other processes' reload are paid per batch, not per article. The batches are
 * committed without waiting for the disk, and synced once at the end, before the closing line says what was imported
 * (the import can be run again; see {@link BatchWrite}). Files
 * are taken in path order; an id that an earlier file already gave is reported and skipped, so every run keeps the
 * same one.
 *
 * <p>A run may be repeated, or resumed after it was stopped: an article whose stored document is the one its file
 * gives now is left alone (no new revision, no notification), so a second run over the same folder writes nothing,
 * and an edited file gives its article the next revision. An article deleted in the store stays deleted while its
 * file is unchanged.
 *
 * <p>Bad files are reported on stdout as the directory source reports them (file, and line and column or byte
 * offset), and skipped. Exit status: 0 when every file was imported, 1 when some were bad (the others are imported)
 * or the import could not run, 2 for wrong arguments.
 */
final class ImportCommand {
    /** Articles per transaction: large enough that a commit's sync costs little per article, small enough that a
     *  server's API write waiting for the write lock waits a fraction of a second at most. */
    static final int BATCH = 1000;
    /** Files per reading task: enough to make handing them over cheap. */
    private static final int CHUNK = 64;
    /** Chunks read ahead of the writer: about two batches, so the readers go on while a batch is written. */
    private static final int AHEAD = 2 * BATCH / CHUNK + 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Progress progress;
    private final Counts counts = new Counts();

    private static final class Counts {
        int created;
        int changed;
        int unchanged;
        int bad;
        int warnings;

        int imported() {
            return created + changed;
        }
    }

    ImportCommand(PrintStream out, PrintStream err, Progress progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    int run(PravahConfig config, Path folder, Optional<String> sourceOption) {
        List<StoreSourceConfig> stores = config.sources().stream().filter(StoreSourceConfig.class::isInstance)
                .map(StoreSourceConfig.class::cast).toList();
        String sourceName;
        if (sourceOption.isPresent()) {
            String wanted = sourceOption.get();
            Optional<SourceConfig> named = config.sources().stream().filter(s -> s.name().equals(wanted)).findFirst();
            if (named.isEmpty()) {
                err.println("pravah: --source '" + wanted + "': " + config.file() + " has no source of that name"
                        + Commands.SEE_HELP);
                return 2;
            }
            if (!(named.get() instanceof StoreSourceConfig)) {
                err.println("pravah: --source '" + wanted + "' is not a store source (type: store); the import"
                        + " writes into the store" + Commands.SEE_HELP);
                return 2;
            }
            sourceName = wanted;
        } else if (stores.isEmpty()) {
            err.println("pravah: import: " + config.file() + " has no source of type 'store' to import into (add"
                    + " '- {name: cms, type: store}' to sources)");
            return 1;
        } else if (stores.size() > 1) {
            err.println("pravah: import: " + config.file() + " has " + stores.size() + " store sources ("
                    + String.join(", ", stores.stream().map(StoreSourceConfig::name).toList())
                    + "); name one with --source" + Commands.SEE_HELP);
            return 2;
        } else {
            sourceName = stores.get(0).name();
        }
        if (!Files.isDirectory(folder)) {
            err.println("pravah: import: " + folder + ": " + (Files.exists(folder) ? "not a folder" : "folder not found"));
            return 1;
        }
        List<ArticleFiles.Listed> files;
        try {
            files = ArticleFiles.list(folder);
        } catch (IOException e) {
            err.println("pravah: import: cannot list " + folder + ": " + e);
            return 1;
        }
        Progress.Task task = progress.startTimed("importing", files.size(), "files");
        try (ArticleStore store = ArticleStore.open(config.store());
             BatchWrite batches = store.batches(sourceName)) {
            CategoryTree tree = new CategoryTree(config.categories());
            ArticleFiles reader = new ArticleFiles(sourceName, folder.toString(), SourceFactory.createNormaliser(config),
                    refs -> !tree.resolveAll(refs).isEmpty(), config.site().images(), Instant.now());
            try {
                return importAll(files, reader, batches, sourceName, task);
            } catch (StoreException e) {
                // what was committed before the failure counts only once it is on disk
                int imported = counts.imported();
                try {
                    batches.durable();
                } catch (StoreException notSynced) {
                    imported = 0;
                }
                task.report(err, "pravah: import: " + e.getMessage() + (imported == 0 ? ""
                        : "; " + imported + " articles were imported before that, and a new run goes on from"
                        + " there"));
                return 1;
            }
        } catch (StoreException e) {
            task.report(err, "pravah: import: " + e.getMessage());
            return 1;
        }
    }

    private int importAll(List<ArticleFiles.Listed> files, ArticleFiles reader, BatchWrite store, String sourceName,
                          Progress.Task task) throws StoreException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService readers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pravah-import-read");
            t.setDaemon(true);
            return t;
        });
        // by id, the file that gave it first: a later file with the same id is a duplicate
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Document> batch = new LinkedHashMap<>();
        try {
            ArrayDeque<Future<List<FileArticles>>> ahead = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() && ahead.size() < AHEAD) {
                ahead.add(submit(readers, reader, files, next));
                next += CHUNK;
            }
            int index = 0;
            while (!ahead.isEmpty()) {
                List<FileArticles> chunk = take(ahead.poll());
                if (next < files.size()) {
                    ahead.add(submit(readers, reader, files, next));
                    next += CHUNK;
                }
                for (FileArticles file : chunk) {
                    boolean bad = !file.problems().isEmpty();
                    file.problems().forEach(p -> task.report(out, "bad: " + p));
                    file.warnings().forEach(w -> task.report(out, "warning: " + w));
                    counts.warnings += file.warnings().size();
                    for (Document d : file.documents()) {
                        Integer first = seen.putIfAbsent(d.id(), index);
                        if (first != null) {
                            bad = true;
                            task.report(out, "bad: " + d.origin() + ": duplicate id '" + d.id() + "', which "
                                    + reader.display(files.get(first)) + " gave first (article skipped)");
                        } else {
                            batch.put(d.id(), d);
                        }
                    }
                    if (bad) {
                        counts.bad++;
                    }
                    if (batch.size() >= BATCH) {
                        write(store, batch);
                    }
                    index++;
                    task.advance(1);
                }
            }
            write(store, batch);
            // the batches were committed without waiting for the disk; nothing is said to be imported before it is
            store.durable();
        } finally {
            readers.shutdownNow();
        }
        double seconds = task.elapsedSeconds();
        int articles = counts.imported() + counts.unchanged;
        task.finish(String.format(Locale.ROOT, "%d files in %.1f s, %d articles/s", files.size(), seconds,
                Math.round(articles / Math.max(seconds, 0.001))));
        out.println("import into '" + sourceName + "': " + counts.imported() + " imported (" + counts.created
                + " new, " + counts.changed + " changed), " + counts.unchanged + " unchanged, " + counts.bad
                + " bad file" + (counts.bad == 1 ? "" : "s") + ", " + counts.warnings + " warning"
                + (counts.warnings == 1 ? "" : "s"));
        return counts.bad == 0 ? 0 : 1;
    }

    private static Future<List<FileArticles>> submit(ExecutorService readers, ArticleFiles reader,
                                                     List<ArticleFiles.Listed> files, int from) {
        List<ArticleFiles.Listed> chunk = files.subList(from, Math.min(files.size(), from + CHUNK));
        return readers.submit(() -> chunk.stream().map(reader::read).toList());
    }

    private static List<FileArticles> take(Future<List<FileArticles>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the files", e);
        } catch (ExecutionException e) {
            // read() reports every problem of a file; anything thrown is a bug, for the last resort to say
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Writes the batch in one transaction and empties it. */
    private void write(BatchWrite store, Map<String, Document> batch) throws StoreException {
        BatchWrite.Wrote wrote = store.putAllUtf8(new ArrayList<>(batch.keySet()),
                (id, current) -> decide(batch.get(id), current));
        counts.created += wrote.created();
        counts.changed += wrote.changed();
        counts.unchanged += batch.size() - wrote.created() - wrote.changed();
        batch.clear();
    }

    /**
     * The document to write for an article, or empty when the store already holds it. An article whose file names
     * no date is dated by the file, which an edit (or a copy) moves; one already stored keeps its date instead, as a
     * directory source keeps the date it first saw.
     *
     * @param current the stored document (UTF-8), a tombstone's too
     */
    static Optional<byte[]> decide(Document d, Optional<byte[]> current) {
        if (current.isEmpty()) {
            return Optional.of(d.utf8());
        }
        byte[] stored = current.get();
        if (Arrays.equals(stored, d.utf8())) {
            return Optional.empty();
        }
        if (d.datedByFile()) {
            Optional<String> kept = published(new String(stored, StandardCharsets.UTF_8));
            if (kept.isPresent() && !kept.get().equals(d.document().path("published").asText())) {
                byte[] redated = ArticleDocument.utf8(d.document().deepCopy().put("published", kept.get()));
                return Arrays.equals(redated, stored) ? Optional.empty() : Optional.of(redated);
            }
        }
        return Optional.of(d.utf8());
    }

    private static Optional<String> published(String document) {
        try {
            JsonNode published = ArticleDocument.parseStored(document).path("published");
            return published.isTextual() && !published.asText().isBlank() ? Optional.of(published.asText())
                    : Optional.empty();
        } catch (ArticleException e) {
            return Optional.empty();
        }
    }
}
