package org.pravah.source;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each article file of a directory source was first seen: the date of its articles that carry none (the
 * plain-text export never does). A file's date is fixed the first time a load lists it and kept while the file stays
 * at its path, so neither an edit nor a touch, a restart, nor a fresh clone (which gives every file the time of the
 * clone) moves its articles in the feeds.
 *
 * <p>The date is the file's modification time as first seen, in whole seconds (feeds show seconds), but never later
 * than that moment: the file was there by then. Every file of the source has its own second, so that no two undated
 * articles share a date (feed readers and the W3C validator take equal dates for a duplicate): files whose seconds
 * coincide are taken in path order, and each takes the latest free second at or before its own. The files of one
 * clone or copy therefore appear newest first in path order, a second apart.
 *
 * <p>With a data folder the dates are kept in {@code <dataDir>/<source>.first-seen.json}, keyed by the path below the
 * source folder, written whole (temporary file, flushed to disk, renamed over the old one) by the load that changed
 * them, before any article it dated is served or cached. A file that is deleted, or renamed or moved (a new path), is
 * forgotten; at a new path it is seen anew, so a moved file whose modification time is unchanged usually keeps its
 * date. A damaged file is moved aside and reported; the dates are then derived again from the modification times.
 * Not thread-safe: {@link DirectorySource} calls it from one load at a time.
 */
public final class FirstSeen {
    private static final Logger LOG = LoggerFactory.getLogger(FirstSeen.class);
    /** Raise when the file's layout changes; a file in another format is not read. */
    static final int FORMAT = 1;
    private static final JsonFactory JSON = new JsonFactory();

    private final Optional<Path> file;
    /** By path below the source folder; null until the first load has read the file. */
    private TreeMap<String, Instant> dates;
    /** The seconds of {@link #dates} (each file has a second of its own); made when first needed. */
    private Set<Long> taken;
    private boolean writeFailed;

    /**
     * The dates of one update.
     *
     * @param byPath  the date of every listed file
     * @param fresh   the paths seen for the first time by this update: what was derived for them before (a cache of
     *                normalised articles, say) is not known to agree
     */
    record Dates(Map<String, Instant> byPath, Set<String> fresh) {
    }

    private FirstSeen(Optional<Path> file) {
        this.file = file;
    }

    /** Dates kept in {@code <dataDir>/<sourceName>.first-seen.json} across restarts. */
    public static FirstSeen keptIn(Path dataDir, String sourceName) {
        // source names are lower-case ASCII letters, digits, '-' and '_' (checked by the config): safe file names
        return new FirstSeen(Optional.of(dataDir.resolve(sourceName + ".first-seen.json")));
    }

    /** Dates kept for the life of the source only: each new source derives them again from modification times. */
    public static FirstSeen inMemory() {
        return new FirstSeen(Optional.empty());
    }

    /** Reads the kept dates, if not yet done; a load may call it early, off its own thread. */
    void prepare() {
        if (dates == null) {
            dates = file.map(FirstSeen::read).orElseGet(TreeMap::new);
        }
    }

    /**
     * Dates every listed file: a known path keeps its date, a new one gets one, a path no longer listed is forgotten.
     * The kept file is rewritten when anything changed.
     *
     * @param listed every article file now below the folder, with its modification time
     * @param now    the moment of this listing: no file is dated later
     */
    Dates update(Map<String, FileTime> listed, Instant now) {
        prepare();
        Set<String> gone = new HashSet<>(dates.keySet());
        gone.removeAll(listed.keySet());
        return update(listed, gone, now);
    }

