package org.pravah.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pravah.catalog.CatalogEntry;
import org.pravah.config.PravahConfig;
import org.pravah.render.Rendered;
import org.pravah.render.RenderedSite;
import org.pravah.render.SiteLinks;
import org.pravah.source.SourceLoad;

/**
 * {@code pravah check}: loads every source, renders every page of every feed in every format exactly as the server
 * would, validates each, and prints a compact report. Exit status 0 when nothing is wrong, 1 otherwise, so a
 * publisher's CI can stop a broken article or config before it is served.
 */
final class CheckCommand {
    /** Google News' limit for a feed document: 2 MB, read as the smaller 2,000,000 bytes. */
    static final long DEFAULT_MAX_FEED_BYTES = 2_000_000;
    /** Problems listed per source or feed; the rest are counted. One broken folder should not bury the report. */
    static final int LISTED_PROBLEMS = 20;

    private final PrintStream out;
    private final Progress progress;
    private final FeedValidator validator;
    private int problems;
    private int warnings;

    CheckCommand(PrintStream out, Progress progress, long maxFeedBytes) {
        this.out = out;
        this.progress = progress;
        this.validator = new FeedValidator(maxFeedBytes);
    }

    int run(PravahConfig config) {
        out.println("pravah check: " + config.file() + " (" + config.site().baseUrl() + ")");
        try (ReadOnlySite read = new ReadOnlySite(config, SiteLinks.of(config.site()))) {
            progress.note("loading " + config.sources().size() + " source(s)…");
            RenderedSite site = read.load();
            reportSources(read.sourceLoads());
            reportCatalogue(site);
            reportFeeds(site);
            int articles = site.snapshot().entries().size();
            String summary = read.sourceLoads().size() + " source(s), " + articles + " articles, "
                    + SiteFeeds.of(site).size() + " feeds";
            String noted = warnings == 0 ? "" : ", " + count(warnings, "warning");
            out.println();
            if (problems == 0) {
                out.println("OK: " + summary + ", no problems" + noted);
                return 0;
            }
            out.println("FAILED: " + summary + ", " + count(problems, "problem") + noted);
            return 1;
        }
    }

    private void reportSources(List<SourceLoad> loads) {
        out.println();
        out.println("sources");
        int width = loads.stream().mapToInt(l -> l.sourceName().length()).max().orElse(0);
        for (SourceLoad load : loads) {
            List<String> found = new ArrayList<>(load.problems());
            if (!load.complete()) {
                found.add(0, "the source could not be read");
            }
            out.printf(Locale.ROOT, "  %-" + width + "s %7d articles  %s%n", load.sourceName(),
                    load.articleCount(), found.isEmpty() ? "ok" : count(found.size(), "problem"));
            problems += found.size();
            list("problem", found);
        }
    }

    /**
     * Articles whose categories name nothing in the tree are served in the all-feed only. That can be meant (a
     * section without a feed of its own) or a typo, so it is a warning: reported, but the check still passes.
     */
    private void reportCatalogue(RenderedSite site) {
        List<String> found = new ArrayList<>();
        for (CatalogEntry e : site.snapshot().uncategorised()) {
            List<String> refs = new ArrayList<>(e.article().categoryRefs());
            refs.addAll(e.article().fallbackCategoryRefs());
            if (!refs.isEmpty()) {
                found.add(e.article().origin() + ": no category matches " + refs + "; served in the all-feed only");
            }
        }
        out.println("catalogue: " + site.snapshot().entries().size() + " articles, "
                + site.snapshot().uncategorised().size() + " without a category"
                + (found.isEmpty() ? "" : ", " + count(found.size(), "warning")));
        warnings += found.size();
        list("warning", found);
    }

    private void reportFeeds(RenderedSite site) {
        List<SiteFeeds.Feed> feeds = SiteFeeds.of(site);
        int width = feeds.stream().mapToInt(f -> f.path().length()).max().orElse(0);
        out.println();
        out.printf(Locale.ROOT, "  %-" + width + "s %6s %6s %10s%n", "feed", "pages", "items", "largest");
        Progress.Task task = progress.start("checking feeds", feeds.size());
        List<String> lines = new ArrayList<>();
        int documents = 0;
        for (SiteFeeds.Feed feed : feeds) {
            List<String> found = new ArrayList<>();
            int items = 0;
            long largest = 0;
            List<Rendered> pages = List.of();
            try {
                pages = SiteFeeds.pages(site, feed);
            } catch (RuntimeException e) {
                found.add("could not be rendered: " + e);
            }
            for (int i = 0; i < pages.size(); i++) {
                byte[] bytes = pages.get(i).bytes();
                FeedValidator.Result result = validator.validate(feed.format(), bytes);
                items += result.items();
                largest = Math.max(largest, bytes.length);
                String page = pages.size() > 1 ? "page " + (i + 1) + ": " : "";
                result.problems().forEach(p -> found.add(page + p));
            }
            documents += pages.size();
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s %6d %6d %10s  %s", feed.path(), pages.size(),
                    items, size(largest), found.isEmpty() ? "ok" : count(found.size(), "problem")));
            problems += found.size();
            found.stream().limit(LISTED_PROBLEMS).forEach(p -> lines.add("      problem: " + p));
            if (found.size() > LISTED_PROBLEMS) {
                lines.add("      … and " + (found.size() - LISTED_PROBLEMS) + " more");
            }
            task.advance();
        }
        task.finish(feeds.size() + " feeds, " + documents + " documents");
        lines.forEach(out::println);
    }

    private void list(String kind, List<String> found) {
        found.stream().limit(LISTED_PROBLEMS).forEach(p -> out.println("      " + kind + ": " + p));
        if (found.size() > LISTED_PROBLEMS) {
            out.println("      … and " + (found.size() - LISTED_PROBLEMS) + " more");
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
