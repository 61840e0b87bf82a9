package org.pravah.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The images shipped in the jar ({@code /icon.png}, {@code /logo.png}): the defaults for feed icons and logos, so a
 * fresh site has them without configuring anything. Read once; served like every other body (ETag, 304).
 */
public final class SiteAssets {
    /** When the shipped images were last drawn: their Last-Modified. Change it together with the images. */
    private static final Instant DRAWN = Instant.parse("2026-11-30T00:00:00Z");
    private static final Map<String, Rendered> ASSETS = Map.of(
            SiteLinks.SHIPPED_ICON, load("icon.png", "image/png"),
            SiteLinks.SHIPPED_LOGO, load("logo.png", "image/png"));

    private SiteAssets() {
    }

    /** The asset served at {@code path} ({@code /icon.png}), if there is one. */
    public static Optional<Rendered> find(String path) {
        return Optional.ofNullable(ASSETS.get(path));
    }

    private static Rendered load(String name, String contentType) {
        try (InputStream in = SiteAssets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks org/pravah/render/assets/" + name);
            }
            // PNG is compressed already, so its gzip form gains nothing, but costs only this one compression;
            // the images change only with a new release: cached as long as archives
            return Rendered.of(contentType, in.readAllBytes(), DRAWN, "", true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
