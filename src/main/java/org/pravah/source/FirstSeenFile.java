package org.pravah.source;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.pravah.durable.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a directory source's first-seen dates ({@link FirstSeen}) are kept: in {@code
 * <dataDir>/<source>.first-seen.json}, keyed by the path below the source folder, and what changed since in {@code
 * <source>.first-seen.journal}: a load that dates new files or forgets gone ones appends those lines and flushes them
 * to disk before any article it dated is served or cached, so one new file costs one line, not a rewrite of a million
 * dates. When the journal has grown to half the dates, the whole set is written again (temporary file, flushed,
 * renamed over the old one) under a new generation, and the journal starts anew; a journal of another generation (a
 * crash between the two steps) is ignored, its lines being in the new file. An unfinished last line (a crash while
 * appending) is ignored: the article it dated was not yet served. A damaged file is moved aside and reported; the
 * dates are then derived again from the modification times. Not thread-safe: its {@link FirstSeen} calls it from one
 * load at a time.
 */
final class FirstSeenFile {
    private static final Logger LOG = LoggerFactory.getLogger(FirstSeenFile.class);
    /** Raise when the file's layout changes; a file in another format is not read. */
    static final int FORMAT = 1;
    /** Journal lines written before the whole set is written again, however few the dates. */
    static final int JOURNAL_MIN = 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Path journal;
    /** Of the whole set on disk, chosen at random when it is written; its journal names it in its first line. */
    private long generation;
    /** Lines in its journal; -1 when the whole set must be written before anything is appended. */
    private int journalLines = -1;
    /** Whether the journal of {@link #generation} has its first line, which names the generation. */
    private boolean journalStarted;
    private boolean writeFailed;

