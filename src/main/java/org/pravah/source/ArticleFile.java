package org.pravah.source;

import java.time.Instant;

/**
 * The facts about an article file that readers need.
 *
 * @param defaultId the id an article gets when it names none: its path below the source folder, without extension
 * @param name      how messages name the file (its path as configured)
 */
record ArticleFile(String defaultId, Instant modified, String name) {
}