    /**
     * Dates the files of a partial listing (what the file system reported changed): a known path keeps its date, a
     * new one gets one, and the {@code gone} paths are forgotten; the others are left as they are.
     *
     * @return the dates of every path known now
     */
    Dates update(Map<String, FileTime> listed, Set<String> gone, Instant now) {
        prepare();
        boolean changed = false;
        for (String path : gone) {
            Instant date = dates.remove(path);
            if (date != null) {
                changed = true;
                if (taken != null) {
                    taken.remove(date.getEpochSecond());
                }
            }
        }
        List<Map.Entry<String, Long>> fresh = new ArrayList<>();
        long latest = now.getEpochSecond();
        for (Map.Entry<String, FileTime> e : listed.entrySet()) {
            if (!dates.containsKey(e.getKey())) {
                fresh.add(Map.entry(e.getKey(), Math.min(e.getValue().toInstant().getEpochSecond(), latest)));
            }
        }
        Set<String> freshPaths = new HashSet<>();
        if (!fresh.isEmpty()) {
            if (taken == null) {
                taken = new HashSet<>();
                dates.values().forEach(d -> taken.add(d.getEpochSecond()));
            }
            fresh.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
            // a run of taken seconds is walked once: each second on it then points below its end. Without this, a
            // fresh clone (every file modified in the same second) took quadratic time to date
            Map<Long, Long> below = new HashMap<>();
            for (Map.Entry<String, Long> e : fresh) {
                long second = freeAtOrBefore(e.getValue(), below);
                taken.add(second);
                dates.put(e.getKey(), Instant.ofEpochSecond(second));
                freshPaths.add(e.getKey());
            }
            changed = true;
        }
        if (changed) {
            file.ifPresent(this::write);
        }
        return new Dates(Collections.unmodifiableMap(dates), freshPaths);
    }

    /** The latest second at or before {@code second} no file is dated by. */
    private long freeAtOrBefore(long second, Map<Long, Long> below) {
        List<Long> walked = new ArrayList<>();
        long s = second;
        while (taken.contains(s)) {
            walked.add(s);
            s = below.getOrDefault(s, s - 1);
        }
        for (Long w : walked) {
            below.put(w, s - 1);
        }
        return s;
    }

    /** The kept dates; none when there is no file yet, or when it cannot be used (then it is reported). */
    private static TreeMap<String, Instant> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            LOG.warn("{}: cannot read the first-seen dates ({}); undated articles are dated by their files'"
                    + " modification times again", file, e.toString());
            return new TreeMap<>();
        }
        try (JsonParser in = JSON.createParser(bytes)) {
            return decode(in);
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("{}: the first-seen dates cannot be read ({}){}; undated articles are dated by their files'"
                    + " modification times again", file, e.getMessage(), moveAside(file));
            return new TreeMap<>();
        }
    }

    /** {@code {"format": 1, "files": {"<path>": "<RFC 3339 instant>", …}}}. */
    private static TreeMap<String, Instant> decode(JsonParser in) throws IOException {
        TreeMap<String, Instant> out = new TreeMap<>();
        expect(in.nextToken(), JsonToken.START_OBJECT);
        int format = -1;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            if (field.equals("format") && value == JsonToken.VALUE_NUMBER_INT) {
                format = in.getIntValue();
            } else if (field.equals("files") && value == JsonToken.START_OBJECT) {
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String path = in.currentName();
                    expect(in.nextToken(), JsonToken.VALUE_STRING);
                    out.put(path, Instant.parse(in.getText()));
                }
                expect(in.currentToken(), JsonToken.END_OBJECT);
            } else {
                in.skipChildren();
            }
        }
        expect(in.currentToken(), JsonToken.END_OBJECT);
        if (format != FORMAT) {
            throw new IOException("format " + format + ", this version of Pravah reads format " + FORMAT);
        }
        return out;
    }

    private static void expect(JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + " but found " + found);
        }
    }

    private static String moveAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return "; moved to " + aside.getFileName();
        } catch (IOException e) {
            return "";
        }
    }

    private void write(Path file) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
                out.writeStartObject();
                out.writeNumberField("format", FORMAT);
                out.writeObjectFieldStart("files");
                for (Map.Entry<String, Instant> e : dates.entrySet()) {
                    out.writeStringField(e.getKey(), e.getValue().toString());
                }
                out.writeEndObject();
                out.writeEndObject();
            }
            bytes.write('\n');
            DurableFile.replace(file, bytes.toByteArray(), "." + file.getFileName() + ".");
            writeFailed = false;
        } catch (IOException | RuntimeException e) {
            // serving goes on with the dates in memory; a restart derives the lost ones again. Said once.
            if (!writeFailed) {
                LOG.warn("{}: cannot keep the first-seen dates ({}); after a restart, undated articles of files"
                        + " touched since are dated anew", file, e.toString());
            }
            writeFailed = true;
        }
    }
}
