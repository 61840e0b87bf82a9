package org.pravah.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file in the data folder so that a crash or power cut leaves either the old bytes or the new, never a
 * torn or empty file: the bytes go to a temporary file beside it, are synced, renamed over the file, and the folder
 * is synced so the rename itself is on disk. Used for every file Pravah keeps in its data folder.
 */
public final class DurableFile {
    private DurableFile() {
    }

    /**
     * @param tempPrefix how the temporary file's name starts (the cleaner of leftovers recognises it by that)
     */
    public static void replace(Path file, byte[] bytes, String tempPrefix) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), tempPrefix, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // on disk before the rename, so a crash cannot leave a renamed but empty file
                channel.force(true);
            }
            moveOver(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncFolder(file.getParent());
    }

    /** Renames {@code temp} over {@code file} in one step where the file system can. */
    public static void moveOver(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Puts a rename in {@code folder} on disk. */
    public static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some systems (Windows) cannot open a folder; the rename is atomic all the same
        }
    }

    /**
     * Appends {@code bytes} to {@code file} (made if missing) and puts them on disk before returning. A crash during
     * the call can leave a part of them at the end: readers of an appended file ignore an unfinished last record.
     */
    public static void append(Path file, byte[] bytes) throws IOException {
        boolean made = Files.notExists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
        if (made) {
            syncFolder(file.getParent());
        }
    }
}
