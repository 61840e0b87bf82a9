package org.pravah.article;

import java.text.Normalizer;

/**
 * The one place that decides what text may enter the catalogue: NFC, nothing XML 1.0 forbids, no stray controls.
 *
 * <p>Devanagari depends on invisible characters (virama, nukta, ZWJ U+200D and ZWNJ U+200C select conjunct forms), so
 * nothing here touches format characters; only code points that XML 1.0 forbids, C1 controls (which no editor
 * types on purpose and feed validators flag), noncharacters and lone surrogates are removed.
 */
public final class Text {
    private Text() {
    }

    /** A multi-line field (summary, body): NFC, cleaned, each line's ends trimmed, outer blank lines dropped. */
    public static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        if (isClean(raw, false)) {
            return raw;
        }
        String nfc = nfc(stripIllegal(raw));
        if (nfc.indexOf('\n') < 0 && nfc.indexOf('\r') < 0) {
            // one line, as nearly every field but the body is: nothing to split or to fold
            return trim(nfc);
        }
        if (isCleanLines(nfc)) {
            // what an article body nearly always is already: nothing to copy
            return nfc;
        }
        String unixNewlines = nfc.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(unixNewlines.length());
        // each line trimmed and ended by '\n', with never more than one blank line in a row: a scan rather than
        // split and a regex, since this runs for every field of every article at a cold start
        int newlines = 0;
        int start = 0;
        int length = unixNewlines.length();
        while (start <= length) {
            int end = unixNewlines.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int from = start;
            int to = end;
            while (from < to && isSpace(unixNewlines.charAt(from))) {
                from++;
            }
            while (to > from && isSpace(unixNewlines.charAt(to - 1))) {
                to--;
            }
            if (from < to) {
                out.append(unixNewlines, from, to);
                newlines = 0;
            }
            if (newlines < 2) {
                out.append('\n');
                newlines++;
            }
            start = end + 1;
        }
        return trim(out.toString());
    }

    private static final byte NUKTA = 1;
    private static final byte NOT_NFC_ALONE = 2;
    /**
     * What {@link #isClean} needs to know of each character of the Devanagari block, U+0900 to U+097F: the nukta,
     * and the characters that are not NFC whatever surrounds them (the nukta letters U+0958 to U+095F decompose, the
     * Vedic stress marks U+0951 to U+0954 have combining classes that reorder); 0 for the rest.
     */
    private static final byte[] DEVANAGARI = new byte[0x80];

    static {
        DEVANAGARI[0x3C] = NUKTA;
        for (int c = 0x51; c <= 0x54; c++) {
            DEVANAGARI[c] = NOT_NFC_ALONE;
        }
        for (int c = 0x58; c <= 0x5F; c++) {
            DEVANAGARI[c] = NOT_NFC_ALONE;
        }
    }

    /**
     * True if {@link #clean} ({@code oneLine}: {@link #cleanLine}) would give {@code s} back as it is. Nearly every
     * field of every article is, and deciding it in one pass over the chars costs a fraction of the passes the full
     * path makes (strip, NFC check, line and space checks, each a loop of its own): at a first start these ran for
     * every field of every file and were the hottest code of reading one. False means "take the full path", so any
     * character this does not know well enough (a space other than ' ', a control) simply sends the text there;
     * other characters at or above U+0300 (outside the Devanagari block and {@link #isNfcInert}) are left to the
     * JDK's NFC check.
     */
    static boolean isClean(String s, boolean oneLine) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (isSpace(s.charAt(0)) || isSpace(s.charAt(n - 1))) {
            return false;
        }
        boolean askNormaliser = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int devanagari = c - 0x0900;
            if (devanagari >= 0 && devanagari < 0x80) {
                // the rules of isSurelyNfc, by table: the block Hindi text is nearly all of
                byte kind = DEVANAGARI[devanagari];
                if (kind == NOT_NFC_ALONE) {
                    return false;
                }
                // a nukta (canonical class 7) composes with न, र and ळ before it, and goes before a virama (9)
                if (kind == NUKTA && i > 0) {
                    char before = s.charAt(i - 1);
                    if (before == 0x0928 || before == 0x0930 || before == 0x0933 || before == 0x094D) {
                        return false;
                    }
                }
            } else if (c < 0x80) {
                if (c < 0x20) {
                    // of the controls only the tab and the line feed may stay, and only in a multi-line field; the
                    // ends are not white space (checked above), so a line feed has a character on either side
                    if (oneLine || (c != '\n' && c != '\t') || (c == '\n' && !isCleanNewline(s, i))) {
                        return false;
                    }
                } else if (c == ' ') {
                    if (oneLine && isFoldedSpace(s.charAt(i + 1))) {
                        return false;
                    }
                } else if (c == 0x7F) {
                    return false;
                }
            } else if (c < 0x300) {
                if (c <= 0xA0) {
                    // C1 controls, and the no-break space that trimming and folding treat as white space
                    return false;
                }
            } else if (isNfcInert(c)) {
                continue;
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))
                        || !isAllowed(Character.toCodePoint(c, s.charAt(i + 1)))) {
                    return false;
                }
                i++;
                askNormaliser = true;
            } else {
                if (!isAllowed(c) || isSpace(c) || isFoldedSpace(c)) {
                    return false;
                }
                askNormaliser = true;
            }
        }
        return !askNormaliser || Normalizer.isNormalized(s, Normalizer.Form.NFC);
    }

    /**
     * What Hindi news text holds besides Devanagari, ASCII and Latin: dashes, quotes, the ellipsis, the rupee sign,
     * ZWNJ and ZWJ. None of them is white space or forbidden, decomposes, has a combining class or composes with the
     * character before it (TextQuickCheckTest checks each against the JDK), so text holding them is NFC as far as they
     * are concerned.
     */
    static boolean isNfcInert(char c) {
        return (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || (c >= 0x20A0 && c <= 0x20BF)
                || c == 0x200C || c == 0x200D;
    }

    /**
     * For the line feed at {@code i}, neither first nor last: true if {@link #clean} keeps it as it is, with no
     * white space on either side and at most one blank line.
     */
    private static boolean isCleanNewline(String s, int i) {
        char before = s.charAt(i - 1);
        char after = s.charAt(i + 1);
        if ((before != '\n' && isSpace(before)) || (after != '\n' && isSpace(after))) {
            return false;
        }
        return after != '\n' || s.charAt(i + 2) != '\n';
    }

    /**
     * True if the loop of {@link #clean} would give {@code s} back as it is: no carriage return, no line with white
     * space at either end, never two blank lines in a row, no white space at either end of the whole.
     */
    private static boolean isCleanLines(String s) {
        int length = s.length();
        if (length == 0 || isSpace(s.charAt(0)) || isSpace(s.charAt(length - 1)) || s.indexOf('\r') >= 0) {
            return false;
        }
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            // a newline is never first or last here, so both neighbours exist
            char before = s.charAt(i - 1);
            char after = s.charAt(i + 1);
            if ((before != '\n' && isSpace(before)) || (after != '\n' && isSpace(after))) {
                return false;
            }
            if (after == '\n' && s.charAt(i + 2) == '\n') {
                return false;
            }
        }
        return true;
    }

    /** A one-line field (title, author, tag): like {@link #clean} with every run of white space folded to one space. */
    public static String cleanLine(String raw) {
        if (raw != null && isClean(raw, true)) {
            return raw;
        }
        String s = clean(raw);
        StringBuilder out = null;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!isFoldedSpace(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            int end = i + 1;
            while (end < length && isFoldedSpace(s.charAt(end))) {
                end++;
            }
            // a lone ' ' stays as it is; copying starts only at the first run that changes, so most titles are
            // returned without a copy
            if (out == null && (c != ' ' || end - i > 1)) {
                out = new StringBuilder(length).append(s, 0, i);
            }
            if (out != null) {
                out.append(' ');
            }
            i = end - 1;
        }
        return out == null ? s : out.toString();
    }

    /**
     * What the regex {@code [\s\p{Z}]} matches: ASCII white space and Unicode space, line and paragraph separators
     * (no-break spaces included). All of them are in the BMP, so a char test is exact.
     */
    private static boolean isFoldedSpace(char c) {
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * NFC. Text is nearly always NFC already, and the quick check is faster than normalising (which copies every
     * string; BENCHMARKS.md, "Figures behind design choices"), so normalise only what needs it.
     */
    static String nfc(String s) {
        return isSurelyNfc(s) || Normalizer.isNormalized(s, Normalizer.Form.NFC)
                ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /**
     * A quicker answer than the normaliser's for the text it nearly always sees, Hindi and ASCII: true when every
     * character is below U+0300 (each its own NFC, combining with nothing) or a Devanagari letter, sign or digit
     * that does not decompose, and its two reordering marks, nukta (canonical class 7) and virama (9), stand in
     * canonical order and the nukta does not compose with the letter before it (न, र, ळ). False means "ask the
     * normaliser", not "not NFC".
     */
    static boolean isSurelyNfc(String s) {
        char previous = 0;
        int previousClass = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            int combiningClass = 0;
            if (c >= 0x300) {
                if (c < 0x0900 || c > 0x097F || (c >= 0x0951 && c <= 0x0954) || (c >= 0x0958 && c <= 0x095F)) {
                    return false;
                }
                if (c == 0x093C) {
                    combiningClass = 7;
                    if (previous == 0x0928 || previous == 0x0930 || previous == 0x0933) {
                        return false;
                    }
                } else if (c == 0x094D) {
                    combiningClass = 9;
                }
                if (combiningClass != 0 && previousClass > combiningClass) {
                    return false;
                }
            }
            previous = c;
            previousClass = combiningClass;
        }
        return true;
    }

    /** Trims white space at both ends, counting the no-break spaces that exported text often ends its lines with. */
    public static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** True if the text holds at least one letter or digit: a title of only spaces or marks is no title. */
    public static boolean hasContent(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** White space as {@link #trim} counts it. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\uFEFF';
    }

    static String stripIllegal(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            boolean keep = isAllowed(cp) && !(Character.isSurrogate(s.charAt(i)) && width == 1);
            if (!keep && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (keep && out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out == null ? s : out.toString();
    }

    /**
     * Whether article text may hold this code point: what XML 1.0 allows, less C1 controls, noncharacters and the
     * BOM. Lone surrogates are the caller's to check, as a code point cannot tell them.
     */
    public static boolean isAllowed(int cp) {
        if (cp == 0x9 || cp == 0xA || cp == 0xD) {
            return true;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            return false;
        }
        if (cp >= 0xFDD0 && cp <= 0xFDEF) {
            return false;
        }
        if ((cp & 0xFFFE) == 0xFFFE) {
            return false;
        }
        return cp != 0xFEFF;
    }
}
