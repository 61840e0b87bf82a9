package org.pravah.article;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How large each field of one article may be, for every source: the publish API, article files, the store and
 * upstream feeds. Without them one write (a 900 KB title, 100 000 tags) made {@code /feeds/all.rss} larger than the
 * 2 MB a feed may have; they are far above what a real article needs. Text is counted in characters (code points)
 * after cleaning, as the feeds carry it; a body in UTF-8 bytes as written; a list in entries as written.
 */
public enum ArticleLimit {
    /** Also the store's VARCHAR(200) id column. */
    ID(200, Unit.CHARACTERS),
    TITLE(500, Unit.CHARACTERS),
    SUMMARY(5_000, Unit.CHARACTERS),
    /** {@code body} or {@code contentHtml}. */
    BODY(1024 * 1024, Unit.BYTES),
    AUTHOR(200, Unit.CHARACTERS),
    /** {@code url} and {@code image.url}. */
    URL(2_000, Unit.CHARACTERS),
    IMAGE_CAPTION(500, Unit.CHARACTERS),
    IMAGE_CREDIT(200, Unit.CHARACTERS),
    CATEGORIES(20, Unit.ENTRIES),
    CATEGORY(200, Unit.CHARACTERS),
    TAGS(50, Unit.ENTRIES),
    TAG(100, Unit.CHARACTERS);

    private enum Unit {
        CHARACTERS("characters"), BYTES("bytes (UTF-8)"), ENTRIES("entries");

        final String label;

        Unit(String label) {
            this.label = label;
        }
    }

    private final int max;
    private final Unit unit;

    ArticleLimit(int max, Unit unit) {
        this.max = max;
        this.unit = unit;
    }

    public int max() {
        return max;
    }

    /**
     * A field over its limit.
     *
     * @param path the field as the JSON of an article file names it: {@code ["title"]}, {@code ["image", "url"]},
     *             {@code ["tags", "3"]}
     */
    public record Exceeded(List<String> path, String detail) {
        public Exceeded {
            path = List.copyOf(path);
        }

        /** The field as messages about files name it: {@code title}, {@code image.url}, {@code tags[3]}. */
        public String field() {
            StringBuilder out = new StringBuilder(path.get(0));
            for (String segment : path.subList(1, path.size())) {
                out.append(segment.chars().allMatch(Character::isDigit) ? "[" + segment + "]" : "." + segment);
            }
            return out.toString();
        }
    }

    /** Every field of {@code draft} over its limit, in the order of an article file's fields. */
    public static List<Exceeded> exceededBy(ArticleDraft draft) {
        List<Exceeded> out = new ArrayList<>();
        ID.text(draft.id()).ifPresent(d -> out.add(new Exceeded(List.of("id"), d)));
        TITLE.text(draft.title()).ifPresent(d -> out.add(new Exceeded(List.of("title"), d)));
        SUMMARY.text(draft.summary()).ifPresent(d -> out.add(new Exceeded(List.of("summary"), d)));
        String bodyField = draft.bodyFormat() == ArticleDraft.BodyFormat.HTML ? "contentHtml" : "body";
        BODY.bytes(draft.body()).ifPresent(d -> out.add(new Exceeded(List.of(bodyField), d)));
        list(draft.categories(), "categories", CATEGORIES, CATEGORY, out);
        list(draft.tags(), "tags", TAGS, TAG, out);
        AUTHOR.text(draft.author()).ifPresent(d -> out.add(new Exceeded(List.of("author"), d)));
        URL.text(draft.url()).ifPresent(d -> out.add(new Exceeded(List.of("url"), d)));
        URL.text(draft.imageUrl()).ifPresent(d -> out.add(new Exceeded(List.of("image", "url"), d)));
        IMAGE_CAPTION.text(draft.imageCaption()).ifPresent(d -> out.add(new Exceeded(List.of("image", "caption"), d)));
        IMAGE_CREDIT.text(draft.imageCredit()).ifPresent(d -> out.add(new Exceeded(List.of("image", "credit"), d)));
        return out;
    }

    private static void list(List<String> values, String field, ArticleLimit count, ArticleLimit each,
                             List<Exceeded> out) {
        count.over(values.size()).ifPresent(d -> out.add(new Exceeded(List.of(field), d)));
        for (int i = 0; i < values.size(); i++) {
            int index = i;
            each.text(values.get(i)).ifPresent(d -> out.add(new Exceeded(List.of(field, Integer.toString(index)), d)));
        }
    }

    /**
     * {@code raw} cut to this limit's characters, ending in "…" where it was cut: for text we do not write ourselves
     * (an upstream feed's description), where a long field is no reason to drop the whole item.
     */
    public String clip(String raw) {
        if (raw == null || text(raw).isEmpty()) {
            return raw;
        }
        String clean = Text.cleanLine(raw);
        return clean.substring(0, clean.offsetByCodePoints(0, max - 1)).strip() + "…";
    }

    private Optional<String> text(String raw) {
        if (raw == null || raw.length() <= max / 3) {
            // cleaning (NFC) at most triples a text's length: short ones cannot be over, and are not cleaned twice
            return Optional.empty();
        }
        String clean = Text.cleanLine(raw);
        return over(clean.codePointCount(0, clean.length()));
    }

    private Optional<String> bytes(String raw) {
        if (raw == null || raw.length() <= max / 3) {
            // a UTF-16 char is at most three UTF-8 bytes: short bodies cannot be over, and are not encoded
            return Optional.empty();
        }
        return over(raw.getBytes(StandardCharsets.UTF_8).length);
    }

    private Optional<String> over(long size) {
        return size <= max ? Optional.empty()
                : Optional.of(size + " " + unit.label + ", more than the " + max + " allowed");
    }
}
