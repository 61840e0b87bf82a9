package org.pravah.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * The polls waiting for the stats thread: a ring of reusable slots that request threads fill and that thread empties
 * (Dmitry Vyukov's bounded queue, with one consumer). Handing a poll over costs a request thread one compare-and-set
 * and no allocation. A linked queue allocated two objects per poll, and under a saturating load the polls of the
 * last 200 ms were alive at every young collection, which copied them node by node (BENCHMARKS.md). Every slot is
 * made here, so that nothing between claiming a slot and publishing it can fail. A full ring refuses a poll rather
 * than hold it.
 */
final class PendingPolls {
    /** One poll as the request thread hands it over; the slot is written again once the stats thread has counted it. */
    static final class Poll {
        String feed;
        long at;
        int status;
        long sent;
        long fullSize;
        long identitySize;
        boolean validators;
        String userAgent;
        boolean userAgentTooLong;
        Object client;
    }

    private final Poll[] slots;
    /** Per slot: {@code i} while it is free for the poll claimed as {@code i}, {@code i + 1} once that is written. */
    private final AtomicLongArray sequence;
    private final int mask;
    /** The next index a request thread claims. */
    private final AtomicLong claimed = new AtomicLong();
    /** The next index the stats thread reads; only it (holding FeedStats' monitor) moves it. */
    private long next;

    /** @param capacity a power of two: the index of a slot is then a mask, not a division */
    PendingPolls(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        slots = new Poll[capacity];
        sequence = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Poll();
            sequence.set(i, i);
        }
        mask = capacity - 1;
    }

    /** Hands a poll over (on a request thread); false when the ring is full and the poll is not kept. */
    boolean offer(String feed, long at, int status, long sent, long fullSize, long identitySize, boolean validators,
                  String userAgent, boolean userAgentTooLong, Object client) {
        long i = claimed.get();
        int k;
        while (true) {
            k = (int) i & mask;
            long s = sequence.getAcquire(k);
            if (s == i) {
                if (claimed.compareAndSet(i, i + 1)) {
                    break;
                }
                i = claimed.get();
            } else if (s < i) {
                // the slot still holds the poll claimed one lap before: the stats thread is that far behind
                return false;
            } else {
                // another request thread claimed i first
                i = claimed.get();
            }
        }
        Poll p = slots[k];
        p.feed = feed;
        p.at = at;
        p.status = status;
        p.sent = sent;
        p.fullSize = fullSize;
        p.identitySize = identitySize;
        p.validators = validators;
        p.userAgent = userAgent;
        p.userAgentTooLong = userAgentTooLong;
        p.client = client;
        sequence.setRelease(k, i + 1);
        return true;
    }

    /**
     * Gives every poll written so far to {@code count}, in the order they were claimed, and frees its slot.
     *
     * @param all also those claimed before this call and still being written, waited for (a request thread is a few
     *            stores away from publishing them), so that a poll answered before a report is in it; without, the
     *            first one still being written ends the round, and the next round counts it
     * @return how many were counted
     */
    int drain(Consumer<Poll> count, boolean all) {
        long until = all ? claimed.get() : Long.MAX_VALUE;
        int n = 0;
        int waits = 0;
        while (next < until) {
            int k = (int) next & mask;
            if (sequence.getAcquire(k) != next + 1) {
                if (!all) {
                    break;
                }
                // claimed, not yet written: the writer may have been descheduled between the two
                if (++waits < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                continue;
            }
            Poll p = slots[k];
            try {
                count.accept(p);
            } finally {
                // a poll that could not be counted is not tried again, or it would stop every later one; and the
                // slot would otherwise keep a client's address and header alive until it is written again
                p.feed = null;
                p.userAgent = null;
                p.client = null;
                sequence.setRelease(k, next + slots.length);
                next++;
                n++;
            }
        }
        return n;
    }

    /** Polls claimed and not yet counted. */
    int size() {
        return (int) (claimed.get() - next);
    }
}
