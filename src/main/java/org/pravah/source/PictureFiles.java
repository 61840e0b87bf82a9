package org.pravah.source;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which files of the site's images folder ({@code site.images}) are pictures, and their types: the server serves
 * only these at {@code /images/}, {@code export} copies only these, and a {@code .txt} export's picture is looked for
 * under these extensions. Anything else in the folder (notes, originals in a camera's raw format) stays private.
 */
public final class PictureFiles {
    /** In the order a {@code .txt} export's picture is looked for: the common ones first. */
    static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png", "webp", "avif", "gif", "svg");

    private static final Map<String, String> TYPES = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "webp", "image/webp",
            "avif", "image/avif",
            "gif", "image/gif",
            "svg", "image/svg+xml");

    /**
     * The Content-Security-Policy a picture is served with: an SVG opened on its own is a document of the site that
     * could run script or load from elsewhere; sandboxed it cannot. It changes nothing for a picture in a page.
     */
    public static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private PictureFiles() {
    }

    /** The type of a picture file by its name; empty for hidden files and anything that is not a picture. */
    public static Optional<String> type(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (fileName.startsWith(".") || dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
