package org.pravah.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.pravah.article.Article;
import org.pravah.catalog.CatalogEntry;
import org.pravah.config.PravahConfig;
import org.pravah.render.FeedFormat;
import org.pravah.render.FeedQuery;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;
import org.pravah.source.PictureFiles;
import org.pravah.source.SourceLoad;

/**
 * {@code pravah export DIR}: the site as static files for any static host or CDN, with the bytes the server sends
 * for the same config and base URL.
 *
 * <ul>
 *   <li>{@code /} → {@code index.html}; {@code /articles/<source>/<id>} → {@code articles/<source>/<id>.html}
 *       (static hosts serve {@code /a/b} from {@code a/b.html}, and no id can then collide with a folder)</li>
 *   <li>{@code /feeds/all.rss} → {@code feeds/all.rss}; page n → {@code feeds/all.page-n.rss}. A static host
 *       ignores query strings, so the exported feeds link their pages by these names instead of {@code ?page=n}:
 *       a feed with one page is byte for byte what the server sends, a paged feed differs only in those links.</li>
 *   <li>{@code images/}: the pictures of {@code site.images}, as the server serves them at {@code /images/}.</li>
 *   <li>{@code _headers} (Netlify, Cloudflare Pages): Content-Type with charset, Content-Language, Cache-Control.</li>
 * </ul>
 * The folder must be new or empty, so that no file of an older export survives to be served.
 */
