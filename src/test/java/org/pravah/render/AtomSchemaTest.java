package org.pravah.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pravah.Application;
import org.pravah.testing.MiniSite;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** Every Atom feed the mini site serves is valid against RFC 4287 Appendix B (src/test/resources/schema/atom.rnc). */
class AtomSchemaTest {
    @TempDir
    static Path dir;
    static RenderedSite site;

    private final List<String> errors = new ArrayList<>();
    private ValidationDriver driver;

    @BeforeAll
    static void render() throws Exception {
        site = new Application(new RenderFixture(dir).config).refresh();
    }

    @BeforeEach
    void loadSchema() throws Exception {
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a feed invalid
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, collect);
        driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        String schema = AtomSchemaTest.class.getResource("/schema/atom.rnc").toString();
        assertTrue(driver.loadSchema(ValidationDriver.uriOrFileInputSource(schema)), () -> "schema: " + errors);
    }

    private boolean valid(byte[] atom) throws Exception {
        return driver.validate(new InputSource(new ByteArrayInputStream(atom)));
    }

    static Stream<String> categories() {
        return Stream.concat(Stream.of(SiteLinks.ALL), MiniSite.CATEGORY_PATHS.stream());
    }

    @ParameterizedTest
    @MethodSource("categories")
    void atom_feed_is_valid_against_the_rfc4287_relax_ng_schema(String category) throws Exception {
        byte[] atom = site.feed(category, FeedFormat.ATOM).orElseThrow().bytes();
        assertTrue(valid(atom), () -> "/feeds/" + category + ".atom: " + errors);
    }

    /** The validator really checks: the same feed without its required atom:id is refused. */
    @Test
    void schema_refuses_a_feed_without_its_id() throws Exception {
        String atom = new String(site.feed(SiteLinks.ALL, FeedFormat.ATOM).orElseThrow().bytes(), StandardCharsets.UTF_8);
        String feedId = "  <id>" + RenderFixture.BASE_URL + "/feeds/all.atom</id>\n";
        assertTrue(atom.contains(feedId), atom);
        assertFalse(valid(atom.replace(feedId, "").getBytes(StandardCharsets.UTF_8)));
    }
}
