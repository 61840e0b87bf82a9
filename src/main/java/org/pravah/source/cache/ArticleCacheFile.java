package org.pravah.source.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.pravah.article.Article;
import org.pravah.article.ArticleNormaliser;
import org.pravah.article.ArticleTexts;
import org.pravah.article.Image;
import org.pravah.article.LanguageTag;
import org.pravah.durable.DurableFile;
import org.pravah.source.cache.ArticleCache.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of an {@link ArticleCache}: the normalised articles of the article files of one folder, so that a restart
 * reads and normalises only the files that changed: a file whose path, modification time and size match an entry
 * takes the entry's articles.
 *
 * <p>Only what cannot change the articles is trusted: the file is written whole (temporary file, then an atomic
 * rename) and carries a CRC-32C, so a torn, truncated or damaged file is detected; it also carries a
 * {@linkplain ArticleCache#fingerprint fingerprint} of everything that shapes normalisation (this format, the Pravah build and
 * its libraries, the Java version, the site defaults, the source's name and folder), and an entry made under another
 * fingerprint is never used. Anything unusable is logged and ignored, so the worst case is a start that reads every
 * file; deleting the cache is always safe.
 *
 * <p>Encoding: Jackson's Smile (binary JSON, from the Jackson project we already use) for the structure, streamed in
 * both directions without reflection, so there is little to warm up on a cold JVM. Every text is stored as UTF-16
 * bytes rather than as a Smile string: turning those back into a String is a bulk copy, cheaper than decoding UTF-8
 * on a cold start (BENCHMARKS.md, "Figures behind design choices"), and Devanagari is smaller in UTF-16 (2 bytes a
 * letter, 3 in UTF-8). Titles, summaries, bodies and origins, most of the bytes, sit apart from the structure and are
 * not decoded at all when read: the file is mapped into memory, not read into the heap, and each article keeps one
 * {@link ArticleTexts} pointing into the mapping, decoded each time a feed or page is rendered and written back as it
 * is when the cache is saved again. So the heap holds what sorts and files the articles, and the operating system's
 * page cache holds their texts (a million articles' are gigabytes), keeping in memory what is read often. The entries are cut into blocks
 * that decode on all cores. Java serialization was the other candidate; it would tie the file to class layouts and
 * needs a deserialization filter to be safe, for no gain.
 *
 * <p>Why one long class: the writer and the reader of the format are kept in one file so that they cannot drift apart;
 * a change to one side is next to the other.
 */
final class ArticleCacheFile {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleCache.class);

    /** Raise when the layout written by {@link #encode} changes; older files are then ignored. */
    static final int FORMAT = 3;
    private static final byte[] MAGIC = "pravah-articles\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CRC_BYTES = 4;
    /** Files per block; blocks decode in parallel, and a few dozen of them keep every core busy. */
    private static final int BLOCK_FILES = 256;
    /** Temporary files older than this were left by a process that died while writing; newer ones may be in use. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);
    /** How {@link #write} names its temporary files: source name, then {@code Files.createTempFile}'s digits. */
    private static final Pattern TEMPORARY =
            Pattern.compile("[a-z0-9]+(?:[-_][a-z0-9]+)*\\.articles\\.[0-9]+\\.tmp");
    private static final SmileFactory SMILE = SmileFactory.builder()
            .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
            // the checksum goes after the document, so closing the generator must not close the file
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final Path file;
    private final String sourceName;
    private final Map<String, String> fingerprint;
    private final ArticleCacheWriter writer;
    private volatile boolean writeFailed;

    ArticleCacheFile(Path file, String sourceName, Map<String, String> fingerprint, ArticleCacheWriter writer) {
        this.file = file;
        this.sourceName = sourceName;
        this.fingerprint = Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
        this.writer = writer;
    }

    /**
     * The entries of the cache file by path. Never fails: a missing file gives none (logged at INFO, as on a first
     * start); an unusable one gives none and one WARN naming it; one made by another build or with other settings
     * gives none (INFO, naming what differs).
     */
    Map<String, Entry> read() {
        removeAbandonedTemporaryFiles();
        long started = System.nanoTime();
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return unusable("is larger than 2 GiB (one folder holds too many articles)");
            }
            // a mapping outlives its channel; the file may be replaced meanwhile (a rename over it), and the mapping
            // still reads the file it was made from
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            LOG.info("source '{}': no article cache yet at {}; reading every file", sourceName, file);
            return Map.of();
        } catch (IOException e) {
            return unusable("cannot be read (" + e + ")");
        }
        if (bytes.capacity() < MAGIC.length + CRC_BYTES
                || !bytes.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            return unusable("is not a Pravah article cache");
        }
        ByteBuffer mapped = bytes;
        int end = bytes.capacity() - CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes.slice(0, end));
        if ((int) crc.getValue() != bytes.getInt(end)) {
            return unusable("is damaged or cut short (checksum mismatch)");
        }
        try {
            List<int[]> blocks = blocks(bytes, MAGIC.length, end);
            int[] header = blocks.get(0);
            try (JsonParser in = SMILE.createParser(copy(bytes, header))) {
                expect(in, JsonToken.START_ARRAY);
                int format = intValue(in);
                if (format != FORMAT) {
                    return unusable("is in cache format " + format + ", this version of Pravah reads format "
                            + FORMAT);
                }
                Map<String, String> madeWith = readStrings(in);
                if (!madeWith.equals(fingerprint)) {
                    LOG.info("source '{}': article cache {} was made {}; reading every file", sourceName, file,
                            differences(madeWith));
                    return Map.of();
                }
                if (blocks.size() != 1 + 2 * intValue(in)) {
                    throw new IOException("the header counts another number of blocks");
                }
            }
            // each block is its structure followed by its summaries and bodies; blocks decode on all cores, since
            // decoding is most of what a restart does for its articles
            List<Integer> firsts = new ArrayList<>();
            for (int i = 1; i < blocks.size(); i += 2) {
                firsts.add(i);
            }
            List<List<Entry>> decoded = firsts.parallelStream()
                    .map(i -> decodeBlock(mapped, blocks.get(i), blocks.get(i + 1)))
                    .toList();
            // in the file's order (newest first, as written), which a restart hands on to the catalogue's sort
            Map<String, Entry> entries = new LinkedHashMap<>();
            decoded.forEach(block -> block.forEach(e -> entries.put(e.path(), e)));
            LOG.debug("source '{}': article cache {} read: {} files, {} bytes, {} ms", sourceName, file,
                    entries.size(), bytes.capacity(), (System.nanoTime() - started) / 1_000_000);
            return entries;
        } catch (IOException | RuntimeException e) {
            // a file whose checksum matches but whose content does not decode was written by a faulty build; the
            // start goes on all the same
            return unusable("cannot be decoded (" + e.getMessage() + ")");
        }
    }

    /** The {offset, length} of each length-prefixed block between {@code from} and {@code end}; the header first. */
    private static List<int[]> blocks(ByteBuffer bytes, int from, int end) throws IOException {
        List<int[]> blocks = new ArrayList<>();
        ByteBuffer in = bytes.duplicate().position(from).limit(end);
        while (in.position() < end) {
            if (end - in.position() < Integer.BYTES) {
                throw new IOException("a block length is cut short at byte " + in.position());
            }
            int length = in.getInt();
            if (length < 0 || length > end - in.position()) {
                throw new IOException("a block length runs past the end at byte " + (in.position() - Integer.BYTES));
            }
            blocks.add(new int[] {in.position(), length});
            in.position(in.position() + length);
        }
        if (blocks.isEmpty()) {
            throw new IOException("no header");
        }
        return blocks;
    }

    private Map<String, Entry> unusable(String why) {
        LOG.warn("source '{}': ignoring article cache {}: it {}; reading every file (the cache is rewritten)",
                sourceName, file, why);
        return Map.of();
    }

    private String differences(Map<String, String> madeWith) {
        List<String> changed = new ArrayList<>();
        for (String key : new TreeMap<>(fingerprint).keySet()) {
            if (!Objects.equals(madeWith.get(key), fingerprint.get(key))) {
                changed.add(key);
            }
        }
        return changed.isEmpty() ? "under other settings" : "under other settings (" + String.join(", ", changed)
                + (changed.contains("build") ? ": another build of Pravah" : "") + ")";
    }

    /**
     * Hands the entries to the writer thread, which replaces the file whole; a later call always wins over an
     * earlier one still waiting.
     */
    void save(List<Entry> entries) {
        List<Entry> snapshot = List.copyOf(entries);
        writer.submit(file, () -> write(newestFirst(snapshot)));
    }

    /** Like {@link #save}, as soon as the writer is free. */
    void saveNow(List<Entry> entries) {
        List<Entry> snapshot = List.copyOf(entries);
        writer.submitNow(file, () -> write(newestFirst(snapshot)));
    }

    /**
     * The entries newest first, as the catalogue orders articles: a restart reads them in this order, so that its
     * sort of a million articles merges a few long runs (one per folder) rather than ordering a shuffle.
     */
    private static List<Entry> newestFirst(List<Entry> entries) {
        Entry[] sorted = entries.toArray(Entry[]::new);
        Arrays.sort(sorted, NEWEST_FIRST);
        return Arrays.asList(sorted);
    }

    /** By each entry's first article: most files give one. Entries without articles (none are kept) go last. */
    private static final Comparator<Entry> NEWEST_FIRST = (a, b) -> {
        if (a.articles().isEmpty() || b.articles().isEmpty()) {
            return Boolean.compare(a.articles().isEmpty(), b.articles().isEmpty());
        }
        return Article.NEWEST_FIRST.compare(a.articles().get(0), b.articles().get(0));
    };

    private void write(List<Entry> entries) {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            List<Moved> moved = new ArrayList<>();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // held until the channel closes, after the rename: a process starting meanwhile leaves the file
                // alone (removeLeftovers)
                channel.lock();
                CRC32C crc = new CRC32C();
                OutputStream out = new BufferedOutputStream(
                        new CheckedOutputStream(Channels.newOutputStream(channel), crc), 1 << 16);
                out.write(MAGIC);
                encode(out, entries, moved);
                out.flush();
                channel.write(ByteBuffer.allocate(CRC_BYTES).putInt(0, (int) crc.getValue()));
                // on disk before the rename, so a crash cannot leave a renamed but empty file
                channel.force(true);
                // mapped before the rename, so that it is this write's file whatever replaces it later
                ByteBuffer written = channel.size() <= Integer.MAX_VALUE
                        ? channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()) : null;
                DurableFile.moveOver(temp, file);
                if (written != null && moved.size() == articles(entries)) {
                    // every text was read from the folder's files (a first start, a new folder): they now live in
                    // the file, and the heap lets go of them. Only then: the mapping keeps the file's disk space
                    // after a later write replaces it, so each folder keeps at most one such file, as after a restart
                    moved.forEach(m -> m.texts().moveTo(written, m.at()));
                }
            }
            temp = null;
            DurableFile.syncFolder(file.getParent());
            writeFailed = false;
            LOG.debug("source '{}': article cache {} written ({} files)", sourceName, file, entries.size());
        } catch (IOException | RuntimeException e) {
            // serving goes on; only the next start is slower. Said once, not at every reload.
            if (!writeFailed) {
                LOG.warn("source '{}': cannot write article cache {} ({}); the next start reads every file",
                        sourceName, file, e.toString());
            }
            writeFailed = true;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover is removed by a later start
                }
            }
        }
    }

    /** The rename is only durable once the folder is on disk too; until then a crash may bring the old file back. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some systems (Windows) cannot open a folder; the rename is atomic all the same
        }
    }

    private void removeAbandonedTemporaryFiles() {
        if (!Files.isDirectory(file.getParent())) {
            return;
        }
        Instant before = Instant.now().minus(ABANDONED);
        String prefix = file.getFileName() + ".";
        DirectoryStream.Filter<Path> ours = p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp");
        };
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(), ours)) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp).toInstant().isBefore(before)) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException ignored) {
            // only tidying
        }
    }

    // ---- the layout ------------------------------------------------------------------------------------------------
    // MAGIC, then length-prefixed parts: the header, a Smile document [FORMAT, {fingerprint}, number of blocks]; then
    // each block of up to BLOCK_FILES entries as two parts, a Smile document [[path, seconds, nanos, size,
    // [article…]]…] and the UTF-16LE title, summary, body and origin of each of its articles one after the other
    // (the document holds each one's length in bytes); then the CRC-32C of all before it.

    /** How many articles the entries have. */
    private static long articles(List<Entry> entries) {
        return entries.stream().mapToLong(e -> e.articles().size()).sum();
    }

    /** An article's texts held in the heap, and where {@link #encode} wrote their bytes in the file. */
    private record Moved(ArticleTexts texts, int at) {
    }

    /**
     * @param moved gets the texts of every article written that are still held in the heap, with where they went
     *              (when the file stays under 2 GiB, so that it can be mapped)
     */
    private void encode(OutputStream out, List<Entry> entries, List<Moved> moved) throws IOException {
        long position = MAGIC.length;
        List<Moved> inBlock = new ArrayList<>();
        int blocks = (entries.size() + BLOCK_FILES - 1) / BLOCK_FILES;
        ByteArrayOutputStream block = new ByteArrayOutputStream(1 << 16);
        ByteArrayOutputStream texts = new ByteArrayOutputStream(1 << 20);
        try (SmileGenerator g = SMILE.createGenerator(block)) {
            g.writeStartArray();
            g.writeNumber(FORMAT);
            g.writeStartObject();
            for (Map.Entry<String, String> f : fingerprint.entrySet()) {
                g.writeStringField(f.getKey(), f.getValue());
            }
            g.writeEndObject();
            g.writeNumber(blocks);
            g.writeEndArray();
        }
        position += writeBlock(out, block);
        for (int from = 0; from < entries.size(); from += BLOCK_FILES) {
            block.reset();
            texts.reset();
            inBlock.clear();
            try (SmileGenerator g = SMILE.createGenerator(block)) {
                g.writeStartArray();
                for (Entry entry : entries.subList(from, Math.min(from + BLOCK_FILES, entries.size()))) {
                    Instant modified = entry.modified().toInstant();
                    g.writeStartArray();
                    writeText(g, entry.path());
                    g.writeNumber(modified.getEpochSecond());
                    g.writeNumber(modified.getNano());
                    g.writeNumber(entry.size());
                    g.writeStartArray();
                    for (Article a : entry.articles()) {
                        writeArticle(g, a, texts, inBlock);
                    }
                    g.writeEndArray();
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            position += writeBlock(out, block);
            long textsAt = position + Integer.BYTES;
            position += writeBlock(out, texts);
            if (position <= Integer.MAX_VALUE) {
                inBlock.forEach(m -> moved.add(new Moved(m.texts(), (int) textsAt + m.at())));
            }
        }
    }

    /** @return how many bytes it wrote */
    private static int writeBlock(OutputStream out, ByteArrayOutputStream block) throws IOException {
        out.write(ByteBuffer.allocate(Integer.BYTES).putInt(block.size()).array());
        block.writeTo(out);
        return Integer.BYTES + block.size();
    }

    private static void writeArticle(SmileGenerator g, Article a, ByteArrayOutputStream texts, List<Moved> moved)
            throws IOException {
        g.writeStartArray();
        writeText(g, a.id());
        writeTexts(g, a.texts(), texts, moved);
        writeList(g, a.categoryRefs());
        writeList(g, a.fallbackCategoryRefs());
        writeList(g, a.tags());
        g.writeNumber(a.published().getEpochSecond());
        g.writeNumber(a.published().getNano());
        g.writeNumber(a.updated().getEpochSecond());
        g.writeNumber(a.updated().getNano());
        writeOptional(g, a.author());
        writeOptional(g, a.url().map(URI::toString));
        if (a.image().isPresent()) {
            Image image = a.image().get();
            g.writeStartArray();
            writeOptional(g, image.url().map(URI::toString));
            writeText(g, image.caption());
            writeText(g, image.credit());
            g.writeEndArray();
        } else {
            g.writeNull();
        }
        writeText(g, a.language().value());
        g.writeEndArray();
    }

    private static void writeList(SmileGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            writeText(g, v);
        }
        g.writeEndArray();
    }

    private static void writeOptional(SmileGenerator g, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            writeText(g, value.get());
        } else {
            g.writeNull();
        }
    }

    /**
     * An article's title, summary, body and origin: their bytes go to the block's texts, the document holds their
     * lengths.
     *
     * @param moved gets the texts and where they start in the block's texts, when they are held in the heap
     */
    private static void writeTexts(SmileGenerator g, ArticleTexts article, ByteArrayOutputStream texts,
                                   List<Moved> moved) throws IOException {
        int before = texts.size();
        for (int length : article.utf16leLengths()) {
            g.writeNumber(length);
        }
        article.writeUtf16le(texts);
        if (article.isOnHeap()) {
            moved.add(new Moved(article, before));
        }
    }

    /** Text as UTF-16LE bytes (see the class comment): read back by {@link BlockReader} with a bulk copy. */
    private static void writeText(SmileGenerator g, String s) throws IOException {
        g.writeBinary(ArticleTexts.encodeUtf16le(s));
    }

    /** The part at {offset, length} copied to the heap: the parser reads arrays; a block's structure is small. */
    private static byte[] copy(ByteBuffer bytes, int[] part) {
        byte[] out = new byte[part[1]];
        bytes.get(part[0], out);
        return out;
    }

    /** @param structure and {@code texts}: the {offset, length} of the block's two parts */
    private List<Entry> decodeBlock(ByteBuffer bytes, int[] structure, int[] texts) {
        try (JsonParser in = SMILE.createParser(copy(bytes, structure))) {
            return new BlockReader(in, bytes, texts[0], texts[0] + texts[1]).entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Reads one block. Texts stream from the parser's buffer into one reused char array, so each becomes a String
     * with no byte array in between: a restart makes a hundred thousand of them, and fewer copies leave less garbage
     * to collect while the server starts.
     */
    private final class BlockReader extends OutputStream {
        private final JsonParser in;
        private final ByteBuffer bytes;
        /** Where the next summary or body starts, and where the block's texts end. */
        private int textAt;
        private final int textEnd;
        private char[] chars = new char[4096];
        private int length;
        private int pendingByte = -1;

        BlockReader(JsonParser in, ByteBuffer bytes, int textAt, int textEnd) {
            this.in = in;
            this.bytes = bytes;
            this.textAt = textAt;
            this.textEnd = textEnd;
        }

        List<Entry> entries() throws IOException {
            List<Entry> entries = new ArrayList<>();
            expect(in, JsonToken.START_ARRAY);
            while (in.nextToken() == JsonToken.START_ARRAY) {
                String path = text();
                long seconds = longValue(in);
                int nanos = intValue(in);
                long size = longValue(in);
                List<Article> articles = new ArrayList<>();
                expect(in, JsonToken.START_ARRAY);
                while (in.nextToken() == JsonToken.START_ARRAY) {
                    articles.add(article());
                }
                expect(in, JsonToken.END_ARRAY, in.currentToken());
                expect(in, JsonToken.END_ARRAY);
                entries.add(new Entry(path, FileTime.from(Instant.ofEpochSecond(seconds, nanos)), size, articles));
            }
            expect(in, JsonToken.END_ARRAY, in.currentToken());
            if (in.nextToken() != null) {
                throw new IOException("data after the end of a block");
            }
            if (textAt != textEnd) {
                throw new IOException("a block's texts are " + (textEnd - textAt) + " bytes longer than it says");
            }
            return entries;
        }

        private Article article() throws IOException {
            String id = text();
            ArticleTexts texts = storedTexts();
            List<String> categoryRefs = texts();
            List<String> fallbackCategoryRefs = texts();
            List<String> tags = texts();
            Instant published = Instant.ofEpochSecond(longValue(in), intValue(in));
            Instant updated = Instant.ofEpochSecond(longValue(in), intValue(in));
            Optional<String> author = optionalText();
            Optional<URI> url = optionalText().map(URI::create);
            Optional<Image> image = Optional.empty();
            if (in.nextToken() == JsonToken.START_ARRAY) {
                Optional<URI> imageUrl = optionalText().map(URI::create);
                image = Optional.of(new Image(imageUrl, text(), text()));
                expect(in, JsonToken.END_ARRAY);
            } else {
                expect(in, JsonToken.VALUE_NULL, in.currentToken());
            }
            LanguageTag language = new LanguageTag(text());
            expect(in, JsonToken.END_ARRAY);
            // key and source name follow from the source (part of the fingerprint) as the normaliser makes them
            return new Article(Article.keyOf(sourceName, id), sourceName, texts, categoryRefs, fallbackCategoryRefs,
                    tags, published, updated, author, url, image, language);
        }

        /** The next article's texts: not decoded, only checked to lie within the block's texts. */
        private ArticleTexts storedTexts() throws IOException {
            int[] lengths = new int[4];
            long total = 0;
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = intValue(in);
                if (lengths[i] < 0 || lengths[i] % 2 != 0) {
                    throw new IOException("a UTF-16 text of " + lengths[i] + " bytes");
                }
                total += lengths[i];
            }
            if (total > textEnd - textAt) {
                throw new IOException("a text of " + total + " bytes runs past its block's texts");
            }
            ArticleTexts texts = ArticleTexts.utf16le(this.bytes, textAt, lengths[0], lengths[1], lengths[2],
                    lengths[3]);
            textAt += (int) total;
            return texts;
        }

        private String text() throws IOException {
            expect(in, JsonToken.VALUE_EMBEDDED_OBJECT);
            return currentText();
        }

        private Optional<String> optionalText() throws IOException {
            JsonToken t = in.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return Optional.empty();
            }
            expect(in, JsonToken.VALUE_EMBEDDED_OBJECT, t);
            return Optional.of(currentText());
        }

        private List<String> texts() throws IOException {
            expect(in, JsonToken.START_ARRAY);
            List<String> out = new ArrayList<>();
            while (in.nextToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
                out.add(currentText());
            }
            expect(in, JsonToken.END_ARRAY, in.currentToken());
            return out;
        }

        /** The current binary value (UTF-16LE) as a String: the parser hands its bytes to {@link #write}. */
        private String currentText() throws IOException {
            length = 0;
            pendingByte = -1;
            in.readBinaryValue(this);
            if (pendingByte >= 0) {
                throw new IOException("a text of an odd number of bytes");
            }
            return new String(chars, 0, length);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int from = off;
            int end = off + len;
            if (pendingByte >= 0 && from < end) {
                ensure(1);
                chars[length++] = (char) (pendingByte | (b[from++] & 0xFF) << 8);
                pendingByte = -1;
            }
            int pairs = (end - from) / 2;
            ensure(pairs);
            // a bulk copy, not a loop: the JVM runs it at full speed even before anything is compiled
            ByteBuffer.wrap(b, from, pairs * 2).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer()
                    .get(chars, length, pairs);
            length += pairs;
            if ((end - from) % 2 != 0) {
                pendingByte = b[end - 1] & 0xFF;
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        private void ensure(int more) {
            if (length + more > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }
    }

    private static String string(JsonParser in) throws IOException {
        expect(in, JsonToken.VALUE_STRING);
        return in.getText();
    }

    private static Map<String, String> readStrings(JsonParser in) throws IOException {
        expect(in, JsonToken.START_OBJECT);
        Map<String, String> out = new LinkedHashMap<>();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String key = in.currentName();
            out.put(key, string(in));
        }
        expect(in, JsonToken.END_OBJECT, in.currentToken());
        return out;
    }

    private static long longValue(JsonParser in) throws IOException {
        expect(in, JsonToken.VALUE_NUMBER_INT);
        return in.getLongValue();
    }

    private static int intValue(JsonParser in) throws IOException {
        expect(in, JsonToken.VALUE_NUMBER_INT);
        return in.getIntValue();
    }

    private static void expect(JsonParser in, JsonToken wanted) throws IOException {
        expect(in, wanted, in.nextToken());
    }

    private static void expect(JsonParser in, JsonToken wanted, JsonToken found) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + " but found " + found + " at byte "
                    + in.currentLocation().getByteOffset());
        }
    }
}
