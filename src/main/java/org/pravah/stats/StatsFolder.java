package org.pravah.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.pravah.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts of one process in {@code <dataDir>/stats}: one file per day ({@code 2026-12-03.json}, replaced whole
 * through {@link DurableFile}), and {@code day-key.json}, the current day's poller key, replaced by the next day's
 * when the day changes. A run's share is written together with what earlier runs kept that day, so a restart goes on
 * counting where the last run stopped.
 */
final class StatsFolder implements StatsStorage {
    private static final Logger LOG = LoggerFactory.getLogger(StatsFolder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY_FILE = "day-key.json";
    private static final String TEMP_PREFIX = "stats-";

    private final Path folder;
    /** Per day, what earlier runs kept, read once before this run's first write of the day. */
    private final Map<LocalDate, DayShare> earlier = new HashMap<>();

    StatsFolder(Path folder) {
        this.folder = folder;
        removeLeftovers();
    }

    Path fileOf(LocalDate day) {
        return folder.resolve(day + ".json");
    }

    @Override
    public byte[] dayKey(LocalDate day) {
        Path file = folder.resolve(KEY_FILE);
        try {
            JsonNode kept = JSON.readTree(Files.readAllBytes(file));
            if (day.toString().equals(kept.path("day").asText()) && kept.path("key").isTextual()) {
                byte[] key = Base64.getDecoder().decode(kept.get("key").asText());
                if (key.length == StatsKeys.KEY_BYTES) {
                    return key;
                }
            }
        } catch (NoSuchFileException e) {
            // the first day
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("stats: {} is unreadable ({}); a new key is made for {}", file, e.getMessage(), day);
        }
        byte[] key = StatsKeys.random();
        try {
            // the old day's key is gone with this replacement
            DurableFile.replace(file, JSON.createObjectNode().put("day", day.toString())
                    .put("key", Base64.getEncoder().encodeToString(key)).toString()
                    .getBytes(StandardCharsets.UTF_8), TEMP_PREFIX);
        } catch (IOException e) {
            LOG.warn("stats: cannot write {} ({}); after a restart today's readers may be counted twice", file,
                    e.getMessage());
        }
        return key;
    }

    @Override
    public DayShare kept(LocalDate day, boolean includeOwn) {
        if (includeOwn) {
            return read(day);
        }
        return earlier.computeIfAbsent(day, this::read).copy();
    }

    @Override
    public void save(DayShare own) {
        DayShare whole = earlier.computeIfAbsent(own.day, this::read).copy();
        whole.merge(own);
        Path file = fileOf(own.day);
        try {
            DurableFile.replace(file, whole.toJson(), TEMP_PREFIX);
        } catch (IOException e) {
            LOG.warn("stats: cannot write {}: {}; the counts stay in memory and are tried again", file, e.getMessage());
        }
    }

    private DayShare read(LocalDate day) {
        Path file = fileOf(day);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new DayShare(day);
        } catch (IOException e) {
            LOG.warn("stats: cannot read {}: {}", file, e.getMessage());
            return new DayShare(day);
        }
        try {
            DayShare share = DayShare.fromJson(bytes);
            if (!share.day.equals(day)) {
                throw new IllegalArgumentException("it holds " + share.day);
            }
            return share;
        } catch (RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            LOG.warn("stats: {} is unreadable ({}); moved aside to {}", file, e.getMessage(), aside.getFileName());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("stats: cannot move {} aside: {}", file, moveFailed.getMessage());
            }
            return new DayShare(day);
        }
    }

    @Override
    public void forget(LocalDate oldest, LocalDate today) {
        earlier.keySet().removeIf(day -> day.isBefore(today));
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "????-??-??.json*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    if (LocalDate.parse(name.substring(0, 10)).isBefore(oldest)) {
                        Files.deleteIfExists(f);
                    }
                } catch (DateTimeParseException e) {
                    // not one of ours
                }
            }
        } catch (IOException e) {
            LOG.warn("stats: cannot clean {}: {}", folder, e.getMessage());
        }
    }

    /** Temporary files a crash left behind ({@code stats-<digits>.tmp}; nothing else is touched). */
    private void removeLeftovers() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, TEMP_PREFIX + "*.tmp")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("stats: cannot clean {}: {}", folder, e.getMessage());
        }
    }
}
