package org.pravah.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.SiteDefaults;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.Snapshot;
import org.pravah.config.ConfigException;
import org.pravah.config.ConfigLoader;
import org.pravah.config.DirectorySourceConfig;
import org.pravah.config.PravahConfig;
import org.pravah.config.SiteConfig;
import org.pravah.http.MiniSite;
import org.pravah.source.DirectorySource;

/**
 * The mini site read without HTTP: its articles go through the real readers and normaliser into a {@link Snapshot},
 * and {@link FeedViews} cuts the views the renderers get. Published at https://pravah.example.
 */
final class RenderFixture {
    static final String BASE_URL = "https://pravah.example";

    final PravahConfig config;
    final Path dir;

    RenderFixture(Path dir) throws IOException, ConfigException {
        this.dir = dir;
        this.config = ConfigLoader.load(MiniSite.create(dir, 0, BASE_URL));
    }

    /** A fresh snapshot: the sources are read again each time. */
    Snapshot snapshot() {
        SiteConfig site = config.site();
        ArticleNormaliser normaliser = new ArticleNormaliser(
                new SiteDefaults(site.language(), site.timeZone(), site.baseUrl()));
        DirectorySourceConfig source = (DirectorySourceConfig) config.sources().get(0);
        var load = new DirectorySource(source.name(), source.path(), source.written(), normaliser).load();
        return Snapshot.of(new CategoryTree(config.categories()), load.articles());
    }

    FeedView view(Snapshot snapshot, String categoryPath) {
        FeedViews views = new FeedViews(config.site(), new SiteLinks(config.site().baseUrl()),
                config.feeds().itemsPerFeed());
        Optional<Category> category = categoryPath.equals(SiteLinks.ALL)
                ? Optional.empty()
                : Optional.of(snapshot.tree().find(categoryPath).orElseThrow());
        return views.view(snapshot, category);
    }

    FeedView view(String categoryPath) {
        return view(snapshot(), categoryPath);
    }

    static String articleId(String key) {
        return BASE_URL + "/articles/" + key;
    }
}
