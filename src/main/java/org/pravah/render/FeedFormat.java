package org.pravah.render;

import java.util.Arrays;
import java.util.Optional;

/** The formats a feed is served in: extension in the URL and media type on the wire. */
public enum FeedFormat {
    RSS("rss", "application/rss+xml"),
    ATOM("atom", "application/atom+xml");

    private final String extension;
    private final String mediaType;

    FeedFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
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

    public static Optional<FeedFormat> byExtension(String ext) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(ext)).findFirst();
    }
}
