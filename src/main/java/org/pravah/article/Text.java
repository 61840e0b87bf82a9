package org.pravah.article;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The one place that decides what text may enter the catalogue: NFC, nothing XML 1.0 forbids, no stray controls.
 *
 * <p>Devanagari depends on invisible characters (virama, nukta, ZWJ U+200D and ZWNJ U+200C select conjunct forms), so
 * nothing here touches format characters; only code points that XML 1.0 forbids, C1 controls (which no editor
 * types on purpose and feed validators flag), noncharacters and lone surrogates are removed.
 */
public final class Text {
    // compiled once: String.replaceAll would compile them again for every field of every article
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    private Text() {
    }

    /** A multi-line field (summary, body): NFC, cleaned, each line's ends trimmed, outer blank lines dropped. */
    public static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String nfc = Normalizer.normalize(stripIllegal(raw), Normalizer.Form.NFC);
        String unixNewlines = nfc.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(unixNewlines.length());
        for (String line : unixNewlines.split("\n", -1)) {
            out.append(trim(line)).append('\n');
        }
        return trim(BLANK_LINES.matcher(out).replaceAll("\n\n"));
    }

    /** A one-line field (title, author, tag): like {@link #clean} with every run of white space folded to one space. */
    public static String cleanLine(String raw) {
        return SPACES.matcher(clean(raw)).replaceAll(" ");
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

    private static boolean isSpace(char c) {
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

    private static boolean isAllowed(int cp) {
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
