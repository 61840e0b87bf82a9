package org.pravah.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleDraft.BodyFormat;
import org.pravah.article.ArticleException;

/** {@code *.md}: YAML front matter with the JSON article keys, then the body in Markdown. */
final class MarkdownArticleReader implements ArticleReader {
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---[ \\t]*\\r?\\n(.*?)\\r?\\n---[ \\t]*(?:\\r?\\n|\\z)(.*)\\z",
            Pattern.DOTALL);
    private static final ObjectMapper YAML = new YAMLMapper();

    @Override
    public List<ArticleDraft> read(String text, ArticleFile file, List<String> warnings) throws ArticleException {
        Matcher m = FRONT_MATTER.matcher(text);
        if (!m.matches()) {
            throw new ArticleException(file.name() + ": expected YAML front matter between '---' lines at the top");
        }
        JsonNode front;
        try {
            front = YAML.readTree(m.group(1));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // the front matter starts on the file's second line
            String place = at == null ? "" : " at line " + (at.getLineNr() + 1) + ", column " + at.getColumnNr();
            throw new ArticleException(file.name() + ": broken YAML front matter" + place + ": " + e.getOriginalMessage());
        }
        if (front == null || !front.isObject()) {
            throw new ArticleException(file.name() + ": front matter must be a mapping of article fields");
        }
        if (front.has("body") || front.has("contentHtml")) {
            warnings.add(file.name() + ": body comes from the Markdown below the front matter; 'body'/'contentHtml' ignored");
        }
        ArticleDraft fields = JsonArticleReader.readObject(front, "", file.defaultId(), file, warnings);
        return List.of(fields.toBuilder().body(m.group(2), BodyFormat.MARKDOWN).build());
    }
}
