package org.pravah.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-seen dates kept across restarts: the whole set, and the journal of what changed since. */
class FirstSeenTest {
    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    @TempDir
    Path data;

    private FirstSeen kept() {
        return FirstSeen.keptIn(data, "lekh");
    }

    private static Map<String, FileTime> files(String... paths) {
        Map<String, FileTime> out = new TreeMap<>();
        for (int i = 0; i < paths.length; i++) {
            out.put(paths[i], FileTime.from(Instant.parse("2026-12-01T08:00:00Z").plusSeconds(60L * i)));
        }
        return out;
    }

    /** What a restart on the same data folder dates the same files by, asserting it dates none of them anew. */
    private Map<String, Instant> afterRestart(Map<String, FileTime> listed) {
        FirstSeen.Dates dates = kept().update(listed, NOW.plusSeconds(3600));
        assertEquals(Set.of(), dates.fresh(), "a restart dated kept files anew");
        return new TreeMap<>(dates.byPath());
    }

    @Test
    void a_file_added_after_a_restart_takes_a_free_second_and_a_deleted_file_frees_its_own() {
        FileTime same = FileTime.from(Instant.parse("2026-12-01T08:00:00Z"));
        Instant t = same.toInstant();
        Map<String, FileTime> listed = new TreeMap<>(Map.of("a.txt", same, "b.txt", same));
        kept().update(listed, NOW);

        FirstSeen restarted = kept();
        listed.put("c.txt", same);
        Map<String, Instant> dates = restarted.update(listed, NOW).byPath();
        assertEquals(Map.of("a.txt", t, "b.txt", t.minusSeconds(1), "c.txt", t.minusSeconds(2)), Map.copyOf(dates));

        listed.remove("a.txt");
        listed.put("d.txt", same);
        dates = restarted.update(listed, NOW).byPath();
        assertEquals(Map.of("b.txt", t.minusSeconds(1), "c.txt", t.minusSeconds(2), "d.txt", t), Map.copyOf(dates));
    }

    @Test
    void files_added_and_deleted_one_load_at_a_time_keep_their_dates_across_a_restart() {
        FirstSeen seen = kept();
        seen.update(files("2026/11/baadh.txt", "2026/11/chunav.txt"), NOW);
        Map<String, FileTime> listed = new TreeMap<>(files("2026/11/baadh.txt", "2026/11/chunav.txt"));
        listed.put("2026/12/mausam.txt", FileTime.from(Instant.parse("2026-12-02T09:00:00Z")));
        seen.update(listed, NOW);
        listed.remove("2026/11/baadh.txt");
        listed.put("2026/12/khel.txt", FileTime.from(Instant.parse("2026-12-02T09:00:00Z")));
        Map<String, Instant> before = new TreeMap<>(seen.update(listed, NOW).byPath());

        assertTrue(Files.isRegularFile(data.resolve("lekh.first-seen.journal")), "later changes are appended");
        assertEquals(before, afterRestart(listed));
        assertFalse(before.containsKey("2026/11/baadh.txt"));
    }

    @Test
    void an_unfinished_last_line_of_the_journal_loses_only_the_change_it_was_writing() throws IOException {
        FirstSeen seen = kept();
        seen.update(files("2026/11/baadh.txt"), NOW);
        Map<String, FileTime> listed = files("2026/11/baadh.txt", "2026/11/chunav.txt");
        Map<String, Instant> before = new TreeMap<>(seen.update(listed, NOW).byPath());
        // the process stopped in the middle of appending the next file's line
        Files.writeString(data.resolve("lekh.first-seen.journal"), "[\"+\",\"2026/12/adh",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertEquals(before, afterRestart(listed));
        Map<String, FileTime> more = new TreeMap<>(listed);
        more.put("2026/12/khel.txt", FileTime.from(Instant.parse("2026-12-02T09:00:00Z")));
        Map<String, Instant> after = new TreeMap<>(kept().update(more, NOW).byPath());
        assertEquals(after, afterRestart(more), "the changes after the unfinished line are kept too");
    }

    @Test
    void a_journal_left_from_before_the_dates_were_written_whole_is_not_replayed() throws IOException {
        FirstSeen seen = kept();
        Map<String, FileTime> listed = files("2026/11/baadh.txt", "2026/11/chunav.txt");
        seen.update(listed, NOW);
        listed.put("2026/11/mausam.txt", FileTime.from(Instant.parse("2026-11-20T10:00:00Z")));
        seen.update(listed, NOW);
        Path journal = data.resolve("lekh.first-seen.journal");
        byte[] old = Files.readAllBytes(journal);
        listed.remove("2026/11/mausam.txt");
        seen.update(listed, NOW);
        // mausam comes back with another time, among enough new files that the whole set is written again
        listed.put("2026/11/mausam.txt", FileTime.from(Instant.parse("2026-11-25T10:00:00Z")));
        for (int i = 0; i < FirstSeenFile.JOURNAL_MIN + 10; i++) {
            listed.put(String.format("2025/%02d/sangrah-%04d.txt", i % 12 + 1, i),
                    FileTime.from(Instant.parse("2025-06-01T00:00:00Z").plusSeconds(i)));
        }
        Map<String, Instant> whole = new TreeMap<>(seen.update(listed, NOW).byPath());
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), whole.get("2026/11/mausam.txt"));
        assertFalse(Files.exists(journal), "the journal's lines are in the whole set");
        // as if the process had stopped after writing the whole set, before removing the journal
        Files.write(journal, old);

        Map<String, Instant> restarted = afterRestart(listed);
        assertEquals(whole.get("2026/11/mausam.txt"), restarted.get("2026/11/mausam.txt"),
                "an old journal's line moved mausam back to its first date");
        assertTrue(whole.equals(restarted), "the dates after a restart differ from those written whole");
    }
}
