package org.pravah.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.pravah.article.ArticleNormaliser;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.source.ArticleDocument;
import org.pravah.source.ArticleDocument.FieldProblem;
import org.pravah.source.StoreSource;
import org.pravah.store.ArticleStore;
import org.pravah.store.Precondition;
import org.pravah.store.StoreException;
import org.pravah.store.StoreWrite;
import org.pravah.store.StoredArticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the publish API does, without HTTP: checks an article document against the article rules, writes it to the
 * store source, and has the feeds brought up to date right after the commit. The HTTP layer only maps requests and
 * outcomes.
 */
public final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final StoreSource source;
    private final ArticleStore store;
    private final ArticleNormaliser normaliser;
    private final CategoryTree tree;
    private final Supplier<CompletableFuture<Void>> published;
    private final Supplier<Optional<Snapshot>> served;

    /**
     * @param published called after every committed write; starts a refresh of the feeds and completes when the
     *                  feeds show the write
     * @param served    the snapshot the feeds serve now (none before the first load): the list reads its order
     */
    public Publisher(StoreSource source, ArticleStore store, ArticleNormaliser normaliser, CategoryTree tree,
                     Supplier<CompletableFuture<Void>> published, Supplier<Optional<Snapshot>> served) {
        this.source = source;
        this.store = store;
        this.normaliser = normaliser;
        this.tree = tree;
        this.published = published;
        this.served = served;
    }

    public String sourceName() {
        return source.name();
    }

    /** What a write did. */
    public sealed interface Outcome {
    }

    /** Committed; {@code served} completes when the feeds show it. */
    public record Saved(StoredArticle article, boolean created, CompletableFuture<Void> served) implements Outcome {
    }

    /** The document breaks article rules; every bad field is listed. Nothing was written. */
    public record Invalid(List<FieldProblem> problems) implements Outcome {
    }

    /** If-Match / If-None-Match did not hold. {@code current}: the article as it is, if there is one. */
    public record PreconditionFailed(Optional<StoredArticle> current) implements Outcome {
    }

    /** No such article; {@code tombstone} when it was deleted. */
    public record NotFound(Optional<StoredArticle> tombstone) implements Outcome {
    }

    /**
     * Creates or replaces an article.
     *
     * @param pathId the id in the URL (PUT), or empty when the document names it (POST)
     */
    public Outcome put(JsonNode body, Optional<String> pathId, Precondition precondition) throws StoreException {
        // the date an article without 'published' would get if it is created now; only used to check it
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ArticleDocument.Checked checked = ArticleDocument.check(body, pathId, source.name(), normaliser, now);
        if (checked instanceof ArticleDocument.Invalid invalid) {
            return new Invalid(invalid.problems());
        }
        ArticleDocument.Valid valid = (ArticleDocument.Valid) checked;
        StoreWrite write = store.put(source.name(), valid.id(), valid.document().toString(), precondition);
        return outcome(write);
    }

    /** Deletes an article; the store keeps a tombstone so every process and cache learns of the deletion. */
    public Outcome delete(String id, Precondition precondition) throws StoreException {
        return outcome(store.delete(source.name(), id, precondition));
    }

    private Outcome outcome(StoreWrite write) {
        if (write instanceof StoreWrite.Written written) {
            StoredArticle a = written.article();
            LOG.info("api: {} {}/{} (revision {})", a.deleted() ? "deleted" : written.created() ? "created" : "replaced",
                    a.sourceName(), a.id(), a.revision());
            return new Saved(a, written.created(), published.get());
        }
        if (write instanceof StoreWrite.PreconditionFailed failed) {
            return new PreconditionFailed(failed.current());
        }
        return new NotFound(((StoreWrite.Missing) write).tombstone());
    }

    /** The article's row, tombstones included. */
    public Optional<StoredArticle> get(String id) throws StoreException {
        return store.get(source.name(), id);
    }

    /** A category by slug path, slug, label or alias, as articles name them. */
    public Optional<Category> category(String ref) {
        return tree.resolve(ref);
    }

    /**
     * The source's articles as the feeds serve them, newest first by publication date; with a category, only those its
     * feed shows (its own and its descendants'). The order and the ids come from the served snapshot, so that a list
     * costs what it returns, not what the store holds; the rows are then read by id, and one deleted since is left out.
     */
    public List<StoredArticle> list(Optional<Category> category, int limit) throws StoreException {
        Optional<Snapshot> snapshot = served.get();
        if (snapshot.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (CatalogEntry e : snapshot.get().entriesIn(category)) {
            if (ids.size() == limit) {
                break;
            }
            if (e.article().sourceName().equals(source.name())) {
                ids.add(e.article().id());
            }
        }
        Map<String, StoredArticle> rows = new HashMap<>();
        for (StoredArticle row : store.live(source.name(), ids)) {
            rows.put(row.id(), row);
        }
        return ids.stream().map(rows::get).filter(Objects::nonNull).toList();
    }
}
