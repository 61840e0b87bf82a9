package org.pravah.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleDraft.BodyFormat;
import org.pravah.article.ArticleException;
import org.pravah.article.Text;

/**
 * {@code *.txt}: the plain-text export layout publishers already have. Paragraphs are separated by blank lines:
 * <pre>
 * A                                   (optional one-letter line)
 * Hindi News विदेश एशिया &lt;title&gt;      (breadcrumb: category labels, then the title)
 * &lt;title&gt;
 * &lt;summary&gt;
 * &lt;title&gt;- Publisher Image Source : &lt;credit&gt; &lt;title&gt;   (optional image line)
 * &lt;body paragraphs…&gt;                  (the first may start with a dateline, "नई दिल्ली:")
 * Latest World News                   (the section, used when the breadcrumb names no category)
 * </pre>
 * Such files carry no date: their articles are dated by when the file was {@linkplain FirstSeen first seen}. Nor do
 * they carry the picture's address, only its credit: the picture is the one kept under the file's name in the site's
 * images folder ({@link ArticleFile#picture()}), if there is one.
 */
final class PlainTextArticleReader implements ArticleReader {
    private static final String BREADCRUMB = "Hindi News";
    private static final Pattern IMAGE_LINE = Pattern.compile("^(.*?)-\\s*(.*?)\\s*Image Source\\s*:\\s*(.*)$");
    private static final Pattern SECTION_LINE = Pattern.compile("^Latest\\s+(.+?)\\s+News$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ONE_LETTER = Pattern.compile("^\\p{L}$");

    @Override
    public List<ArticleDraft> read(String text, ArticleFile file, List<String> warnings) throws ArticleException {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\r\\n|\\r|\\n")) {
            String trimmed = Text.trim(line);
            if (!trimmed.isEmpty()) {
                lines.add(trimmed);
            }
        }
        int at = 0;
        if (at < lines.size() && ONE_LETTER.matcher(lines.get(at)).matches()) {
            at++;
        }
        if (at >= lines.size() || !lines.get(at).startsWith(BREADCRUMB)) {
            throw new ArticleException(file.name() + ": expected the breadcrumb line 'Hindi News …' first"
                    + (at < lines.size() ? ", found '" + abbreviate(lines.get(at)) + "'" : ", found an empty file"));
        }
        String breadcrumb = Text.trim(lines.get(at++).substring(BREADCRUMB.length()));
        if (at >= lines.size()) {
            throw new ArticleException(file.name() + ": missing required field 'title' (the line after the breadcrumb)");
        }
        String title = lines.get(at++);
        String categoryPhrase = breadcrumb.endsWith(title)
                ? Text.trim(breadcrumb.substring(0, breadcrumb.length() - title.length()))
                : "";
        String summary = "";
        if (at < lines.size() && !isImageLine(lines.get(at), title)) {
            summary = lines.get(at++);
        }
        String credit = "";
        String caption = "";
        if (at < lines.size() && isImageLine(lines.get(at), title)) {
            // the export repeats the title around the credit: it is the image's caption
            caption = title;
            Matcher m = IMAGE_LINE.matcher(lines.get(at++));
            if (m.matches()) {
                String rest = Text.trim(m.group(3));
                credit = rest.endsWith(title) ? Text.trim(rest.substring(0, rest.length() - title.length())) : rest;
            }
        }
        String section = "";
        int end = lines.size();
        if (end > at) {
            Matcher m = SECTION_LINE.matcher(lines.get(end - 1));
            if (m.matches()) {
                section = m.group(1);
                end--;
            }
        }
        String body = String.join("\n\n", lines.subList(at, end));
        if (summary.isEmpty() && categoryPhrase.isEmpty() && body.isEmpty()) {
            warnings.add(file.name() + ": only a title was found");
        }
        return List.of(ArticleDraft.builder(file.defaultId(), file.name(), file.fallbackPublished())
                .title(title)
                .summary(summary)
                .body(body, BodyFormat.PLAIN_TEXT)
                .categories(categoryPhrase.isEmpty() ? List.of() : List.of(categoryPhrase))
                .fallbackCategories(section.isEmpty() ? List.of() : List.of(section))
                .image(file.picture(), caption, credit)
                .build());
    }

    private static boolean isImageLine(String line, String title) {
        return line.contains("Image Source") && IMAGE_LINE.matcher(line).matches();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
