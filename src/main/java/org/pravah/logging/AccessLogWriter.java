package org.pravah.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The access log's appender: a request thread formats its line and copies the bytes into a buffer; one writer thread
 * writes the buffer to stderr in one call when it holds {@link #BATCH_BYTES} or its first line is
 * {@link #BATCH_MILLIS} old, as nginx does with {@code access_log … buffer= flush=}. Waking a writer and writing to
 * stderr once per request cost a third of a cached request's CPU time (BENCHMARKS.md, "Serving and starting", run 13).
 * <p>
 * No line is ever dropped: when stderr is slower than requests arrive and {@link #MAX_PENDING_BYTES} are waiting,
 * request threads wait for the writer, as nginx's workers wait for their log file. {@link #stop()} writes what is
 * left, so a clean stop (Main stops the logging after the server has closed) keeps every request's line.
 * <p>
 * stderr is looked up at every write, like logback's console appender, so that a program (or a test) that replaces
 * {@code System.err} gets the lines.
 */
final class AccessLogWriter extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final int BATCH_BYTES = 64 * 1024;
    static final long BATCH_MILLIS = 200;
    static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    /** The writer waits here for a first line, or for a batch to fill. */
    private final Condition linesWaiting = lock.newCondition();
    /** Request threads wait here while the buffer is at its limit. */
    private final Condition roomMade = lock.newCondition();
    private Encoder<ILoggingEvent> encoder;
    private byte[] pending = new byte[BATCH_BYTES * 2];
    private int size;
    /** The buffer the writer last wrote from, given back to be filled next: two buffers, no allocation per batch. */
    private byte[] spare = new byte[BATCH_BYTES * 2];
    private boolean stopping;
    private Thread writer;

    void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for " + getName());
            return;
        }
        stopping = false;
        writer = new Thread(this::writeBatches, "pravah-access-log");
        // a stop writes what is left (stop()); a JVM that ends without one is not kept alive by this thread
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        lock.lock();
        try {
            while (size + line.length > MAX_PENDING_BYTES && size > 0 && !stopping) {
                roomMade.awaitUninterruptibly();
            }
            if (stopping) {
                // after stop() has drained: nothing would write it later, so this thread does
                write(line, line.length);
                return;
            }
            if (size + line.length > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, size + line.length));
            }
            System.arraycopy(line, 0, pending, size, line.length);
            int before = size;
            size += line.length;
            // the writer waits for the first line of a batch, then for the batch to fill: one wake-up each, not one
            // per request (signal costs nothing when nobody waits)
            if (before == 0 || (before < BATCH_BYTES && size >= BATCH_BYTES)) {
                linesWaiting.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeBatches() {
        lock.lock();
        try {
            while (true) {
                while (size == 0 && !stopping) {
                    linesWaiting.awaitUninterruptibly();
                }
                if (size == 0) {
                    return;
                }
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS);
                long left;
                while (size < BATCH_BYTES && !stopping && (left = end - System.nanoTime()) > 0) {
                    linesWaiting.awaitNanos(left);
                }
                byte[] batch = pending;
                int length = size;
                pending = spare.length >= BATCH_BYTES * 2 ? spare : new byte[BATCH_BYTES * 2];
                spare = null;
                size = 0;
                roomMade.signalAll();
                lock.unlock();
                try {
                    write(batch, length);
                } finally {
                    lock.lock();
                }
                // a buffer grown by a burst is let go rather than kept at its largest
                spare = batch.length <= BATCH_BYTES * 4 ? batch : new byte[BATCH_BYTES * 2];
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void write(byte[] bytes, int length) {
        PrintStream err = System.err;
        err.write(bytes, 0, length);
        err.flush();
    }

    /** Writes every line appended so far, then stops; lines appended after are written by their own thread. */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        lock.lock();
        try {
            stopping = true;
            linesWaiting.signalAll();
            roomMade.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            // the writer has written all it took; anything left (it did not end in time) is written here
            if (size > 0) {
                write(pending, size);
                size = 0;
            }
        } finally {
            lock.unlock();
        }
        super.stop();
    }
}
