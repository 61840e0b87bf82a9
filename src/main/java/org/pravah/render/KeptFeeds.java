package org.pravah.render;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.pravah.article.LanguageTag;
import org.pravah.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first pages of the feeds a server had rendered when it stopped, kept on disk so that the next start answers
 * feed readers' polls from its first second, byte for byte and with the same validators, instead of 503 while its
 * catalogue is built (about ten seconds for a million articles; BENCHMARKS.md, "cost follows the change", run 8).
 * Readers polling across a restart mostly get 304.
 *
 * <p>They are single use: {@link #take} deletes the file as it reads it, and only a clean stop writes one. After a
 * crash there is none, so a start never serves documents older than the last stop, and a start of another build or
 * another config (the fingerprint) serves none. What changed in the sources while the server was down shows once
 * the catalogue is built, as with the article cache.
 */
public final class KeptFeeds {
    private static final Logger LOG = LoggerFactory.getLogger(KeptFeeds.class);
    private static final byte[] MAGIC = "PRAVAH-KEPT-FEEDS-1\n".getBytes(StandardCharsets.US_ASCII);

    /** A feed's first page: {@code /feeds/<categoryPath>.<extension>}. */
    public record Feed(String categoryPath, FeedFormat format) {
    }

    public static final KeptFeeds NONE = new KeptFeeds(new LanguageTag("und"), Map.of());

    private final LanguageTag language;
    private final Map<Feed, Rendered> feeds;

    /** @param language the site's language: every kept feed is sent with it as Content-Language */
    public KeptFeeds(LanguageTag language, Map<Feed, Rendered> feeds) {
        this.language = language;
        this.feeds = Map.copyOf(feeds);
    }

    /** The first pages {@code site} has rendered (those asked for since they last changed). */
    public static KeptFeeds of(RenderedSite site) {
        return new KeptFeeds(site.language(), site.renderedFirstPages());
    }

    public LanguageTag language() {
        return language;
    }

    public Map<Feed, Rendered> feeds() {
        return feeds;
    }

    public boolean isEmpty() {
        return feeds.isEmpty();
    }

    public Optional<Rendered> feed(String categoryPath, FeedFormat format) {
        return Optional.ofNullable(feeds.get(new Feed(categoryPath, format)));
    }

    /**
     * Writes these feeds to {@code file}, replacing it whole (a crash leaves the old file or the new one).
     *
     * @param fingerprint what must be the same at the next start for them to be served: the build and the config
     */
    public void write(Path file, String fingerprint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeUTF(digest(fingerprint));
        out.writeUTF(language.value());
        out.writeInt(feeds.size());
        for (Map.Entry<Feed, Rendered> e : feeds.entrySet()) {
            Rendered r = e.getValue();
            out.writeUTF(e.getKey().categoryPath());
            out.writeUTF(e.getKey().format().name());
            out.writeUTF(r.contentType());
            out.writeUTF(r.etag());
            out.writeLong(r.lastModified().getEpochSecond());
            out.writeInt(r.lastModified().getNano());
            out.writeUTF(r.link());
            out.writeBoolean(r.archived());
            writeBytes(out, r.bytes());
            writeBytes(out, r.gzip().orElse(null));
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        DurableFile.replace(file, bytes.toByteArray(), tempPrefix(file));
    }

    /**
     * Reads the feeds kept in {@code file} and deletes it. A missing file, another build's or config's, or one that
     * does not read back whole gives {@link #NONE}; the last two are logged, naming the file, and never stop a start.
     */
    public static KeptFeeds take(Path file, String fingerprint) {
        removeLeftovers(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (IOException e) {
            LOG.warn("kept feeds {} not read ({}); feeds answer 503 until the catalogue is built", file, e.toString());
            return NONE;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // serving them once more after a crash would serve what the last stop served: still a stop's state
            LOG.warn("kept feeds {} not deleted after reading: {}", file, e.toString());
        }
        CountingInput counted = new CountingInput(bytes);
        try {
            return read(counted, bytes, fingerprint, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("kept feeds {}: unreadable at byte {} ({}); feeds answer 503 until the catalogue is built", file,
                    counted.position(), e instanceof EOFException ? "the file ends early" : e.toString());
            return NONE;
        }
    }

    private static KeptFeeds read(CountingInput counted, byte[] bytes, String fingerprint, Path file)
            throws IOException {
        if (bytes.length < MAGIC.length + Long.BYTES) {
            throw new EOFException();
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        long expected = ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
        if (crc.getValue() != expected) {
            counted.skipTo(bytes.length - Long.BYTES);
            throw new IOException("its checksum does not match");
        }
        DataInputStream in = new DataInputStream(counted);
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a kept-feeds file of this version");
        }
        if (!in.readUTF().equals(digest(fingerprint))) {
            LOG.info("kept feeds {} were written by another build or config; not served", file);
            return NONE;
        }
        LanguageTag language = new LanguageTag(in.readUTF());
        int count = in.readInt();
        Map<Feed, Rendered> feeds = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Feed feed = new Feed(in.readUTF(), FeedFormat.valueOf(in.readUTF()));
            String contentType = in.readUTF();
            String etag = in.readUTF();
            Instant lastModified = Instant.ofEpochSecond(in.readLong(), in.readInt());
            String link = in.readUTF();
            boolean archived = in.readBoolean();
            byte[] body = readBytes(in);
            Optional<byte[]> gzip = Optional.ofNullable(readBytes(in));
            if (body == null) {
                throw new IOException("a feed without a body");
            }
            feeds.put(feed, new Rendered(contentType, body, gzip, etag, lastModified, link, archived));
        }
        LOG.info("serving {} kept feeds until the catalogue is built", feeds.size());
        return new KeptFeeds(language, feeds);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        return bytes;
    }

    /** The fingerprint itself holds paths and the config; only its hash goes to disk. */
    private static String digest(String fingerprint) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(fingerprint.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String tempPrefix(Path file) {
        return "." + file.getFileName() + ".";
    }

    /** Temporary files a killed write left beside {@code file}. */
    private static void removeLeftovers(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, tempPrefix(file) + "*.tmp")) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LOG.debug("leftovers beside {} not removed: {}", file, e.toString());
        }
    }

    /** Knows how far it has read, for the byte offset an error names. */
    private static final class CountingInput extends ByteArrayInputStream {
        CountingInput(byte[] bytes) {
            super(bytes);
        }

        int position() {
            return pos;
        }

        void skipTo(int position) {
            pos = position;
        }
    }
}
