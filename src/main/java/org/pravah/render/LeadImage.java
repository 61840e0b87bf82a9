package org.pravah.render;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.pravah.article.Article;

/**
 * An article's lead image, as every format publishes it: Media RSS for the readers that know it, and for those that
 * know only the common elements (sfeed, newsboat, feedparser, rss2email, rss-parser…) an enclosure and a
 * {@code <figure>} at the top of the content, as WordPress and Ghost feeds have.
 *
 * @param alt the caption, else the article's title, as on the article's page
 */
record LeadImage(URI url, String alt, String caption, String credit) {

    /** The image of an article that has one with a URL (the export layout may name only a credit). */
    static Optional<LeadImage> of(Article article) {
        return article.image().flatMap(img -> img.url().map(url -> new LeadImage(url,
                img.caption().isEmpty() ? article.title() : img.caption(), img.caption(), img.credit())));
    }

    /** The media type its file extension names; empty when it names none we know. */
    Optional<String> mediaType() {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return Optional.ofNullable(switch (extension) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "avif" -> "image/avif";
            case "svg" -> "image/svg+xml";
            default -> null;
        });
    }

    /**
     * The article's HTML with this image in a figure at its top, unless the body already opens with the same image.
     * An empty body stays empty: a reader that shows the content rather than the summary would show the picture
     * alone, and the image still reaches it as enclosure and Media RSS. The credit is worded in the feed's language.
     */
    String above(String bodyHtml, Messages messages) {
        if (bodyHtml.isEmpty() || opens(bodyHtml)) {
            return bodyHtml;
        }
        // the same output settings as the sanitised article HTML, so the figure reads like the body after it
        Document holder = new Document("");
        holder.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.xhtml).charset("UTF-8");
        Element figure = holder.appendElement("figure");
        figure.appendElement("img").attr("src", url.toString()).attr("alt", alt);
        if (!caption.isEmpty() || !credit.isEmpty()) {
            // worded as on the article's page (HtmlPages)
            String line = caption + (credit.isEmpty() ? ""
                    : (caption.isEmpty() ? "" : " · ") + messages.get("article.image.credit", credit));
            figure.appendElement("figcaption").text(line);
        }
        return figure.outerHtml() + bodyHtml;
    }

    /** True if nothing visible comes before an {@code <img>} of this URL in {@code html}. */
    private boolean opens(String html) {
        String src = url.toString();
        // cheap checks first: most bodies never mention their lead image, and only the text up to the first image
        // matters, so a long body is not parsed
        if (!html.contains(src) && !html.contains(src.replace("&", "&amp;"))) {
            return false;
        }
        int img = html.indexOf("<img");
        if (img < 0) {
            return false;
        }
        int end = html.indexOf('>', img);
        String head = end < 0 ? html : html.substring(0, end + 1);
        for (Node node : (Iterable<Node>) Jsoup.parseBodyFragment(head).body().nodeStream()::iterator) {
            if (node instanceof TextNode text && !text.isBlank()) {
                return false;
            }
            if (node instanceof Element element && element.normalName().equals("img")) {
                return src.equals(element.attr("src"));
            }
        }
        return false;
    }
}
