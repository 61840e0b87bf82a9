package org.pravah.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pravah.article.Article;

/**
 * The same story often reaches us twice: a partner feed carries what our own folder has, or two partners syndicate
 * one wire report. Articles whose canonical links are the same after normalisation are served once.
 *
 * <p>Which one stays is decided by the config, not by chance: the article of the source listed first under
 * {@code sources}; between two articles of one source, the more recently updated (then the smaller key). Links
 * compare without scheme, {@code www.}, default port, fragment, trailing slash and {@code utm_*} parameters.
 * Articles without a link of their own (served at our {@code /articles/…} page) are never duplicates.
 */
final class DuplicateLinks {
    private DuplicateLinks() {
    }

    /**
     * @param inSourceOrder articles, those of the first configured source first
     * @param problems      gets one line per article left out
     */
    static List<Article> remove(List<Article> inSourceOrder, Set<String> problems) {
        List<Article> out = new ArrayList<>(inSourceOrder.size());
        Map<String, Integer> byLink = new HashMap<>();
        for (Article a : inSourceOrder) {
            if (a.url().isEmpty()) {
                out.add(a);
                continue;
            }
            String link = normalise(a.url().get());
            Integer at = byLink.get(link);
            if (at == null) {
                byLink.put(link, out.size());
                out.add(a);
                continue;
            }
            Article kept = out.get(at);
            if (kept.sourceName().equals(a.sourceName()) && isNewer(a, kept)) {
                out.set(at, a);
                problems.add(message(kept, a));
            } else {
                problems.add(message(a, kept));
            }
        }
        return out;
    }

    private static boolean isNewer(Article a, Article b) {
        int byUpdated = a.updated().compareTo(b.updated());
        return byUpdated != 0 ? byUpdated > 0 : a.key().compareTo(b.key()) < 0;
    }

    private static String message(Article dropped, Article kept) {
        return dropped.origin() + ": same link as " + kept.origin() + " (" + kept.url().orElseThrow()
                + "); served once, from source '" + kept.sourceName() + "'";
    }

    static String normalise(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        int port = url.getPort();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder query = new StringBuilder();
        if (url.getRawQuery() != null) {
            for (String param : url.getRawQuery().split("&")) {
                if (!param.isEmpty() && !param.toLowerCase(Locale.ROOT).startsWith("utm_")) {
                    query.append(query.length() == 0 ? "?" : "&").append(param);
                }
            }
        }
        return host + (defaultPort ? "" : ":" + port) + path + query;
    }
}
