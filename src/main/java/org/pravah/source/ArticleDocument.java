package org.pravah.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.pravah.article.Article;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleLimit;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.ArticleWarning;

/**
 * An article as one JSON object in the shape of a {@code *.json} article file: what the publish API accepts and
 * the article store keeps. It is read by the same reader and normaliser as a file, so the same rules apply; unlike
 * a file, a document is checked whole before it is stored, and every bad field is named with its JSON pointer.
 */
public final class ArticleDocument {
    /**
     * Ids of stored articles stay plain, so they sit in a URL path without escaping: segments of ASCII letters,
     * digits, '.', '_' and '-', each starting with a letter or digit (so never '.' or '..'), joined by '/' as a
     * directory source's ids are (an archive imported from YEAR/MONTH folders keeps its paths as ids).
     */
    private static final Pattern ID = Pattern.compile("(?=.{1,200}$)[A-Za-z0-9][A-Za-z0-9._-]*"
            + "(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*");
    /** How a bad id is explained, to API clients and to the import command alike. */
    public static final String ID_RULE = "1 to 200 ASCII letters, digits, '.', '_' and '-', starting with a letter"
            + " or digit; '/' may join such segments";
    private static final Set<String> TEXT_FIELDS = Set.of("id", "title", "summary", "body", "contentHtml",
            "published", "updated", "author", "url", "language");
    private static final Set<String> LIST_FIELDS = Set.of("categories", "tags");
    private static final Set<String> IMAGE_FIELDS = Set.of("url", "caption", "credit");
    /** Prefix of the normaliser's messages while probing one field; cut off so the detail reads on its own. */
    private static final String PROBE = "article";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ArticleDocument() {
    }

    /** A field that breaks a rule. @param pointer RFC 6901 JSON pointer in URI fragment form, e.g. {@code #/image/url} */
    public record FieldProblem(String pointer, String detail) {
    }

    /** The outcome of {@link #check}. */
    public sealed interface Checked {
    }

    /**
     * @param document the document to store: the known fields, {@code id} first; it reads as an article
     *                 ({@link #read}) without fail
     */
    public record Valid(ObjectNode document, String id) implements Checked {
    }

    public record Invalid(List<FieldProblem> problems) implements Checked {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    public static boolean isValidId(String id) {
        return ID.matcher(id).matches();
    }

    /**
     * Decodes a request body as strict UTF-8 and parses it as one JSON value, with nothing but white space after it.
     *
     * @throws ArticleException naming the byte offset of the first bad byte, or the line and column of a syntax error
     *                          or of what follows the value
     */
    public static JsonNode parse(byte[] body) throws ArticleException {
        String text = decodeUtf8(body);
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new ArticleException("request body: empty; expected a JSON object with article fields");
            }
            JsonLocation end = parser.currentLocation();
            boolean more;
            try {
                more = parser.nextToken() != null;
            } catch (JsonProcessingException e) {
                // not even a token ('garbage'): what matters to the client is that anything follows at all
                more = true;
            }
            if (more) {
                // two objects, or an article with a stray tail: storing the first value would hide the mistake
                throw new ArticleException("request body: something follows the JSON value (from line "
                        + end.getLineNr() + ", column " + end.getColumnNr()
                        + "); send one JSON object and nothing after it");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ArticleException("request body: broken JSON" + place + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string failed", e);
        }
    }

    /** Strict UTF-8: the byte offset of the first bad byte is the most useful thing to tell a client. */
    private static String decodeUtf8(byte[] body) throws ArticleException {
        return Utf8.decode(body, "request body", "send the article in UTF-8");
    }

