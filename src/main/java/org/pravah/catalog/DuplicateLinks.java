package org.pravah.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
 *
 * <p>Kept from one refresh to the next, so that a change is decided by looking at the links it touches only.
 */
final class DuplicateLinks {
    /** Position of each source in the config. */
    private final Map<String, Integer> sourceOrder = new HashMap<>();
    /** Every article offered with a link, by normalised link. */
    private final Map<String, List<Article>> byLink = new HashMap<>();
    /** One line per article left out, by the link it shares. */
    private final Map<String, List<String>> problems = new HashMap<>();

    /** What a change of the offered articles changed in the served ones. */
    record Served(List<Article> removed, List<Article> added) {
        boolean isEmpty() {
            return removed.isEmpty() && added.isEmpty();
        }
    }

    /** @param sourceNames in config order: the first source's copy of a story is served */
    DuplicateLinks(List<String> sourceNames) {
        for (int i = 0; i < sourceNames.size(); i++) {
            sourceOrder.putIfAbsent(sourceNames.get(i), i);
        }
    }

    /**
     * @param leaving  articles no longer offered (the objects offered before)
     * @param arriving articles now offered (a new version of an article leaves its old version)
     */
    Served change(Collection<Article> leaving, Collection<Article> arriving) {
        List<Article> removed = new ArrayList<>();
        List<Article> added = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        for (Article a : leaving) {
            a.url().ifPresentOrElse(url -> touched.add(normalise(url)), () -> removed.add(a));
        }
        for (Article a : arriving) {
            a.url().ifPresentOrElse(url -> touched.add(normalise(url)), () -> added.add(a));
        }
        Map<String, Article> before = new HashMap<>();
        for (String link : touched) {
            before.put(link, winner(byLink.getOrDefault(link, List.of())));
        }
        for (Article a : leaving) {
            a.url().ifPresent(url -> byLink.computeIfPresent(normalise(url), (link, list) -> {
                List<Article> rest = new ArrayList<>(list);
                rest.removeIf(x -> x == a);
                return rest.isEmpty() ? null : List.copyOf(rest);
            }));
        }
        for (Article a : arriving) {
            a.url().ifPresent(url -> byLink.merge(normalise(url), List.of(a), (list, one) -> {
                List<Article> more = new ArrayList<>(list);
                more.add(a);
                return List.copyOf(more);
            }));
        }
        for (String link : touched) {
            List<Article> offered = byLink.getOrDefault(link, List.of());
            Article was = before.get(link);
            Article now = winner(offered);
            if (was != now) {
                if (was != null) {
                    removed.add(was);
                }
                if (now != null) {
                    added.add(now);
                }
            }
            if (offered.size() > 1) {
                problems.put(link, offered.stream().filter(a -> a != now).map(a -> message(a, now)).toList());
            } else {
                problems.remove(link);
            }
        }
        return new Served(removed, added);
    }

    /** One line per article left out. */
    List<String> problems() {
        List<String> all = new ArrayList<>();
        problems.values().forEach(all::addAll);
        return all;
    }

    private Article winner(List<Article> offered) {
        Article best = null;
        for (Article a : offered) {
            if (best == null || isBetter(a, best)) {
                best = a;
            }
        }
        return best;
    }

    private boolean isBetter(Article a, Article b) {
        int byOrder = Integer.compare(order(a), order(b));
        if (byOrder != 0) {
            return byOrder < 0;
        }
        int byUpdated = a.updated().compareTo(b.updated());
        return byUpdated != 0 ? byUpdated > 0 : a.key().compareTo(b.key()) < 0;
    }

    private int order(Article a) {
        return sourceOrder.getOrDefault(a.sourceName(), Integer.MAX_VALUE);
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
