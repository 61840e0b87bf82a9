package org.pravah.render;

/**
 * An image that stands for the site in feeds and pages (feed icon, logo).
 *
 * @param width  pixels to show it at, or {@code 0} when unknown (an image the config names): RSS {@code <image>}
 *               then leaves its size to the reader
 * @param height likewise
 */
public record SiteImage(String url, int width, int height) {
    public boolean hasSize() {
        return width > 0 && height > 0;
    }
}
