package org.pravah.article;

import java.net.URI;
import java.util.Optional;

/** An article's lead image. The export layout names only a credit, so the URL may be absent. */
public record Image(Optional<URI> url, String caption, String credit) {
    public Image {
        caption = caption == null ? "" : caption;
        credit = credit == null ? "" : credit;
    }
}
