package org.pravah.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFileTest {
    @TempDir
    Path dir;

    @Test
    void a_replaced_file_holds_the_new_bytes_and_no_temporary_file_stays_beside_it() throws Exception {
        Path file = dir.resolve("data/samachar.json");
        DurableFile.replace(file, "{\"pehla\": \"रूप\"}".getBytes(StandardCharsets.UTF_8), ".samachar.json.");
        DurableFile.replace(file, "{\"doosra\": \"रूप\"}".getBytes(StandardCharsets.UTF_8), ".samachar.json.");

        assertEquals("{\"doosra\": \"रूप\"}", Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
