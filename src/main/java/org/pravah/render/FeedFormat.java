package org.pravah.render;

import java.util.Optional;

/** The formats a feed is served in: extension in the URL and media type on the wire. */
public enum FeedFormat {
    RSS("rss", "application/rss+xml", "RSS 2.0"),
    ATOM("atom", "application/atom+xml", "Atom 1.0"),
    JSON("json", "application/feed+json", "JSON Feed 1.1");

    private static final FeedFormat[] FORMATS = values();

    private final String extension;
    private final String mediaType;
    private final String label;

    FeedFormat(String extension, String mediaType, String label) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.label = label;
    }

    /** The format's name for people, with its version: {@code RSS 2.0}. */
    public String label() {
        return label;
    }

    public String extension() {
        return extension;
    }

    /** The Content-Type header, charset included: readers must never have to guess the encoding. */
    public String contentType() {
        return mediaType + "; charset=utf-8";
    }

    public String mediaType() {
        return mediaType;
    }

    /** Looked up on every feed request, so a plain loop over the three rather than a stream. */
    public static Optional<FeedFormat> byExtension(String ext) {
        for (FeedFormat f : FORMATS) {
            if (f.extension.equals(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
