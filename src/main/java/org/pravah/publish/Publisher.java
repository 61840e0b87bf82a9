package org.pravah.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.pravah.article.Article;
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

    /**
     * @param published called after every committed write; starts a refresh of the feeds and completes when the
     *                  feeds show the write
     */
    public Publisher(StoreSource source, ArticleStore store, ArticleNormaliser normaliser, CategoryTree tree,
                     Supplier<CompletableFuture<Void>> published) {
        this.source = source;
        this.store = store;
        this.normaliser = normaliser;
        this.tree = tree;
        this.published = published;
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
     * The live articles, newest first by publication date, as the feeds order them; with a category, only those its
     * feed shows (its own and its descendants').
     */
    public List<StoredArticle> list(Optional<Category> category, int limit) throws StoreException {
        List<Article> articles = new ArrayList<>();
        Map<String, StoredArticle> rows = new HashMap<>();
        for (StoreSource.Entry entry : source.entries()) {
            entry.article().ifPresent(a -> {
                articles.add(a);
                rows.put(a.key(), entry.row());
            });
        }
        List<StoredArticle> out = new ArrayList<>();
        for (CatalogEntry e : Snapshot.of(tree, articles).entriesIn(category)) {
            if (out.size() == limit) {
                break;
            }
            out.add(rows.get(e.article().key()));
        }
        return out;
    }
}
