package org.pravah.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The files shipped in the jar: the images ({@code /icon.png}, {@code /logo.png}), the defaults for feed icons and
 * logos, so a fresh site has them without configuring anything (the icon is {@code /favicon.ico} too), and the feed
 * pages' copy script. Read once; served like
 * every other body (ETag, 304).
 */
public final class SiteAssets {
    /** When the shipped images were last drawn: their Last-Modified. Change it together with the images. */
    private static final Instant DRAWN = Instant.parse("2026-11-30T00:00:00Z");
    /** When the copy script was last changed: its Last-Modified. Change it together with copy.js. */
    private static final Instant SCRIPT_WRITTEN = Instant.parse("2026-12-03T00:00:00Z");
    private static final Rendered ICON = load("icon.png", "image/png", DRAWN, true);
    private static final Map<String, Rendered> ASSETS = Map.of(
            SiteLinks.SHIPPED_ICON, ICON,
            // PNG under the old name: every browser takes it, and it needs no second file to keep in step
            SiteLinks.FAVICON, ICON,
            SiteLinks.SHIPPED_LOGO, load("logo.png", "image/png", DRAWN, true),
            // cached only as long as the pages, so a release's new script reaches readers together with its pages
            SiteLinks.COPY_SCRIPT, load("copy.js", "text/javascript; charset=utf-8", SCRIPT_WRITTEN, false));

    private SiteAssets() {
    }

    /** The asset served at {@code path} ({@code /icon.png}), if there is one. */
    public static Optional<Rendered> find(String path) {
        return Optional.ofNullable(ASSETS.get(path));
    }

    private static Rendered load(String name, String contentType, Instant lastModified, boolean longLived) {
        try (InputStream in = SiteAssets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks org/pravah/render/assets/" + name);
            }
            // PNG is compressed already, so its gzip form gains nothing, but costs only this one compression;
            // the images change only with a new release: cached as long as archives
            return Rendered.of(contentType, in.readAllBytes(), lastModified, "", longLived);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
