package org.pravah.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pravah.article.Article;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;
import org.pravah.store.ArticleStore;
import org.pravah.store.StoreException;
import org.pravah.store.StoredArticle;

/**
 * The live articles of one source in the article store, read through the same JSON reader and normaliser as article
 * files. A load asks the store for every live article's revision and fetches only the documents whose revision
 * changed since the last load, so a reload after one write reads one row. When the store cannot be reached the load
 * is incomplete and the catalogue keeps serving this source's last good articles.
 *
 * <p>An article without a {@code published} date is dated by its creation in the store, so its date (and the
 * feeds' ETags) stay the same across reloads and restarts.
 */
public final class StoreSource implements ArticleSource {
    private final String name;
    private final ArticleStore store;
    private final ArticleNormaliser normaliser;
    private volatile SourceStatus status;
    /** By id: the last row read and what it gave; replaced when the revision in the store differs. */
    private final Map<String, Entry> entries = new HashMap<>();

    /** A live row of the store with the article it reads as, or the problem that kept it from being served. */
    public record Entry(StoredArticle row, Optional<Article> article, Optional<String> problem) {
    }

    public StoreSource(String name, ArticleStore store, ArticleNormaliser normaliser) {
        this.name = name;
        this.store = store;
        this.normaliser = normaliser;
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
    public SourceLoad load() {
        SourceLoad load = read();
        status = status.afterLoad(load, Instant.now());
        return load;
    }

    private SourceLoad read() {
        // before the store is read: what is committed until now reaches the feeds through this load
        store.readingSource(name);
        List<Entry> current;
        try {
            current = entries();
        } catch (StoreException e) {
            return new SourceLoad(name, List.of(), List.of(e.getMessage() + " (source '" + name + "')"), false);
        }
        List<Article> articles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Entry entry : current) {
            entry.article().ifPresent(articles::add);
            entry.problem().ifPresent(problems::add);
        }
        return new SourceLoad(name, articles, problems, true);
    }

    /** Every live article of this source as the store has it now. */
    public synchronized List<Entry> entries() throws StoreException {
        Map<String, Long> revisions = store.liveRevisions(name);
        List<String> changed = new ArrayList<>();
        revisions.forEach((id, revision) -> {
            Entry known = entries.get(id);
            if (known == null || known.row().revision() != revision) {
                changed.add(id);
            }
        });
        entries.keySet().retainAll(revisions.keySet());
        if (!changed.isEmpty()) {
            // an id missing from the answer was deleted between the two queries
            changed.forEach(entries::remove);
            for (StoredArticle row : store.live(name, changed)) {
                entries.put(row.id(), read(row));
            }
        }
        List<Entry> out = new ArrayList<>();
        for (String id : revisions.keySet()) {
            Entry entry = entries.get(id);
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
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
