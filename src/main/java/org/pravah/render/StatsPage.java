package org.pravah.render;

import java.util.List;
import java.util.Locale;
import org.pravah.stats.Clients;
import org.pravah.stats.StatsReport;
import org.pravah.stats.StatsReport.DayStats;

/**
 * {@code /stats} for people ({@code stats.jte}), in the site's layout and language: per feed its subscribers, a bar
 * chart of the last days drawn as inline SVG (no script), today's polls and the pollers worth a word. Every text from
 * the counts (client names above all) is escaped by the template; here are the numbers' forms the template uses.
 */
public final class StatsPage {
    /** A day's bar in the chart: its width with the gap, and the height of the tallest. */
    public static final int BAR = 8;
    public static final int HEIGHT = 48;

    private StatsPage() {
    }

    /** What the template shows. */
    record Model(PageLayout layout, StatsReport report) {
    }

    static byte[] html(PageLayout layout, StatsReport report) {
        return PageLayout.render("stats.jte", new Model(layout, report));
    }

    /** The most subscribers of any day, at least 1: the chart's scale. */
    static long tallest(List<DayStats> days) {
        return Math.max(1, days.stream().mapToLong(DayStats::subscribers).max().orElse(1));
    }

    /** A day's bar height when {@code max} subscribers fill the chart. */
    static long bar(DayStats day, long max) {
        return Math.round((double) day.subscribers() * HEIGHT / max);
    }

    /** A client label for people: the unnamed readers and the aggregators the data file does not know are said so. */
    static String client(PageLayout layout, String label) {
        if (label.isEmpty()) {
            return layout.t("stats.otherReaders");
        }
        if (Clients.unknown(label)) {
            String name = Clients.name(label);
            return layout.t("stats.unknown") + (name.isEmpty() ? "" : ": " + name);
        }
        return label;
    }

    static String interval(PageLayout layout, long seconds) {
        if (seconds < 120) {
            return layout.t("stats.seconds", seconds);
        }
        if (seconds < 2 * 3600) {
            return layout.t("stats.minutes", seconds / 60);
        }
        return layout.t("stats.hours", String.format(Locale.ROOT, "%.1f", seconds / 3600.0));
    }

    static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    /** An id for the feed's section: its path's letters, which are all the slug alphabet allows. */
    static String anchor(String feed) {
        return "feed-" + feed.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
