package org.pravah.search;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.pravah.article.Article;
import org.pravah.catalog.CatalogEntry;
import org.pravah.catalog.Snapshot;

/** What the index keeps of one article, and the fingerprint that tells whether that is still what it would keep. */
final class IndexedArticle {
    /** Words only: prefix queries need no frequencies, positions or norms, and the index is smaller without them. */
    private static final FieldType WORDS = new FieldType();

    static {
        WORDS.setIndexOptions(IndexOptions.DOCS);
        WORDS.setTokenized(true);
        WORDS.setOmitNorms(true);
        WORDS.freeze();
    }

    private IndexedArticle() {
    }

    static Document document(CatalogEntry entry, Set<String> paths, long fingerprint) {
        Article a = entry.article();
        Document doc = new Document();
        doc.add(new StringField(SearchIndex.KEY, a.key(), Field.Store.NO));
        doc.add(new SortedDocValuesField(SearchIndex.KEY, new BytesRef(a.key())));
        doc.add(new NumericDocValuesField(SearchIndex.PUBLISHED, a.published().getEpochSecond()));
        doc.add(new NumericDocValuesField(SearchIndex.PUBLISHED_NANOS, a.published().getNano()));
        doc.add(new NumericDocValuesField(SearchIndex.FINGERPRINT, fingerprint));
        String text = SearchWords.searchableText(a);
        doc.add(new Field(SearchIndex.TEXT, text, WORDS));
        doc.add(new Field(SearchIndex.STEMS, text, WORDS));
        for (String tag : a.tags()) {
            doc.add(new StringField(SearchIndex.TAG, SearchWords.foldCase(tag), Field.Store.NO));
        }
        for (String path : paths) {
            doc.add(new StringField(SearchIndex.PATH, path, Field.Store.NO));
        }
        return doc;
    }

    static Document document(CatalogEntry entry) {
        Set<String> paths = Snapshot.filedUnder(entry);
        return document(entry, paths, fingerprint(entry, paths));
    }

    /**
     * A hash of everything {@link #document} indexes: equal fingerprints, equal documents. The summary is hashed as
     * the bytes it is kept as, so a start compares a million articles without decoding their summaries.
     */
    static long fingerprint(CatalogEntry entry, Set<String> paths) {
        Article a = entry.article();
        HashStream64 hash = Hashing.xxh3_64().hashStream();
        Instant published = a.published();
        hash.putLong(published.getEpochSecond()).putInt(published.getNano()).putString(a.title());
        long[] summaryBytes = {0};
        try {
            a.texts().writeSummaryUtf16le(new OutputStream() {
                @Override
                public void write(int b) {
                    hash.putByte((byte) b);
                    summaryBytes[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    hash.putBytes(b, off, len);
                    summaryBytes[0] += len;
                }
            });
        } catch (IOException e) {
            // the stream above throws nothing
            throw new UncheckedIOException(e);
        }
        hash.putLong(summaryBytes[0]).putInt(a.tags().size());
        a.tags().forEach(hash::putString);
        hash.putInt(paths.size());
        paths.forEach(hash::putString);
        return hash.getAsLong();
    }
}
