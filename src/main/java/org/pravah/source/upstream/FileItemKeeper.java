package org.pravah.source.upstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.pravah.durable.DurableFile;

/**
 * Keeps one upstream's items in {@code <dataDir>/<source>.json}, so that items that left the upstream, and every
 * item when the upstream is down at start-up, are still served after a restart. The file is replaced whole: written
 * to a temporary file in the same folder, flushed to disk, then renamed over the old one, so a crash or a full disk
 * leaves the previous version, never half a file.
 */
final class FileItemKeeper implements ItemKeeper {
    static final int FORMAT_VERSION = 1;
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The file's content.
     *
     * @param url the upstream these validators belong to; after the config names another URL they are not sent
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(int version, String url, String etag, String lastModified, String lastSuccess,
                  List<KeptItem> items) {
        Stored {
            url = url == null ? "" : url;
            etag = etag == null ? "" : etag;
            lastModified = lastModified == null ? "" : lastModified;
            lastSuccess = lastSuccess == null ? "" : lastSuccess;
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    private final Path folder;
    private final Path file;
    /** Only this process writes the file: once read, what it holds in memory is never older than the file. */
    private long revision;
    private boolean read;

    FileItemKeeper(Path folder, String sourceName) {
        this.folder = folder;
        // source names are lower-case ASCII letters, digits, '-' and '_' (checked by the config): safe file names
        this.file = folder.resolve(sourceName + ".json");
    }

    Path file() {
        return file;
    }

    /**
     * What was kept, or empty when nothing was yet. A file that cannot be read is moved aside (not overwritten by the
     * next save, in case someone wants its items back) and reported.
     */
    Optional<Stored> read() throws UpstreamException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UpstreamException(file + ": cannot read the kept items: " + e.getMessage());
        }
        try {
            Stored stored = JSON.readValue(bytes, Stored.class);
            if (stored.version() != FORMAT_VERSION) {
                throw new UpstreamException(file + ": kept items in format " + stored.version() + ", expected "
                        + FORMAT_VERSION + moveAside());
            }
            return Optional.of(stored);
        } catch (JsonProcessingException e) {
            throw new UpstreamException(file + ": the kept items cannot be read (" + e.getOriginalMessage() + ")"
                    + moveAside());
        } catch (IOException e) {
            throw new UpstreamException(file + ": the kept items cannot be read: " + e.getMessage());
        }
    }

    @Override
    public synchronized Optional<Kept> readNewer(long seen) throws UpstreamException {
        if (read) {
            return Optional.empty();
        }
        read = true;
        Optional<Stored> stored = read();
        if (stored.isPresent()) {
            revision = Math.max(revision, 1);
        }
        return stored.map(s -> new Kept(revision, s));
    }

    @Override
    public String where() {
        return file.toString();
    }

    private String moveAside() {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return "; moved to " + aside.getFileName() + ", starting without them";
        } catch (IOException e) {
            return "; starting without them";
        }
    }

    @Override
    public synchronized long write(Stored stored) throws IOException {
        writeFile(stored);
        read = true;
        return ++revision;
    }

    private void writeFile(Stored stored) throws IOException {
        DurableFile.replace(file, JSON.writeValueAsBytes(stored), "." + file.getFileName() + ".");
    }
}
