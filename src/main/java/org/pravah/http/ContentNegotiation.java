package org.pravah.http;

import java.util.Locale;

/** Reads Accept-Encoding (does the client take gzip? {@code gzip;q=0} is a refusal) and Accept (is it a browser?). */
final class ContentNegotiation {
    private ContentNegotiation() {
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean wildcard = false;
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip();
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip();
                if (param.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(param.substring(2).strip()) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return !refused;
            }
            if (coding.equals("*")) {
                wildcard = !refused;
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
        for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].strip();
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
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            } else if (!type.isEmpty()) {
                other = Math.max(other, q);
            }
        }
        return html > 0 && html >= other;
    }
}
