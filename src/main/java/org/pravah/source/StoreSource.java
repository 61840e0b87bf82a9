package org.pravah.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pravah.article.Article;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;
import org.pravah.source.cache.TextsFile;
import org.pravah.store.ArticleStore;
import org.pravah.store.StoreException;
import org.pravah.store.StoredArticle;

/**
 * The live articles of one source in the article store, read through the same JSON reader and normaliser as article
 * files. The first load reads every live row; after that the catalogue asks for a load of changes
 * ({@link #loadChanges}), which reads only the rows written since the highest change number applied (tombstones
 * included), so a reload after one write reads one row however large the archive. When the store cannot be reached
 * the load is incomplete and the catalogue keeps serving this source's last good articles.
 *
 * <p>An article without a {@code published} date is dated by its creation in the store, so its date (and the
 * feeds' ETags) stay the same across reloads and restarts.
 *
 * <p>With a data folder, each article's texts leave the heap as soon as it is read ({@link TextsFile}): the heap keeps
 * what orders and files a million rows, not their bodies.
 */
public final class StoreSource implements ArticleSource {
    private final String name;
    private final ArticleStore store;
    private final ArticleNormaliser normaliser;
    private final Optional<TextsFile> texts;
    private volatile SourceStatus status;
    /** What the catalogue holds of this source, as of its last load or change; empty before a whole load. */
    private Optional<Applied> applied = Optional.empty();

    /** A live row of the store with the article it reads as, or the problem that kept it from being served. */
    private record Entry(StoredArticle row, Optional<Article> article, Optional<String> problem) {
    }

    /**
     * What a load of changes needs to know of the loads before, and no more: the articles themselves are the
     * catalogue's to hold.
     *
     * @param lastChange the highest change number read: the next load of changes asks for rows above it
     * @param served     ids of the articles served, to tell a delete of one from a delete of a row that was not
     * @param problems   by id, the problem of each live row that does not read as an article
     */
    private record Applied(long lastChange, Set<String> served, SortedMap<String, String> problems) {
    }

    /** What one row's apply changed, to put back when the read it belongs to fails. */
    private record Undo(String id, boolean served, Optional<String> problem) {
        void restore(Applied state) {
            if (served) {
                state.served().add(id);
            } else {
                state.served().remove(id);
            }
            problem.ifPresentOrElse(p -> state.problems().put(id, p), () -> state.problems().remove(id));
        }
    }

    /** A source whose articles' texts stay in the heap: one without a data folder. */
    public StoreSource(String name, ArticleStore store, ArticleNormaliser normaliser) {
        this(name, store, normaliser, Optional.empty());
    }

    /** @param texts where articles' texts go once read, to leave the heap */
    public StoreSource(String name, ArticleStore store, ArticleNormaliser normaliser, Optional<TextsFile> texts) {
        this.name = name;
        this.store = store;
        this.normaliser = normaliser;
        this.texts = texts;
        this.status = SourceStatus.notYetRead(name, "store");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    @Override
    public synchronized SourceLoad load() {
        // before the store is read: what is committed until now reaches the feeds through this load
        store.readingSource(name);
        List<Article> articles = new ArrayList<>();
        Applied next = new Applied(0, new HashSet<>(), new TreeMap<>());
        SourceLoad load;
        try {
            long last = store.changedSince(name, 0, row -> {
                if (!row.deleted()) {
                    apply(next, row, articles, new ArrayList<>());
                }
            });
            applied = Optional.of(new Applied(last, next.served(), next.problems()));
            load = new SourceLoad(name, articles, List.copyOf(next.problems().values()), true);
        } catch (StoreException e) {
            load = new SourceLoad(name, List.of(), List.of(problem(e)), false);
        }
        status = status.afterLoad(load, Instant.now());
        return load;
    }

    /**
     * The rows written since the last load or change, as a change of what the catalogue serves: a live row that reads
     * arrives (replacing the article of its key), a deleted one leaves, and so does one that no longer reads.
     *
     * @return empty before a whole load, when the store cannot be read (the catalogue then loads whole, which keeps
     *         the last good articles if that fails too), and for a store of an earlier schema opened only to read
     */
    @Override
    public synchronized Optional<SourceChange> loadChanges() {
        if (applied.isEmpty() || !store.tracksChanges()) {
            return Optional.empty();
        }
        store.readingSource(name);
        Applied before = applied.get();
        // changed in place, not on a copy (a copy of every served id per write cost what the archive weighs): a read
        // that fails half way is undone row by row, newest first, and leaves what the catalogue holds as it was
        Applied next = before;
        List<Article> arriving = new ArrayList<>();
        List<String> leaving = new ArrayList<>();
        List<Undo> undo = new ArrayList<>();
        long last;
        try {
            last = store.changedSince(name, before.lastChange(), row -> {
                undo.add(new Undo(row.id(), next.served().contains(row.id()),
                        Optional.ofNullable(next.problems().get(row.id()))));
                apply(next, row, arriving, leaving);
            });
        } catch (StoreException e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).restore(next);
            }
            return Optional.empty();
        }
        applied = Optional.of(new Applied(last, next.served(), next.problems()));
        SourceChange change = new SourceChange(name, arriving, leaving, List.copyOf(next.problems().values()),
                next.served().size());
        status = status.afterLoad(change.asLoad(), Instant.now());
        return Optional.of(change);
    }

    private void apply(Applied state, StoredArticle row, List<Article> arriving, List<String> leaving) {
        state.problems().remove(row.id());
        Optional<String> problem = Optional.empty();
        if (!row.deleted()) {
            Entry entry = read(row);
            if (entry.article().isPresent()) {
                state.served().add(row.id());
                Article article = entry.article().get();
                // one by one, not once the load is done: a first load of a million rows never holds their texts
                texts.ifPresent(t -> t.move(article.texts()));
                arriving.add(article);
                return;
            }
            problem = entry.problem();
        }
        problem.ifPresent(p -> state.problems().put(row.id(), p));
        if (state.served().remove(row.id())) {
            leaving.add(Article.keyOf(name, row.id()));
        }
    }

    private String problem(StoreException e) {
        return e.getMessage() + " (source '" + name + "')";
    }

    private Entry read(StoredArticle row) {
        try {
            Article article = ArticleDocument.read(ArticleDocument.parseStored(row.document()), name, row.id(),
                    row.created(), normaliser);
            return new Entry(row, Optional.of(article), Optional.empty());
        } catch (ArticleException e) {
            return new Entry(row, Optional.empty(), Optional.of("store " + name + "/" + row.id() + " revision "
                    + row.revision() + ": " + e.getMessage() + " (article skipped)"));
        }
    }
}