    /**
     * Checks a document against every article rule and reports all broken ones at once.
     *
     * @param pathId            the id the URL names (PUT); the document's own {@code id} must then be absent or equal
     * @param fallbackPublished the date of an article that names none
     */
    public static Checked check(JsonNode node, Optional<String> pathId, String sourceName,
                                ArticleNormaliser normaliser, Instant fallbackPublished) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add(new FieldProblem("#", "expected a JSON object with article fields, found "
                    + node.getNodeType()));
            return new Invalid(problems);
        }
        Set<String> badTypes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String pointer = "#/" + escape(name);
            if (TEXT_FIELDS.contains(name)) {
                if (!isText(value)) {
                    problems.add(new FieldProblem(pointer, "expected text, found " + value.getNodeType()));
                    badTypes.add(name);
                }
            } else if (LIST_FIELDS.contains(name)) {
                if (!value.isNull() && !value.isTextual() && !value.isArray()) {
                    problems.add(new FieldProblem(pointer, "expected a list of text, found " + value.getNodeType()));
                    badTypes.add(name);
                }
                for (int i = 0; value.isArray() && i < value.size(); i++) {
                    if (!value.get(i).isTextual()) {
                        problems.add(new FieldProblem(pointer + "/" + i, "expected text, found "
                                + value.get(i).getNodeType()));
                        badTypes.add(name);
                    }
                }
            } else if (name.equals("image")) {
                if (!value.isNull() && !value.isObject()) {
                    problems.add(new FieldProblem(pointer, "expected an object with url, caption, credit"));
                    badTypes.add(name);
                }
                for (Map.Entry<String, JsonNode> sub : value.properties()) {
                    String subPointer = pointer + "/" + escape(sub.getKey());
                    if (!IMAGE_FIELDS.contains(sub.getKey())) {
                        problems.add(new FieldProblem(subPointer, "unknown field (known: " + new TreeSet<>(IMAGE_FIELDS)
                                + ")"));
                    } else if (!isText(sub.getValue())) {
                        problems.add(new FieldProblem(subPointer, "expected text, found " + sub.getValue().getNodeType()));
                        badTypes.add("image." + sub.getKey());
                    }
                }
            } else {
                problems.add(new FieldProblem(pointer, "unknown field (known: "
                        + new TreeSet<>(JsonArticleReader.FIELDS) + ")"));
            }
        }

        String id = pathId.orElse("");
        JsonNode ownId = node.path("id");
        if (!badTypes.contains("id")) {
            String written = isText(ownId) && !ownId.isNull() ? ownId.asText() : "";
            if (pathId.isPresent() && !written.isEmpty() && !written.equals(pathId.get())) {
                problems.add(new FieldProblem("#/id", "'" + written + "' differs from the id in the URL ('"
                        + pathId.get() + "')"));
            } else if (pathId.isEmpty() && written.isEmpty()) {
                problems.add(new FieldProblem("#/id", "missing required field 'id' (or PUT the article to"
                        + " /api/articles/{id})"));
            } else if (pathId.isEmpty()) {
                id = written;
            }
            if (!id.isEmpty() && !isValidId(id)) {
                problems.add(new FieldProblem("#/id", "'" + id + "' is not an article id: " + ID_RULE));
            }
        }

        ObjectNode document = JSON.createObjectNode();
        document.put("id", id);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals("id")) {
                document.set(field.getKey(), field.getValue());
            }
        }
        // the common case, a good article, in one pass: the rules are per field, so when the whole article meets
        // them without a warning, each field alone does too. Only an article that breaks one is probed field by
        // field below, to name every bad field. Checked, not read: the HTML is made when the article is served, and
        // is most of the work.
        Optional<String> broken = Optional.empty();
        if (problems.isEmpty()) {
            List<ArticleWarning> warnings = new ArrayList<>();
            try {
                ArticleFile origin = new ArticleFile(id, fallbackPublished, "store " + sourceName + "/" + id);
                normaliser.check(sourceName, JsonArticleReader.readObject(document, "", id, origin,
                        new ArrayList<>()), warnings);
                if (warnings.isEmpty()) {
                    return new Valid(document, id);
                }
            } catch (ArticleException e) {
                broken = Optional.of(e.getMessage());
            }
        }

        // a field over its limit is reported as that, once: the probes below leave it alone
        Set<String> reported = new TreeSet<>(badTypes);
        for (ArticleLimit.Exceeded e : overLimits(node, badTypes)) {
            problems.add(new FieldProblem(pointer(node, e.path()), e.detail()));
            reported.add(e.field());
        }

        // every rule of the normaliser, one field at a time, so that one bad field cannot hide the next
        probe(problems, reported, "title", "#/title", normaliser, sourceName,
                () -> draft(text(node, "title"), "", "", "", "", ""));
        probe(problems, reported, "url", "#/url", normaliser, sourceName,
                () -> draft("x", text(node, "url"), "", "", "", ""));
        probe(problems, reported, "published", "#/published", normaliser, sourceName,
                () -> draft("x", "", text(node, "published"), "", "", ""));
        probe(problems, reported, "updated", "#/updated", normaliser, sourceName,
                () -> draft("x", "", "", text(node, "updated"), "", ""));
        probe(problems, reported, "language", "#/language", normaliser, sourceName,
                () -> draft("x", "", "", "", text(node, "language"), ""));
        probe(problems, reported, "image.url", "#/image/url", normaliser, sourceName,
                () -> draft("x", "", "", "", "", text(node.path("image"), "url")));
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        // the probes cover every rule; this is the net under them
        return new Invalid(List.of(new FieldProblem("#", broken.orElse("the article breaks a rule"))));
    }

    /** Reads a stored document into an article, exactly as the JSON file reader and the normaliser read a file. */
    public static Article read(JsonNode document, String sourceName, String id, Instant fallbackPublished,
                               ArticleNormaliser normaliser) throws ArticleException {
        ArticleFile origin = new ArticleFile(id, fallbackPublished, "store " + sourceName + "/" + id);
        // a document is checked field by field before it is stored (check), so neither list gets anything here
        List<String> warnings = new ArrayList<>();
        ArticleDraft draft = JsonArticleReader.readObject(document, "", id, origin, warnings);
        return normaliser.normalise(sourceName, draft, new ArrayList<>());
    }

    /** A document as the store keeps it: the JSON text ({@code toString()}), in UTF-8. */
    public static byte[] utf8(JsonNode document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** Parses a stored document. */
    public static JsonNode parseStored(String document) throws ArticleException {
        try {
            return JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new ArticleException("stored document is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The fields over their limits, read as the JSON reader reads a file; fields of the wrong type are already
     * reported and left out, and so is the id, which {@link #isValidId} bounds.
     */
    private static List<ArticleLimit.Exceeded> overLimits(JsonNode node, Set<String> badTypes) {
        ObjectNode readable = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            boolean badImage = name.equals("image") && badTypes.stream().anyMatch(t -> t.startsWith("image."));
            if (!name.equals("id") && !badTypes.contains(name) && !badImage) {
                readable.set(name, field.getValue());
            }
        }
        try {
            ArticleFile origin = new ArticleFile("", Instant.EPOCH, PROBE);
            return ArticleLimit.exceededBy(JsonArticleReader.readObject(readable, "", "", origin, new ArrayList<>()));
        } catch (ArticleException e) {
            // only a wrong type makes the reader fail, and those are left out above
            return List.of();
        }
    }

    /** The pointer to a field over its limit; a list written as one text is that text, not an entry of it. */
    private static String pointer(JsonNode node, List<String> path) {
        List<String> segments = node.path(path.get(0)).isTextual() ? path.subList(0, 1) : path;
        return "#/" + String.join("/", segments.stream().map(ArticleDocument::escape).toList());
    }

    private static void probe(List<FieldProblem> problems, Set<String> reported, String field, String pointer,
                              ArticleNormaliser normaliser, String sourceName,
                              Supplier<ArticleDraft> draft) {
        if (reported.contains(field) || (field.startsWith("image.") && reported.contains("image"))) {
            return;
        }
        try {
            // what a file may get away with (an image URL that is dropped) the API refuses, so the writer hears of it
            List<ArticleWarning> warnings = new ArrayList<>();
            normaliser.check(sourceName, draft.get(), warnings);
            warnings.forEach(w -> problems.add(new FieldProblem(pointer, w.field() + ": " + w.detail())));
        } catch (ArticleException e) {
            String message = e.getMessage();
            problems.add(new FieldProblem(pointer, message.startsWith(PROBE + ": ")
                    ? message.substring(PROBE.length() + 2) : message));
        }
    }

    /** A draft with placeholders everywhere but the probed field, so only that field's rules can fail. */
    private static ArticleDraft draft(String title, String url, String published, String updated, String language,
                                      String imageUrl) {
        return ArticleDraft.builder("x", PROBE, Instant.EPOCH).title(title).published(published).updated(updated)
                .url(url).image(imageUrl, "", "").language(language).build();
    }

    private static boolean isText(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.isTextual() || value.isNumber();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
