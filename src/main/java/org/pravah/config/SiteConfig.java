package org.pravah.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.pravah.article.LanguageTag;

/**
 * @param baseUrl the public URL the site is reached at, without a trailing slash; links, ids and self links use it
 * @param icon    {@code site.icon}: a square image for feeds and pages, an absolute http(s) URL or a path on this site
 *                ({@code /img/icon.png}); empty: the shipped {@code /icon.png}
 * @param logo    {@code site.logo}: a wide (2:1) image, written like {@code icon}; empty: the shipped {@code /logo.png}
 * @param author  {@code site.author}: the name feeds give as the author of an article that names none (a desk, such
 *                as "प्रवाह डेस्क"); empty: the site's title
 * @param images  {@code site.images}: the folder of the site's own pictures, served at {@code /images/<name>} and
 *                copied by {@code export}; empty: the site serves no pictures of its own
 */
public record SiteConfig(String title, String description, String baseUrl, LanguageTag language, ZoneId timeZone,
                         Optional<String> icon, Optional<String> logo, Optional<String> author,
                         Optional<Path> images) {

    /** A site with the shipped icon and logo, whose authorless articles are credited to its title. */
    public SiteConfig(String title, String description, String baseUrl, LanguageTag language, ZoneId timeZone) {
        this(title, description, baseUrl, language, timeZone, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A site without a pictures folder. */
    public SiteConfig(String title, String description, String baseUrl, LanguageTag language, ZoneId timeZone,
                      Optional<String> icon, Optional<String> logo, Optional<String> author) {
        this(title, description, baseUrl, language, timeZone, icon, logo, author, Optional.empty());
    }

    /** The same site published at another public URL; paths in {@code icon} and {@code logo} follow it. */
    public SiteConfig withBaseUrl(String url) {
        return new SiteConfig(title, description, url, language, timeZone, icon, logo, author, images);
    }

    /** The same site with its pictures in {@code folder}. */
    public SiteConfig withImages(Path folder) {
        return new SiteConfig(title, description, baseUrl, language, timeZone, icon, logo, author,
                Optional.of(folder));
    }

    /** Who feeds name as the author of an article without one. */
    public String defaultAuthor() {
        return author.orElse(title);
    }
}
