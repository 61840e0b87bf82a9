package org.pravah.cli;

import java.io.PrintStream;

/**
 * Progress of long work on stderr, so that stdout keeps only the report. On a terminal one line is redrawn in place
 * (at most ten times a second); elsewhere (CI logs, pipes) plain lines are printed at every tenth of large jobs, since
 * carriage returns there turn into one unreadable line.
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
        return new Task(label, total);
    }

    final class Task {
        private final String label;
        private final int total;
        private int done;
        private long lastDraw;
        private int drawnLength;

        private Task(String label, int total) {
            this.label = label;
            this.total = total;
        }

        void advance() {
            done++;
            if (terminal) {
                long now = System.nanoTime();
                if (done == 1 || now - lastDraw >= REDRAW_NANOS) {
                    lastDraw = now;
                    redraw(label + ": " + done + "/" + total);
                }
            } else if (total >= PLAIN_LINES_FROM && done < total && tenth(done) != tenth(done - 1)) {
                err.println(label + ": " + done + "/" + total);
            }
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