final class ExportCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Progress progress;

    ExportCommand(PrintStream out, PrintStream err, Progress progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    int run(PravahConfig config, Path dir) {
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
                err.println("pravah: export: " + dir + " is not an empty folder; export writes into a new or empty"
                        + " one, so that no file of an older export is left to be served");
                return 1;
            }
        } catch (IOException e) {
            err.println("pravah: export: cannot read " + dir + ": " + e.getMessage());
            return 1;
        }
        try (ReadOnlySite read = new ReadOnlySite(config, SiteLinks.forStaticHost(config.site()))) {
            progress.note("loading " + config.sources().size() + " source(s)…");
            RenderedSite site = read.load();
            // the server keeps serving a source's last good articles through such a failure; an export without them
            // would publish a site that lost a whole source
            List<String> unreadable = new ArrayList<>();
            int problems = 0;
            for (SourceLoad load : read.sourceLoads()) {
                if (!load.complete()) {
                    unreadable.add("source '" + load.sourceName() + "' could not be read"
                            + (load.problems().isEmpty() ? "" : ": " + String.join("; ", load.problems())));
                } else {
                    problems += load.problems().size();
                }
            }
            if (!unreadable.isEmpty()) {
                err.println("pravah: export: " + String.join("; ", unreadable) + "; nothing exported");
                return 1;
            }
            if (problems > 0) {
                err.println("pravah: export: the sources have " + problems + " problem(s); the export holds what"
                        + " the server would serve (run 'check' for the list)");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                err.println("pravah: export: cannot create " + dir + ": " + e.getMessage());
                return 1;
            }
            return write(site, SiteLinks.forStaticHost(config.site()), config.site().images(), dir);
        }
    }

    /** @param pictures {@code site.images}, copied to {@code images/} as the server serves it at {@code /images/} */
    private int write(RenderedSite site, SiteLinks links, Optional<Path> pictures, Path dir) {
        List<CatalogEntry> entries = site.snapshot().entries();
        List<SiteFeeds.Feed> feeds = SiteFeeds.of(site);
        Progress.Task task = progress.start("exporting", 1 + entries.size() + feeds.size());
        Totals totals = new Totals();
        List<String> failures = new ArrayList<>();
        try {
            totals.add(writeFile(dir, "index.html", site.index().bytes()));
            task.advance();
            for (CatalogEntry entry : entries) {
                Article a = entry.article();
                Optional<String> path = articleFile(a);
                Optional<Rendered> page = site.article(a.key());
                if (path.isEmpty() || page.isEmpty()) {
                    failures.add(a.origin() + ": id '" + a.id() + "' cannot be a file name; article page skipped");
                } else {
                    totals.add(writeFile(dir, path.get(), page.get().bytes()));
                }
                task.advance();
            }
            for (SiteFeeds.Feed feed : feeds) {
                List<Rendered> pages = SiteFeeds.pages(site, feed);
                for (int n = 1; n <= pages.size(); n++) {
                    String path = links.feedDocumentPath(feed.category(), feed.format(), FeedQuery.FIRST_PAGE.withPage(n));
                    totals.add(writeFile(dir, path.substring(1), pages.get(n - 1).bytes()));
                }
                List<Rendered> archives = SiteFeeds.archives(site, feed);
                for (int k = 1; k <= archives.size(); k++) {
                    String path = links.feedDocumentPath(feed.category(), feed.format(),
                            FeedQuery.FIRST_PAGE.withArchive(k));
                    totals.add(writeFile(dir, path.substring(1), archives.get(k - 1).bytes()));
                }
                totals.pagedFeeds += pages.size() > 1 ? 1 : 0;
                task.advance();
            }
            // the feeds' pages for people (/feeds/videsh is served from feeds/videsh.html), the OPML list and the
            // shipped images; the OPML lists in other formats (?format=atom) have no static name and are left out
            for (SiteFeeds.Feed feed : feeds) {
                if (feed.format() == FeedFormat.values()[0]) {
                    Optional<Rendered> preview = site.preview(feed.categoryPath(), FeedQuery.FIRST_PAGE);
                    if (preview.isPresent()) {
                        totals.add(writeFile(dir, "feeds/" + feed.categoryPath() + ".html", preview.get().bytes()));
                    }
                }
            }
            totals.add(writeFile(dir, "feeds.opml", site.opml(SiteLinks.OPML_DEFAULT).bytes()));
            for (String file : StaticHeaders.shippedFiles(site)) {
                Optional<Rendered> asset = site.asset(file);
                if (asset.isPresent()) {
                    totals.add(writeFile(dir, file.substring(1), asset.get().bytes()));
                }
            }
            Set<String> pictureTypes = new TreeSet<>();
            if (pictures.isPresent() && Files.isDirectory(pictures.get())) {
                for (Path picture : pictures(pictures.get())) {
                    String relative = pictures.get().relativize(picture).toString().replace('\\', '/');
                    totals.add(writeFile(dir, "images/" + relative, Files.readAllBytes(picture)));
                    totals.pictures++;
                    pictureTypes.add(relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
                }
            }
            writeFile(dir, "_headers", StaticHeaders.render(site, pictureTypes).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            task.finish("failed");
            err.println("pravah: export: cannot write " + e.getMessage());
            return 1;
        }
        task.finish(totals.files + " files written");
        failures.forEach(f -> err.println("pravah: export: " + f));
        out.println("exported " + totals.files + " files (" + CheckCommand.size(totals.bytes) + ") to " + dir
                + ": index.html, " + (entries.size() - failures.size()) + " article pages, " + feeds.size()
                + " feeds" + (totals.pagedFeeds == 0 ? "" : " (" + totals.pagedFeeds
                + " with more than one page: feeds/<name>.page-<n>.<ext>)")
                + ", archives feeds/<name>.archive-<k>.<ext>, feed pages, feeds.opml, icon and logo, "
                + totals.pictures + " picture(s) in images/, the copy script and _headers");
        return failures.isEmpty() ? 0 : 1;
    }

    private static final class Totals {
        int files;
        long bytes;
        int pagedFeeds;
        int pictures;

        void add(long written) {
            files++;
            bytes += written;
        }
    }

    /**
     * {@code articles/<source>/<id>.html}, from the unencoded segments a static host decodes the URL to; empty for
     * an id no file system can hold safely ({@code ..}, an empty segment, a name too long).
     */
    static Optional<String> articleFile(Article a) {
        List<String> segments = new ArrayList<>();
        segments.add(a.sourceName());
        segments.addAll(List.of(a.id().split("/", -1)));
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i) + (i == segments.size() - 1 ? ".html" : "");
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('\0') >= 0 || s.indexOf('\\') >= 0
                    || s.getBytes(StandardCharsets.UTF_8).length > 255) {
                return Optional.empty();
            }
        }
        return Optional.of("articles/" + String.join("/", segments) + ".html");
    }

    /** Writes a new file below {@code dir}; never outside it, never over another file of this export. */
    private static long writeFile(Path dir, String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw new IOException(relative + ": outside the export folder");
        }
        Files.createDirectories(file.getParent());
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return bytes.length;
    }

    /**
     * The pictures the server would serve from {@code folder}: by type, never hidden files or folders, never through
     * a link (a link may lead out of the folder, and the server refuses those too).
     */
    private static List<Path> pictures(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> PictureFiles.type(p.getFileName().toString()).isPresent())
                    .filter(p -> folder.relativize(p).toString().replace('\\', '/').indexOf("/.") < 0)
                    .sorted()
                    .toList();
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }
}