    /** @param file {@code <dataDir>/<source>.first-seen.json}; the journal is {@code <source>.first-seen.journal} */
    FirstSeenFile(Path file) {
        this.file = file;
        String name = file.getFileName().toString();
        this.journal = file.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".journal");
    }

    /** Reads the kept dates and replays their journal; none when there is no file yet, or when it cannot be used. */
    FirstSeenDates read() {
        FirstSeenDates dates = new FirstSeenDates();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return dates;
        } catch (IOException e) {
            LOG.warn("{}: cannot read the first-seen dates ({}); undated articles are dated by their files'"
                    + " modification times again", file, e.toString());
            return dates;
        }
        try (JsonParser in = JSON.createParser(bytes)) {
            generation = decode(in, dates);
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("{}: the first-seen dates cannot be read ({}){}; undated articles are dated by their files'"
                    + " modification times again", file, e.getMessage(), moveAside(file));
            dates.clear();
            return dates;
        }
        journalLines = replay(journal, dates);
        return dates;
    }

    /**
     * Applies the journal of this generation to the dates read.
     *
     * @return its lines, or -1 when it cannot be appended to as it is (another generation, an unfinished last line,
     *         a damaged line): the next change then writes the whole set
     */
    private int replay(Path journal, Map<String, Instant> dates) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(journal);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            LOG.warn("{}: cannot read ({}); the files dated since the first-seen dates were last written whole are"
                    + " dated by their modification times again", journal, e.toString());
            return -1;
        }
        int lines = 0;
        int start = 0;
        for (int end = indexOf(bytes, start); end >= 0; end = indexOf(bytes, start)) {
            try (JsonParser in = JSON.createParser(bytes, start, end - start)) {
                if (lines == 0) {
                    if (header(in) != generation) {
                        // written before the whole set was, which holds its lines already
                        return -1;
                    }
                    journalStarted = true;
                } else {
                    apply(in, dates);
                }
            } catch (IOException | DateTimeParseException e) {
                LOG.warn("{}: line {} cannot be read ({}); the lines after it are not used and the dates they"
                        + " kept are derived again", journal, lines + 1, e.getMessage());
                return -1;
            }
            lines++;
            start = end + 1;
        }
        // a last line without its newline was being written when the process stopped: what it dated was not served
        return start < bytes.length ? -1 : Math.max(0, lines - 1);
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** {@code {"generation": N}}. */
    private static long header(JsonParser in) throws IOException {
        expect(in.nextToken(), JsonToken.START_OBJECT);
        expect(in.nextToken(), JsonToken.FIELD_NAME);
        expect(in.nextToken(), JsonToken.VALUE_NUMBER_INT);
        return in.getLongValue();
    }

    /** {@code ["+", "<path>", "<RFC 3339 instant>"]} or {@code ["-", "<path>"]}. */
    private static void apply(JsonParser in, Map<String, Instant> dates) throws IOException {
        expect(in.nextToken(), JsonToken.START_ARRAY);
        expect(in.nextToken(), JsonToken.VALUE_STRING);
        String op = in.getText();
        expect(in.nextToken(), JsonToken.VALUE_STRING);
        String path = in.getText();
        if (op.equals("+")) {
            expect(in.nextToken(), JsonToken.VALUE_STRING);
            dates.put(path, Instant.parse(in.getText()));
        } else if (op.equals("-")) {
            dates.remove(path);
        } else {
            throw new IOException("unknown change '" + op + "'");
        }
        expect(in.nextToken(), JsonToken.END_ARRAY);
    }

    /**
     * A file dated for the first time, or forgotten (no date). Its journal line is made only when it goes to the
     * journal: a first start dates every file and writes the whole set instead.
     */
    record Change(String path, Instant date) {
        String journalLine() {
            return FirstSeenFile.journalLine(date == null ? "-" : "+", path, date);
        }
    }

    private static String journalLine(String op, String path, Instant date) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
                out.writeStartArray();
                out.writeString(op);
                out.writeString(path);
                if (date != null) {
                    out.writeString(iso(date));
                }
                out.writeEndArray();
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
    }

    /**
     * {@code {"format": 1, "generation": N, "files": {"<path>": "<RFC 3339 instant>", …}}}; files written before the
     * journal have no generation, which reads as 0.
     *
     * @return the generation
     */
    private static long decode(JsonParser in, Map<String, Instant> out) throws IOException {
        expect(in.nextToken(), JsonToken.START_OBJECT);
        int format = -1;
        long generation = 0;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            if (field.equals("format") && value == JsonToken.VALUE_NUMBER_INT) {
                format = in.getIntValue();
            } else if (field.equals("generation") && value == JsonToken.VALUE_NUMBER_INT) {
                generation = in.getLongValue();
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
        return generation;
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

    /**
     * Puts the changes of one update on disk: appended to the journal, or the whole set when the journal is long.
     *
     * @param dates   every date now, the changes applied
     * @param changes what changed
     */
    void keep(Map<String, Instant> dates, List<Change> changes) {
        try {
            if (journalLines < 0 || journalLines + changes.size() > Math.max(JOURNAL_MIN, dates.size() / 2)) {
                writeWhole(dates);
            } else {
                StringBuilder lines = new StringBuilder();
                if (!journalStarted) {
                    lines.append("{\"generation\":").append(generation).append("}\n");
                }
                changes.forEach(change -> lines.append(change.journalLine()).append('\n'));
                DurableFile.append(journal, lines.toString().getBytes(StandardCharsets.UTF_8));
                journalLines += changes.size();
                journalStarted = true;
            }
            writeFailed = false;
        } catch (IOException | RuntimeException e) {
            // serving goes on with the dates in memory; a restart derives the lost ones again. Said once.
            if (!writeFailed) {
                LOG.warn("{}: cannot keep the first-seen dates ({}); after a restart, undated articles of files"
                        + " touched since are dated anew", file, e.toString());
            }
            writeFailed = true;
            // what is on disk may now lack these changes or hold a part of them: write it whole next time
            journalLines = -1;
        }
    }

    /**
     * {@link Instant#toString()}, without its formatter for the whole seconds of years 1000 to 9999 that files are
     * dated by: a first start writes one per file, on the load's one thread before any file is read.
     */
    static String iso(Instant date) {
        long seconds = date.getEpochSecond();
        if (date.getNano() != 0 || seconds < YEAR_1000 || seconds > END_OF_9999) {
            return date.toString();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] out = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        put(out, 0, t.getYear(), 4);
        put(out, 5, t.getMonthValue(), 2);
        put(out, 8, t.getDayOfMonth(), 2);
        put(out, 11, t.getHour(), 2);
        put(out, 14, t.getMinute(), 2);
        put(out, 17, t.getSecond(), 2);
        return new String(out);
    }

    private static final long YEAR_1000 = LocalDateTime.of(1000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long END_OF_9999 = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Writes every date under a new generation, then drops the journal its lines are now in. */
    private void writeWhole(Map<String, Instant> dates) throws IOException {
        long next;
        do {
            // not a count: a data folder whose dates were deleted starts again, and must not take an old journal
            next = ThreadLocalRandom.current().nextLong();
        } while (next == generation || next == 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
            out.writeStartObject();
            out.writeNumberField("format", FORMAT);
            out.writeNumberField("generation", next);
            out.writeObjectFieldStart("files");
            // in path order, so that the file reads (and compares) like a listing
            for (Map.Entry<String, Instant> e : dates.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .toList()) {
                out.writeStringField(e.getKey(), iso(e.getValue()));
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        bytes.write('\n');
        DurableFile.replace(file, bytes.toByteArray(), "." + file.getFileName() + ".");
        generation = next;
        journalLines = 0;
        journalStarted = false;
        // a crash before this leaves a journal of the old generation, which the next start ignores
        Files.deleteIfExists(journal);
    }
}
