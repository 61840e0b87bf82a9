package org.pravah.render;

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
    static final String STYLE = """
            :root{font-family:"Noto Sans Devanagari","Noto Sans","Mangal","Nirmala UI","Kohinoor Devanagari",\
            "Lohit Devanagari",system-ui,sans-serif;line-height:1.6;color:#1b1b1b;background:#fdfcf8}
            body{max-width:46rem;margin:0 auto;padding:1rem}
            a{color:#0b5394}h1,h2,h3{line-height:1.3}
            .skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}
            nav.crumbs,footer{font-size:.9rem}
            ul.tree,ul.tree ul{list-style:none;padding-left:1.2rem}
            .feeds a{margin-right:.6rem;font-size:.9rem}
            time,.meta{color:#555;font-size:.9rem}
            img{max-width:100%;height:auto}
            .subscribe label{display:block;font-weight:600;font-size:.9rem;margin-top:.5rem}
            .subscribe input,form input{width:100%;box-sizing:border-box;font:inherit;font-size:.9rem;padding:.3rem}
            .field{display:flex;gap:.4rem}.field input{flex:1;min-width:0}
            .field button{font:inherit;font-size:.9rem;white-space:nowrap;min-width:7.5em}
            form{margin:1rem 0}form button{font:inherit;margin-top:.3rem}
            ol.items{list-style:none;padding:0}ol.items>li{border-top:1px solid #ddd;padding:.5rem 0}
            ol.items h3{font-size:1.1rem;margin:.2rem 0}
            .tags a{margin-right:.5rem}
            footer{border-top:1px solid #ddd;margin-top:2rem;padding-top:.5rem}
            body.wide{max-width:72rem}
            table.status{border-collapse:collapse;width:100%;font-size:.9rem}
            .status th,.status td{border:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
            .status tbody th,.status .long{overflow-wrap:anywhere}.status time{white-space:nowrap}
            .status thead th{background:#f1eee4}.status tr.fail{background:#fde8e8}
            @media (max-width:60rem){.status thead{position:absolute;left:-9999px}
            .status,.status tbody,.status tr,.status th,.status td{display:block}
            .status tr{border:1px solid #ddd;margin-bottom:.8rem}
            .status th,.status td{border:0;position:relative;padding-left:9rem}
            .status td::before,.status th::before{content:attr(data-label);position:absolute;left:.5rem;width:8rem;\
            font-weight:600;color:#555}}
            table.stats{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
            table.stats th,table.stats td{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left}
            table.stats td.n,table.stats th.n{text-align:right}
            svg.chart rect{fill:#0b5394}svg.chart line{stroke:#999}
            section.feed{border-top:1px solid #ddd;margin-top:1.5rem}
            """;
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

    private static String sha256(String text) {
        try {
            return java.util.Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
