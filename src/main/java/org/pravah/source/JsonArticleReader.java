package org.pravah.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleDraft.BodyFormat;
import org.pravah.article.ArticleException;

/** {@code *.json}: one article object, or an array of them. */
final class JsonArticleReader implements ArticleReader {
    static final Set<String> FIELDS = Set.of("id", "title", "summary", "body", "contentHtml", "categories", "tags",
            "published", "updated", "author", "url", "image", "language");
    private static final Set<String> IMAGE_FIELDS = Set.of("url", "caption", "credit");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Files up to this size are decoded into a buffer each reading thread keeps. */
    private static final int KEPT_BUFFER_CHARS = 64 * 1024;
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[KEPT_BUFFER_CHARS]);

    /**
     * Decodes the file into a char buffer that the parser reads as it is: the text as a String cost a buffer twice
     * its size, a trimmed copy, a scan for U+FFFD and the parser's own copy, on every file of a first start. Anything
     * but UTF-8 that parses (a bad byte, broken JSON) goes the way of the decoded String, which says what is wrong.
     */
    @Override
    public List<ArticleDraft> read(byte[] bytes, ArticleFile file, List<String> warnings) throws ArticleException {
        char[] chars = bytes.length <= KEPT_BUFFER_CHARS ? BUFFER.get() : new char[bytes.length];
        int length = Utf8.decodeInto(bytes, chars);
        if (length >= 0) {
            int start = length > 0 && chars[0] == '\uFEFF' ? 1 : 0;
            JsonNode root;
            try (JsonParser parser = JSON.createParser(chars, start, length - start)) {
                root = JSON.readTree(parser);
            } catch (IOException e) {
                return read(Utf8.decode(bytes, file.name()), file, warnings);
            }
            return drafts(root, file, warnings);
        }
        return read(Utf8.decode(bytes, file.name()), file, warnings);
    }

    @Override
    public List<ArticleDraft> read(String text, ArticleFile file, List<String> warnings) throws ArticleException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ArticleException(file.name() + ": broken JSON" + place + ": " + e.getOriginalMessage());
        }
        return drafts(root, file, warnings);
    }

    /** @param root null or missing for a file without a JSON value */
    private static List<ArticleDraft> drafts(JsonNode root, ArticleFile file, List<String> warnings)
            throws ArticleException {
        if (root == null || root.isMissingNode()) {
            throw new ArticleException(file.name() + ": empty file");
        }
        List<ArticleDraft> drafts = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                String path = "[" + i + "]";
                String defaultId = file.defaultId() + "-" + (i + 1);
                drafts.add(readObject(root.get(i), path, defaultId, file, warnings));
            }
        } else {
            drafts.add(readObject(root, "", file.defaultId(), file, warnings));
        }
        return drafts;
    }

    /** The fields of one article object; shared with the Markdown reader, whose front matter has the same keys. */
    static ArticleDraft readObject(JsonNode node, String path, String defaultId, ArticleFile file,
                                   List<String> warnings) throws ArticleException {
        String where = file.name() + (path.isEmpty() ? "" : " " + path);
        if (!node.isObject()) {
            throw new ArticleException(where + ": expected an article object, found " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                warnings.add(where + ": unknown field '" + field.getKey() + "' ignored (known: " + FIELDS + ")");
            }
        }
        JsonNode image = node.path("image");
        if (!image.isMissingNode() && !image.isNull() && !image.isObject()) {
            throw new ArticleException(where + ": image: expected an object with url, caption, credit");
        }
        for (Map.Entry<String, JsonNode> field : image.properties()) {
            if (!IMAGE_FIELDS.contains(field.getKey())) {
                warnings.add(where + ": unknown field 'image." + field.getKey() + "' ignored");
            }
        }
        String contentHtml = string(node, "contentHtml", where);
        String body = string(node, "body", where);
        boolean html = !contentHtml.isBlank();
        return ArticleDraft.builder(node.has("id") ? string(node, "id", where) : defaultId, where,
                        file.fallbackPublished())
                .title(string(node, "title", where))
                .summary(string(node, "summary", where))
                .body(html ? contentHtml : body, html ? BodyFormat.HTML : BodyFormat.PLAIN_TEXT)
                .categories(strings(node, "categories", where))
                .tags(strings(node, "tags", where))
                .published(string(node, "published", where))
                .updated(string(node, "updated", where))
                .author(string(node, "author", where))
                .url(string(node, "url", where))
                .image(string(image, "url", where + " image"), string(image, "caption", where + " image"),
                        string(image, "credit", where + " image"))
                .language(string(node, "language", where))
                .build();
    }

    private static String string(JsonNode node, String field, String where) throws ArticleException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        throw new ArticleException(where + ": " + field + ": expected text, found " + value.getNodeType());
    }

    private static List<String> strings(JsonNode node, String field, String where) throws ArticleException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (!value.isArray()) {
            throw new ArticleException(where + ": " + field + ": expected a list of text, found " + value.getNodeType());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() && !item.isNumber()) {
                throw new ArticleException(where + ": " + field + "[" + i + "]: expected text, found " + item.getNodeType());
            }
            out.add(item.asText());
        }
        return out;
    }
}
