package org.pravah.source;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 * <p>With a data folder the dates are kept in {@code <dataDir>/<source>.first-seen.json} and its journal
 * ({@link FirstSeenFile}), before any article they date is served or cached. A file that is deleted, or renamed or
 * moved (a new path), is forgotten; at a new path it is seen anew, so a moved file whose modification time is unchanged
 * usually keeps its date. Not thread-safe: {@link DirectorySource} calls it from one load at a time.
 */
public final class FirstSeen {
    private final Optional<FirstSeenFile> file;
    /** By path below the source folder; null until the first load has read the file. */
    private FirstSeenDates dates;
    /**
     * The seconds of {@link #dates} (each file has a second of its own), in order; made when first needed. A sorted
     * array of numbers rather than a set of {@code Long}s: 8 bytes a file instead of 48.
     */
    private long[] taken;

    /**
     * The dates of one update.
     *
     * @param byPath  the date of every listed file
     * @param fresh   the paths seen for the first time by this update: what was derived for them before (a cache of
     *                normalised articles, say) is not known to agree
     */
    record Dates(Map<String, Instant> byPath, Set<String> fresh) {
    }

    private FirstSeen(Optional<FirstSeenFile> file) {
        this.file = file;
    }

    /** Dates kept in {@code <dataDir>/<sourceName>.first-seen.json} across restarts. */
    public static FirstSeen keptIn(Path dataDir, String sourceName) {
        // source names are lower-case ASCII letters, digits, '-' and '_' (checked by the config): safe file names
        return new FirstSeen(Optional.of(new FirstSeenFile(dataDir.resolve(sourceName + ".first-seen.json"))));
    }

    /** Dates kept for the life of the source only: each new source derives them again from modification times. */
    public static FirstSeen inMemory() {
        return new FirstSeen(Optional.empty());
    }

    /** Reads the kept dates, if not yet done; a load may call it early, off its own thread. */
    void prepare() {
        if (dates == null) {
            dates = file.map(FirstSeenFile::read).orElseGet(FirstSeenDates::new);
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
        // a rescan that finds every known file again (almost all of them) copies no set of every path to learn it
        int known = 0;
        for (String path : listed.keySet()) {
            if (dates.containsKey(path)) {
                known++;
            }
        }
        Set<String> gone = new HashSet<>();
        if (known < dates.size()) {
            for (String path : dates.keySet()) {
                if (!listed.containsKey(path)) {
                    gone.add(path);
                }
            }
        }
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
        List<FirstSeenFile.Change> changes = new ArrayList<>();
        Set<Long> freed = new HashSet<>();
        for (String path : gone) {
            Instant date = dates.remove(path);
            if (date != null) {
                changes.add(new FirstSeenFile.Change(path, null));
                freed.add(date.getEpochSecond());
            }
        }
        List<Map.Entry<String, Long>> fresh = new ArrayList<>();
        long latest = now.getEpochSecond();
        for (Map.Entry<String, FileTime> e : listed.entrySet()) {
            // the source's folder state holds this very String: kept once
            if (!dates.samePath(e.getKey())) {
                fresh.add(Map.entry(e.getKey(), Math.min(e.getValue().toInstant().getEpochSecond(), latest)));
            }
        }
        if (taken != null && !freed.isEmpty()) {
            taken = Arrays.stream(taken).filter(second -> !freed.contains(second)).toArray();
        }
        Set<String> freshPaths = new HashSet<>();
        if (!fresh.isEmpty()) {
            if (taken == null) {
                taken = dates.values().stream().mapToLong(Instant::getEpochSecond).sorted().toArray();
            }
            fresh.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
            // a run of taken seconds is walked once: each second on it then points below its end. Without this, a
            // fresh clone (every file modified in the same second) took quadratic time to date
            Map<Long, Long> below = new HashMap<>();
            Set<Long> takenNow = new HashSet<>();
            long[] added = new long[fresh.size()];
            int n = 0;
            for (Map.Entry<String, Long> e : fresh) {
                long second = freeAtOrBefore(e.getValue(), below, takenNow);
                takenNow.add(second);
                added[n++] = second;
                Instant date = Instant.ofEpochSecond(second);
                dates.put(e.getKey(), date);
                freshPaths.add(e.getKey());
                changes.add(new FirstSeenFile.Change(e.getKey(), date));
            }
            taken = merged(taken, added);
        }
        if (!changes.isEmpty()) {
            file.ifPresent(f -> f.keep(dates, changes));
        }
        return new Dates(Collections.unmodifiableMap(dates), freshPaths);
    }

    /** {@code sorted} and {@code more} in one sorted array. */
    private static long[] merged(long[] sorted, long[] more) {
        Arrays.sort(more);
        long[] out = new long[sorted.length + more.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < sorted.length || j < more.length) {
            out[k++] = j >= more.length || i < sorted.length && sorted[i] <= more[j] ? sorted[i++] : more[j++];
        }
        return out;
    }

    private boolean isTaken(long second, Set<Long> takenNow) {
        return Arrays.binarySearch(taken, second) >= 0 || takenNow.contains(second);
    }

    /** The latest second at or before {@code second} no file is dated by. */
    private long freeAtOrBefore(long second, Map<Long, Long> below, Set<Long> takenNow) {
        List<Long> walked = new ArrayList<>();
        long s = second;
        while (isTaken(s, takenNow)) {
            walked.add(s);
            s = below.getOrDefault(s, s - 1);
        }
        for (Long w : walked) {
            below.put(w, s - 1);
        }
        return s;
    }

}
