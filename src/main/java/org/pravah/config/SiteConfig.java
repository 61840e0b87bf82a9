package org.pravah.config;

import java.time.ZoneId;
import java.util.Optional;
import org.pravah.article.LanguageTag;

/**
 * @param baseUrl the public URL the site is reached at, without a trailing slash; links, ids and self links use it
 * @param icon    {@code site.icon}: a square image for feeds and pages, an absolute http(s) URL or a path on this site
 *                ({@code /img/icon.png}); empty: the shipped {@code /icon.png}
 * @param logo    {@code site.logo}: a wide (2:1) image, written like {@code icon}; empty: the shipped {@code /logo.png}
 */
public record SiteConfig(String title, String description, String baseUrl, LanguageTag language, ZoneId timeZone,
                         Optional<String> icon, Optional<String> logo) {

    /** A site with the shipped icon and logo. */
    public SiteConfig(String title, String description, String baseUrl, LanguageTag language, ZoneId timeZone) {
        this(title, description, baseUrl, language, timeZone, Optional.empty(), Optional.empty());
    }

    /** The same site published at another public URL; paths in {@code icon} and {@code logo} follow it. */
    public SiteConfig withBaseUrl(String url) {
        return new SiteConfig(title, description, url, language, timeZone, icon, logo);
    }
}
