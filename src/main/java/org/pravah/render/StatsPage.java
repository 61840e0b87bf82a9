package org.pravah.render;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Entities;
import org.pravah.article.LanguageTag;
import org.pravah.stats.Clients;
import org.pravah.stats.PollerRow;
import org.pravah.stats.StatsReport;
import org.pravah.stats.StatsReport.ClientCount;
import org.pravah.stats.StatsReport.DayStats;
import org.pravah.stats.StatsReport.FeedReport;

/**
 * {@code /stats} for people, in the site's layout ({@link PageLayout#page}): per feed its subscribers, a bar chart
 * of the last days drawn as inline SVG (no script), today's polls and the pollers worth a word. Hindi, or English on
 * a site whose language is English. Every text from the counts (client names above all) is escaped.
 */
public final class StatsPage {
    private static final int BAR = 8;
    private static final int HEIGHT = 48;

    private final PageLayout layout;
    private final boolean english;

    StatsPage(PageLayout layout, LanguageTag language) {
        this.layout = layout;
        this.english = language.value().toLowerCase(Locale.ROOT).startsWith("en");
    }

    private String t(String hindi, String english) {
        return this.english ? english : hindi;
    }

    byte[] html(StatsReport report) {
        StringBuilder html = new StringBuilder(8192);
        String title = t("पाठक और पोलिंग", "Readers and polling");
        html.append("<p>")
                .append(esc(t("हर फ़ीड के ग्राहक (सब्सक्राइबर), पिछले " + report.days().size()
                                + " दिनों की पोलिंग और आज के आँकड़े। फ़ीड-एग्रीगेटर (Feedly, Inoreader…) अपने ग्राहकों की"
                                + " गिनती खुद बताते हैं; बाकी हर अलग पोल करने वाला एक पाठक गिना जाता है।",
                        "Subscribers of every feed, polling over the last " + report.days().size()
                                + " days, and today's figures. Aggregators (Feedly, Inoreader…) state their own"
                                + " subscriber counts; every other distinct poller counts as one reader.")))
                .append("</p>\n<p><small>").append(esc(t("कोई IP पता या User-Agent नहीं रखा जाता: अलग-अलग पाठक हर दिन"
                                + " बदलने वाली गुप्त कुंजी के हैश से गिने जाते हैं, और केवल गिनतियाँ रखी जाती हैं।",
                        "No IP address or User-Agent is kept: distinct readers are counted through a hash under a"
                                + " secret key that changes every day, and only the counts are kept.")))
                .append(" ").append(esc(t("आज: ", "Today: "))).append(esc(report.today().toString())).append(" (")
                .append(esc(report.zone().getId())).append(")</small></p>\n");
        if (report.feeds().isEmpty()) {
            html.append("<p>").append(esc(t("अभी तक किसी फ़ीड को किसी ने पोल नहीं किया।", "No feed has been polled yet.")))
                    .append("</p>\n");
        } else {
            summary(html, report);
            for (FeedReport f : report.feeds()) {
                feed(html, f, report);
            }
        }
        // a page for the site's operators: wide for its tables, and kept out of search engines
        return layout.page(title, html.toString(), true);
    }

