package org.pravah.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.pravah.article.Article;
import org.pravah.article.ArticleDraft;
import org.pravah.article.ArticleException;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.ArticleWarning;
import org.pravah.article.LanguageTag;
import org.pravah.article.SiteDefaults;

/** Reads the files under {@code src/test/resources/fixtures} as bytes and runs them through one reader. */
final class Fixtures {
    static final Instant FILE_TIME = Instant.parse("2026-11-20T10:00:00Z");
    static final SiteDefaults SITE =
            new SiteDefaults(LanguageTag.HINDI, ZoneId.of("Asia/Kolkata"), "http://localhost:8080");
    static final ArticleNormaliser NORMALISER = new ArticleNormaliser(SITE);

    private Fixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture decoded the way {@link DirectorySource} decodes files. */
    static String text(String path) throws ArticleException {
        return Utf8.decode(bytes(path), "fixtures/" + path);
    }

    static ArticleFile file(String path) {
        int dot = path.lastIndexOf('.');
        return new ArticleFile(path.substring(0, dot), FILE_TIME, "fixtures/" + path);
    }

    static List<ArticleDraft> read(ArticleReader reader, String path, List<String> warnings) throws ArticleException {
        return reader.read(text(path), file(path), warnings);
    }

    static List<ArticleDraft> read(ArticleReader reader, String path) throws ArticleException {
        return read(reader, path, new ArrayList<>());
    }

    static Article normalise(ArticleDraft draft) throws ArticleException {
        List<ArticleWarning> warnings = new ArrayList<>();
        Article article = NORMALISER.normalise("local", draft, warnings);
        if (!warnings.isEmpty()) {
            throw new ArticleException(warnings.get(0).message());
        }
        return article;
    }
}
