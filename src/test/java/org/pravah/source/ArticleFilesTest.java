package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pravah.article.Article;
import org.pravah.catalog.Category;
import org.pravah.catalog.CategoryTree;
import org.pravah.catalog.TestCategories;

/** The documents the import writes read back as the files they came from read in a directory source. */
class ArticleFilesTest {
    private static final CategoryTree TREE = TestCategories.tree();
    private static final List<String> FIXTURES = List.of("json/single.json", "json/array.json", "json/nfd-nukta.json",
            "md/front-matter.md", "txt/lf.txt", "txt/crlf-bom.txt", "txt/section-only.txt");

    @TempDir
    Path dir;

    /** What the catalogue files an article under: its categories, or the export's section when none is known. */
    private static List<Category> filedUnder(Article a) {
        List<Category> categories = TREE.resolveAll(a.categoryRefs());
        return categories.isEmpty() ? TREE.resolveAll(a.fallbackCategoryRefs()) : categories;
    }

    @Test
    void every_format_is_stored_so_that_it_reads_back_as_its_file_reads() throws Exception {
        Path folder = dir.resolve("sangrah");
        Instant modified = Instant.parse("2026-11-20T10:00:00Z");
        for (int i = 0; i < FIXTURES.size(); i++) {
            Path file = folder.resolve("2026/11").resolve(FIXTURES.get(i).replace('/', '-'));
            Files.createDirectories(file.getParent());
            Files.write(file, Fixtures.bytes(FIXTURES.get(i)));
            // a second apart, as a directory source dates files that share one
            Files.setLastModifiedTime(file, FileTime.from(modified.minusSeconds(i)));
        }
        Map<String, Article> served = new HashMap<>();
        new DirectorySource("sangrah", folder, "sangrah", Fixtures.NORMALISER).load().articles()
                .forEach(a -> served.put(a.id(), a));

        ArticleFiles files = new ArticleFiles("sangrah", "sangrah", Fixtures.NORMALISER,
                refs -> !TREE.resolveAll(refs).isEmpty(), Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"));
        List<ArticleFiles.Document> documents = new ArrayList<>();
        for (ArticleFiles.Listed listed : ArticleFiles.list(folder)) {
            ArticleFiles.FileArticles read = files.read(listed);
            assertEquals(List.of(), read.problems(), listed.relative());
            documents.addAll(read.documents());
        }

        assertEquals(served.keySet(), documents.stream().map(ArticleFiles.Document::id)
                .collect(Collectors.toSet()));
        for (ArticleFiles.Document d : documents) {
            Article file = served.get(d.id());
            Article stored = ArticleDocument.read(ArticleDocument.parseStored(d.json()), "sangrah", d.id(),
                    Instant.EPOCH, Fixtures.NORMALISER);
            String what = d.origin() + " → " + d.json();
            assertEquals(file.title(), stored.title(), what);
            assertEquals(file.summary(), stored.summary(), what);
            assertEquals(file.contentHtml(), stored.contentHtml(), what);
            assertEquals(filedUnder(file), filedUnder(stored), what);
            assertEquals(file.tags(), stored.tags(), what);
            assertEquals(file.published(), stored.published(), what);
            assertEquals(file.updated(), stored.updated(), what);
            assertEquals(file.author(), stored.author(), what);
            assertEquals(file.url(), stored.url(), what);
            assertEquals(file.image(), stored.image(), what);
            assertEquals(file.language(), stored.language(), what);
        }
        ArticleFiles.Document export = documents.stream()
                .filter(d -> d.id().equals("2026/11/txt-section-only")).findFirst().orElseThrow();
        assertTrue(export.datedByFile(), "the export names no date");
        assertEquals(List.of("विदेश"), filedUnder(ArticleDocument.read(export.document(), "sangrah", export.id(),
                Instant.EPOCH, Fixtures.NORMALISER)).stream().map(Category::label).toList(),
                "the section line ('Latest World News') files it, as no breadcrumb category does");
    }
}
