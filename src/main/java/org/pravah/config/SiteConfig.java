package org.pravah.config;

import java.time.ZoneId;
import org.pravah.article.LanguageTag;

/**
 * @param baseUrl the public URL the site is reached at, without a trailing slash; links, ids and self links use it
 */
public record SiteConfig(String title, String description, String baseUrl, LanguageTag language, ZoneId timeZone) {
}
