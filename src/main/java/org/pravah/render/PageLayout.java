package org.pravah.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import org.pravah.article.Article;
import org.pravah.article.ArticleDates;
import org.pravah.config.SiteConfig;

/**
 * What every HTML page of the site shares: the head (charset, viewport, title, feed discovery, icon, the style), the
 * skip link, the breadcrumbs and the footer, and the Content-Security-Policy that fits exactly these pages. The markup is
 * in the templates ({@code src/main/jte/layout.jte}, {@code page.jte}); this is what they are given: the site, its
 * links, its words ({@link Messages}) and its dates.
 */
public final class PageLayout {
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /**
     * The page's origin only, on other hosts too: a reader's search (?q=) and the page a link was on stay here, while
     * a publisher still sees that a reader came from this site.
     */
    public static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
    /**
     * The pages' look, {@code style.css} beside this class: one style element in each page's head (no stylesheet
     * request before the first paint), allowed by its hash. A designer edits the file; the jar is rebuilt.
     */
    static final String STYLE = readStyle();
    /** The templates, compiled by jte-maven-plugin into this package: no template compiler at run time. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            PageLayout.class.getClassLoader(), PageLayout.class.getPackageName());
    /** CSP allows exactly this style element, by its hash: no stylesheet request before the first paint. */
    private static final String STYLE_SOURCE = "'sha256-" + sha256(STYLE) + "'";

    private final SiteConfig site;
    private final SiteLinks links;
    private final Messages messages;
    private final DateTimeFormatter humanDate;
    private final String policy;

    public PageLayout(SiteConfig site, SiteLinks links) {
        this.site = site;
        this.links = links;
        this.messages = Messages.of(site.language());
        // "27 नवंबर 2026, 09:30" for hi: month names in the site language, the time in the site's zone
        this.humanDate = DateTimeFormatter.ofPattern(messages.get("date.pattern"),
                Locale.forLanguageTag(site.language().value())).withZone(site.timeZone());
        this.policy = policy(origin(site.baseUrl()));
    }

    /**
     * Nothing runs or loads but what the pages need: their own style (by hash) and scripts, images from anywhere (an
     * article's image is where its publisher put it), no plugins, frames or {@code <base>}, and no framing by others.
     * The base URL's origin is named beside {@code 'self'}: links and scripts are absolute URLs on it, which is another
     * origin when the server is reached by another name (a proxy, a test on 127.0.0.1).
     */
    private static String policy(String origin) {
        return "default-src 'none'; img-src 'self' http: https:; style-src " + STYLE_SOURCE + "; script-src 'self' "
                + origin + "; form-action 'self' " + origin + "; base-uri 'none'; frame-ancestors 'none'";
    }

    /** The Content-Security-Policy header of every page. */
    public String contentSecurityPolicy() {
        return policy;
    }

    /** The site whose pages these are: title, description, language, zone. */
    public SiteConfig site() {
        return site;
    }

    public SiteLinks links() {
        return links;
    }

    /** The pages' words in the site's language. */
    public Messages messages() {
        return messages;
    }

    /** The message under {@code key} in the site's language, for the templates. */
    public String t(String key) {
        return messages.get(key);
    }

    /** The message under {@code key} with its {@code {0}}, {@code {1}}… filled in. */
    public String t(String key, Object... args) {
        return messages.get(key, args);
    }

    /** The text of the one style element, which the policy allows by its hash. */
    public String style() {
        return STYLE;
    }

    /** {@code lang} for an article in another language than the site's; null (no attribute) otherwise. */
    public String langOf(Article article) {
        return article.language().equals(site.language()) ? null : article.language().value();
    }

    /** The RFC 3339 instant of a {@code <time datetime>}, in the site's zone. */
    public String datetime(Instant instant) {
        return ArticleDates.rfc3339(instant, site.timeZone());
    }

    /** The date for people, in the site's language and zone ({@code date.pattern}). */
    public String date(Instant instant) {
        return humanDate.format(instant);
    }

    /** A feed advertised in a page's head for browsers and readers that discover feeds. */
    record Alternate(String type, String title, String href) {
    }

    /**
     * A page of the site from a template in {@code src/main/jte} (compiled into this package at build time), written
     * as UTF-8 by jte with its HTML escaping.
     */
    static byte[] render(String template, Object model) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        TEMPLATES.render(template, model, out);
        return out.toByteArray();
    }

    /** {@code https://example.org:8443} of {@code https://example.org:8443/hindi}. */
    private static String origin(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String readStyle() {
        try (InputStream in = PageLayout.class.getResourceAsStream("style.css")) {
            if (in == null) {
                throw new IllegalStateException("org/pravah/render/style.css is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("org/pravah/render/style.css could not be read", e);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