    private void summary(StringBuilder html, StatsReport report) {
        html.append("<table class=\"stats\">\n<thead><tr><th>").append(esc(t("फ़ीड", "feed"))).append("</th><th class=\"n\">")
                .append(esc(t("ग्राहक", "subscribers"))).append("</th><th class=\"n\">")
                .append(esc(t("आज पोल", "polls today"))).append("</th><th class=\"n\">")
                .append(esc(t("304 का हिस्सा", "304 share"))).append("</th><th class=\"n\">")
                .append(esc(t("आज भेजे", "sent today"))).append("</th></tr></thead>\n<tbody>\n");
        for (FeedReport f : report.feeds()) {
            DayStats today = f.today();
            html.append("<tr><td><a href=\"#").append(esc(anchor(f.feed()))).append("\">").append(esc(f.feed()))
                    .append("</a></td><td class=\"n\">").append(f.subscribers()).append("</td><td class=\"n\">")
                    .append(today.polls()).append("</td><td class=\"n\">").append(percent(today.notModifiedShare()))
                    .append("</td><td class=\"n\">").append(esc(bytes(today.bytesSent()))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private void feed(StringBuilder html, FeedReport f, StatsReport report) {
        DayStats today = f.today();
        html.append("<section class=\"feed\" id=\"").append(esc(anchor(f.feed()))).append("\">\n<h2><a href=\"")
                .append(esc(f.feed())).append("\">").append(esc(f.feed())).append("</a></h2>\n<p><strong>")
                .append(f.subscribers()).append("</strong> ").append(esc(t("ग्राहक", "subscribers"))).append(": ")
                .append(f.readers()).append(" ").append(esc(t("पाठक", "readers")));
        for (ClientCount c : f.aggregators()) {
            html.append(" · ").append(c.count()).append(" ").append(esc(client(c.client())));
        }
        html.append("</p>\n");
        chart(html, f.history());
        html.append("<p>").append(esc(t("आज", "Today"))).append(": ").append(today.polls()).append(" ")
                .append(esc(t("पोल", "polls"))).append(", ").append(percent(today.notModifiedShare())).append(" ")
                .append(esc(t("का उत्तर 304", "answered 304"))).append(", ").append(today.withValidators()).append(" ")
                .append(esc(t("वैलिडेटर के साथ", "with validators"))).append("; ")
                .append(esc(t("भेजे ", "sent "))).append(esc(bytes(today.bytesSent()))).append(", ")
                .append(esc(t("304 से बचे ", "saved by 304 "))).append(esc(bytes(today.savedBy304()))).append(", ")
                .append(esc(t("gzip से बचे ", "saved by gzip "))).append(esc(bytes(today.savedByGzip())))
                .append("</p>\n");
        if (!f.clients().isEmpty()) {
            html.append("<p>").append(esc(t("आज किसने पोल किया", "Who polled today"))).append(": ");
            List<ClientCount> clients = f.clients();
            for (int i = 0; i < clients.size(); i++) {
                html.append(i == 0 ? "" : " · ").append(esc(client(clients.get(i).client()))).append(" ")
                        .append(clients.get(i).count());
            }
            html.append("</p>\n");
        }
        pollers(html, t("सबसे धीमे पोल करने वाले (पोल के बीच औसत समय)", "Slowest pollers (mean time between polls)"),
                f.slowest(), report);
        pollers(html, t("ttl (" + report.ttlSeconds() / 60 + " मिनट) से पहले लौटने वाले",
                "Polling sooner than the ttl (" + report.ttlSeconds() / 60 + " minutes)"), f.tooOften(), report);
        pollers(html, t("कभी वैलिडेटर (If-None-Match, If-Modified-Since) न भेजने वाले",
                "Never sending validators (If-None-Match, If-Modified-Since)"), f.withoutValidators(), report);
        html.append("</section>\n");
    }

    private void pollers(StringBuilder html, String caption, List<PollerRow> rows, StatsReport report) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<table class=\"stats\">\n<caption>").append(esc(caption)).append("</caption>\n<thead><tr><th>")
                .append(esc(t("क्लाइंट", "client"))).append("</th><th class=\"n\">").append(esc(t("पोल", "polls")))
                .append("</th><th class=\"n\">").append(esc(t("जल्दी", "too soon"))).append("</th><th class=\"n\">")
                .append(esc(t("वैलिडेटर के साथ", "with validators"))).append("</th><th class=\"n\">")
                .append(esc(t("औसत अंतर", "mean interval"))).append("</th></tr></thead>\n<tbody>\n");
        for (PollerRow r : rows) {
            html.append("<tr><td>").append(esc(client(r.client()))).append("</td><td class=\"n\">").append(r.polls())
                    .append("</td><td class=\"n\">").append(r.tooSoon()).append("</td><td class=\"n\">")
                    .append(r.withValidators()).append("</td><td class=\"n\">")
                    .append(r.polls() > 1 ? esc(interval(r.meanIntervalSeconds())) : "—").append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** One bar per day, subscribers; each bar's title gives the date and the numbers (a tooltip, and for readers). */
    private void chart(StringBuilder html, List<DayStats> days) {
        long max = Math.max(1, days.stream().mapToLong(DayStats::subscribers).max().orElse(1));
        int width = days.size() * BAR;
        String label = t("पिछले " + days.size() + " दिनों के ग्राहक", "Subscribers over the last " + days.size() + " days");
        html.append("<svg class=\"chart\" role=\"img\" width=\"").append(width).append("\" height=\"").append(HEIGHT + 1)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT + 1).append("\" aria-label=\"")
                .append(esc(label)).append("\"><title>").append(esc(label)).append("</title>");
        for (int i = 0; i < days.size(); i++) {
            DayStats d = days.get(i);
            long h = Math.round((double) d.subscribers() * HEIGHT / max);
            html.append("<rect x=\"").append(i * BAR).append("\" y=\"").append(HEIGHT - h).append("\" width=\"")
                    .append(BAR - 2).append("\" height=\"").append(h).append("\"><title>")
                    .append(esc(date(d.date()) + ": " + d.subscribers() + " " + t("ग्राहक", "subscribers") + ", "
                            + d.polls() + " " + t("पोल", "polls"))).append("</title></rect>");
        }
        html.append("<line x1=\"0\" y1=\"").append(HEIGHT).append("\" x2=\"").append(width).append("\" y2=\"")
                .append(HEIGHT).append("\"/></svg>\n");
    }

    private String client(String label) {
        if (label.isEmpty()) {
            return t("अन्य पाठक", "other readers");
        }
        if (Clients.unknown(label)) {
            String name = Clients.name(label);
            return t("अज्ञात", "unknown") + (name.isEmpty() ? "" : ": " + name);
        }
        return label;
    }

    private static String date(LocalDate d) {
        return d.toString();
    }

    private String interval(long seconds) {
        if (seconds < 120) {
            return seconds + t(" सेकंड", " s");
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + t(" मिनट", " min");
        }
        return String.format(Locale.ROOT, "%.1f", seconds / 3600.0) + t(" घंटे", " h");
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    /** An id for the feed's section: its path's letters, which are all the slug alphabet allows. */
    private static String anchor(String feed) {
        return "feed-" + feed.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String esc(String s) {
        return Entities.escape(s);
    }
}
