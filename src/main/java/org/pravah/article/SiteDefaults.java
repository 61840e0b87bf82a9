package org.pravah.article;

import java.time.ZoneId;

/** What an article inherits from the site when it does not say: language, the zone of local dates, the base URL. */
public record SiteDefaults(LanguageTag language, ZoneId timeZone, String baseUrl) {
}
