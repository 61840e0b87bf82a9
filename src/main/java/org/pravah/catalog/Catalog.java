package org.pravah.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.pravah.article.Article;
import org.pravah.source.ArticleSource;
import org.pravah.source.SourceLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Snapshot} and replaces it whole on refresh. A source that cannot be read at all keeps
 * its last good articles; problems are logged once each, not on every refresh, and the catalogue's size only when
 * it changed. An article that reached us through
 * two sources is served once ({@link DuplicateLinks}).
 */
public final class Catalog {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final CategoryTree tree;
    private final List<ArticleSource> sources;
    private final AtomicReference<Snapshot> current;
    private final Map<String, SourceLoad> lastGood = new LinkedHashMap<>();
    private final Set<String> reported = new HashSet<>();
    private volatile List<SourceLoad> lastLoads = List.of();
    /** The articles the current snapshot was built from, to tell a refresh that changed nothing. */
    private List<Article> lastArticles = List.of();
    /** Whether a refresh has run: the first one is logged even when it found no article. */
    private boolean loadedOnce;

    public Catalog(CategoryTree tree, List<ArticleSource> sources) {
        this.tree = tree;
        this.sources = List.copyOf(sources);
        this.current = new AtomicReference<>(Snapshot.of(tree, List.of()));
    }

    public Snapshot snapshot() {
        return current.get();
    }

    /** What each source's latest load produced, problems included, in config order ({@code check} and metrics). */
    public List<SourceLoad> lastLoads() {
        return lastLoads;
    }

    /**
     * Loads every source and publishes a new snapshot; returns it. When no article changed (a periodic rescan, most of
     * the time) the current snapshot is returned as it is, so whatever was rendered from it stays cached.
     */
    public synchronized Snapshot refresh() {
        List<Article> articles = new ArrayList<>();
        Set<String> problems = new HashSet<>();
        List<SourceLoad> loads = new ArrayList<>();
        for (ArticleSource source : sources) {
            SourceLoad load = source.load();
            loads.add(load);
            problems.addAll(load.problems());
            if (load.complete()) {
                lastGood.put(source.name(), load);
            } else if (lastGood.containsKey(source.name())) {
                problems.add("source '" + source.name() + "' could not be read; serving its last good "
                        + lastGood.get(source.name()).articles().size() + " articles");
            }
            SourceLoad serving = lastGood.getOrDefault(source.name(), load);
            articles.addAll(serving.articles());
        }
        List<Article> served = DuplicateLinks.remove(articles, problems);
        // sources hand back the very same Article objects for files that did not change, so this is mostly identity
        // checks; building a snapshot sorts and files every article again
        Snapshot next = served.equals(lastArticles) ? current.get() : Snapshot.of(tree, served);
        lastArticles = served;
        for (CatalogEntry e : next.uncategorised()) {
            if (!e.article().categoryRefs().isEmpty() || !e.article().fallbackCategoryRefs().isEmpty()) {
                List<String> refs = new ArrayList<>(e.article().categoryRefs());
                refs.addAll(e.article().fallbackCategoryRefs());
                problems.add(e.article().origin() + ": no category matches " + refs
                        + "; the article is served in the all-feed only");
            }
        }
        for (String problem : problems) {
            if (reported.add(problem)) {
                LOG.warn(problem);
            }
        }
        reported.retainAll(problems);
        Snapshot previous = current.getAndSet(next);
        lastLoads = List.copyOf(loads);
        // the periodic rescan finds nothing new most of the time; a line every 30 s would bury the ones that matter.
        // Failures are warned about above, once each.
        if (next != previous || !loadedOnce) {
            LOG.info("catalogue: {} articles from {} source(s), {} uncategorised", next.entries().size(),
                    sources.size(), next.uncategorised().size());
        }
        loadedOnce = true;
        return next;
    }
}
