package org.pravah.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Accept-Encoding (does the client take gzip? {@code gzip;q=0} is a refusal) and Accept (is it a browser, or a
 * monitor asking for JSON?). Both headers are lists of names with an optional quality (RFC 9110 §12.4.2).
 */
final class ContentNegotiation {
    private ContentNegotiation() {
    }

    /** One entry of such a list: a lower-case name and its quality; an unreadable quality counts as 0, a refusal. */
    private record Weighted(String name, double q) {
    }

    private static List<Weighted> entries(String header) {
        List<Weighted> out = new ArrayList<>();
        for (String part : header.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            out.add(new Weighted(pieces[0].strip(), q));
        }
        return out;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean wildcard = false;
        for (Weighted coding : entries(acceptEncoding)) {
            if (coding.name().equals("gzip") || coding.name().equals("x-gzip")) {
                return coding.q() > 0;
            }
            if (coding.name().equals("*")) {
                wildcard = coding.q() > 0;
            }
        }
        return wildcard;
    }

    /**
     * Whether the client asks for a page: it names HTML ({@code text/html} or XHTML) with a quality no other type it
     * names beats, as browsers do when they navigate. {@code *}{@code /*} alone, as curl and feed readers send, is no
     * such request.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        double html = 0;
        double other = 0;
        for (Weighted type : entries(accept)) {
            if (type.name().equals("text/html") || type.name().equals("application/xhtml+xml")) {
                html = Math.max(html, type.q());
            } else if (!type.name().isEmpty()) {
                other = Math.max(other, type.q());
            }
        }
        return html > 0 && html >= other;
    }

    /**
     * JSON when the client asks for it over HTML ({@code Accept: application/json}), as monitoring does on
     * {@code /status} and {@code /stats}; browsers and {@code curl}'s {@code *}{@code /*} get HTML.
     */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        double json = 0;
        double html = 0;
        for (Weighted type : entries(accept)) {
            if (type.name().equals("application/json")) {
                json = Math.max(json, type.q());
            } else if (type.name().equals("text/html")) {
                html = Math.max(html, type.q());
            }
        }
        return json > 0 && json >= html;
    }
}
