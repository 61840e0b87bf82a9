package org.pravah.source;

import java.time.Instant;

/**
 * The facts about an article file that readers need.
 *
 * @param defaultId         the id an article gets when it names none: its path below the source folder, without
 *                          extension
 * @param fallbackPublished the date of an article that carries none: when its file was first seen (a store
 *                          document: when it was created)
 * @param name              how messages name the file (its path as configured)
 * @param picture           the site path of the picture kept for this file in the site's images folder
 *                          ({@code /images/<default id>.jpg}), for layouts that name no picture of their own; empty
 *                          when there is none
 */
record ArticleFile(String defaultId, Instant fallbackPublished, String name, String picture) {
    ArticleFile(String defaultId, Instant fallbackPublished, String name) {
        this(defaultId, fallbackPublished, name, "");
    }
}
