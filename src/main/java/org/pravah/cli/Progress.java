package org.pravah.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work on stderr, so that stdout keeps only the report. On a terminal one line is redrawn in place
 * (at most ten times a second); elsewhere (CI logs, pipes) plain lines are printed at every tenth of large jobs, since
 * carriage returns there turn into one unreadable line. A timed task ({@link #startTimed}) also shows its rate and
 * the time left, and elsewhere prints nothing but its closing line: a job run from cron logs one line.
 */
final class Progress {
    /** Below this many steps a job is quick: a plain log gets only its closing line. */
    static final int PLAIN_LINES_FROM = 1000;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean terminal;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A line of its own, e.g. what is about to start. */
    void note(String message) {
        err.println(message);
    }

    Task start(String label, int total) {
        return new Task(label, total, "", false);
    }

    /** @param unit what is counted, e.g. {@code files}: {@code importing: 450/1000 files, 2100/s, ETA 0:00} */
    Task startTimed(String label, int total, String unit) {
        return new Task(label, total, " " + unit, true);
    }

    final class Task {
        private final String label;
        private final int total;
        private final String unit;
        private final boolean timed;
        private final long started = System.nanoTime();
        /** When the first step was done: the rate counts from there, not from what came before (opening a store). */
        private long firstStep;
        private int done;
        private long lastDraw;
        private boolean drawn;
        private int drawnLength;

        private Task(String label, int total, String unit, boolean timed) {
            this.label = label;
            this.total = total;
            this.unit = unit;
            this.timed = timed;
        }

        void advance() {
            advance(1);
        }

        void advance(int steps) {
            int before = done;
            done += steps;
            if (before == 0) {
                firstStep = System.nanoTime();
            }
            if (terminal) {
                long now = System.nanoTime();
                if (!drawn || now - lastDraw >= REDRAW_NANOS) {
                    lastDraw = now;
                    drawn = true;
                    redraw(label + ": " + done + "/" + total + unit + (timed ? rate(now) : ""));
                }
            } else if (!timed && total >= PLAIN_LINES_FROM && done < total && tenth(done) != tenth(before)) {
                err.println(label + ": " + done + "/" + total);
            }
        }

        /** {@code , 2100/s, ETA 0:04}: the rate so far, and the rest at that rate; nothing in the first second. */
        private String rate(long now) {
            double seconds = (now - firstStep) / 1e9;
            if (seconds < 1) {
                return "";
            }
            double perSecond = done / seconds;
            long left = Math.round((total - done) / perSecond);
            return String.format(Locale.ROOT, ", %d/s, ETA %d:%02d", Math.round(perSecond), left / 60,
                    left % 60);
        }

        /** Seconds since the task started. */
        double elapsedSeconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        /**
         * Prints a line of the report (on {@code out}) without leaving it inside the progress line: on a terminal the
         * progress line is wiped first and drawn again at the next step.
         */
        void report(PrintStream out, String line) {
            if (terminal && drawnLength > 0) {
                err.print("\r" + " ".repeat(drawnLength) + "\r");
                err.flush();
                drawnLength = 0;
                drawn = false;
            }
            out.println(line);
        }

        private int tenth(int n) {
            return (int) (10L * n / total);
        }

        /** Closes the job with one last line, e.g. {@code rendering feeds: 30 done}. */
        void finish(String summary) {
            String line = label + ": " + summary;
            if (terminal) {
                redraw(line);
                err.println();
            } else {
                err.println(line);
            }
        }

        private void redraw(String line) {
            StringBuilder out = new StringBuilder("\r").append(line);
            // spaces over what is left of a longer earlier line: no escape codes, so any terminal shows it right
            out.append(" ".repeat(Math.max(0, drawnLength - line.length())));
            drawnLength = line.length();
            err.print(out);
            err.flush();
        }
    }
}
