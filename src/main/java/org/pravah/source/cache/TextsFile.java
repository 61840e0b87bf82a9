package org.pravah.source.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.pravah.article.ArticleTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the texts of a store source's articles go once read, so that the heap keeps what orders and files them and
 * not their titles, summaries and bodies: a million stored articles held ~3.2 GB of texts in the heap (BENCHMARKS.md,
 * "store sources in 1 GB"). A store is read whole at every start, so these files need not outlive the process: each
 * is created in {@code <dataDir>/texts}, mapped, and deleted at once. Its disk space then lives as long as the
 * mapping, that is as long as an article still points into it, and a crash or a kill leaves nothing behind. Two
 * processes on one data folder (a server and {@code export}) never share one.
 *
 * <p>Texts are appended through the channel, which reports a full disk as an error, and read through a read-only
 * mapping of the whole segment, which sees what the channel wrote (one page cache, as on Linux); a segment is never
 * written where a text already lies. When a file cannot be made or written, the texts stay in the heap, as before,
 * and that is said once.
 *
 * <p>Not thread-safe: its source moves texts under its own lock.
 */
public final class TextsFile {
    private static final Logger LOG = LoggerFactory.getLogger(TextsFile.class);
    /** Big enough that a million articles take a few dozen files and mappings, small enough to be let go of. */
    static final int SEGMENT_BYTES = 64 << 20;

    private final Path folder;
    private final String sourceName;
    private final int segmentBytes;
    /** The segment texts are appended to, or null before the first and after a failure. */
    private FileChannel channel;
    private ByteBuffer mapped;
    private int position;
    private long written;
    private boolean failed;

    TextsFile(Path folder, String sourceName, int segmentBytes) {
        this.folder = folder;
        this.sourceName = sourceName;
        this.segmentBytes = segmentBytes;
    }

    /** The texts of source {@code sourceName}, moved to files in {@code <dataDir>/texts}. */
    public static TextsFile in(Path dataDir, String sourceName) {
        return new TextsFile(dataDir.resolve("texts"), sourceName, SEGMENT_BYTES);
    }

    /**
     * Moves {@code texts} out of the heap: their bytes are written to the current segment and the texts read them from
     * its mapping from then on. Texts already out of the heap are left as they are; so are all texts once a file could
     * not be written.
     */
    public void move(ArticleTexts texts) {
        if (failed || !texts.isOnHeap()) {
            return;
        }
        int bytes = texts.utf16leBytes();
        try {
            if (mapped == null || position + (long) bytes > mapped.capacity()) {
                open(Math.max(segmentBytes, bytes));
            }
            ByteBuffer out = ByteBuffer.allocate(bytes);
            texts.writeUtf16le(new OutputStream() {
                @Override
                public void write(int b) {
                    out.put((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    out.put(b, off, len);
                }
            });
            out.flip();
            int at = position;
            while (out.hasRemaining()) {
                channel.write(out, at + out.position());
            }
            position += bytes;
            written += bytes;
            texts.moveTo(mapped, at);
        } catch (IOException | RuntimeException e) {
            failed = true;
            closeChannel();
            mapped = null;
            LOG.warn("source '{}': cannot keep article texts in {} ({}); they stay in the heap until a restart",
                    sourceName, folder, e.toString());
        }
    }

    /** How many bytes of texts this file took, in every segment, since it was made. */
    public long written() {
        return written;
    }

    private void open(int bytes) throws IOException {
        closeChannel();
        Files.createDirectories(folder);
        Path file = Files.createTempFile(folder, sourceName + ".", ".texts");
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            // sparse: only what is written takes disk space, and reading a hole gives zeros, not a fault
            channel.truncate(0).write(ByteBuffer.allocate(1), bytes - 1L);
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
            position = 0;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the mapping stays valid without the channel; nothing was lost
            }
            channel = null;
        }
    }
}
