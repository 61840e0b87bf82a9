package org.pravah.stats;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polls waiting for the stats thread: the LMAX Disruptor's ring of reusable slots, which request threads fill and
 * that thread empties by polling it. Handing a poll over costs a request thread one compare-and-set and no
 * allocation. A linked queue allocated two objects per poll, and under a saturating load the polls of the last 200 ms
 * were alive at every young collection, which copied them node by node (BENCHMARKS.md). A full ring refuses a poll
 * rather than hold it.
 */
final class PendingPolls {
    private static final Logger LOG = LoggerFactory.getLogger(PendingPolls.class);

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

    private final RingBuffer<Poll> ring;
    private final EventPoller<Poll> poller;
    /** What the stats thread's current drain gives each poll to; only that thread (holding FeedStats' monitor) sets it. */
    private Consumer<Poll> counting;
    private int counted;
    private final EventPoller.Handler<Poll> handler = this::count;

    /** @param capacity a power of two (the Disruptor's index of a slot is a mask) */
    PendingPolls(int capacity) {
        // the stats thread polls the ring on its own schedule and never waits on it, so nobody needs signalling: the
        // default (blocking) strategy took a lock on every publish, 6% of a cached request's CPU time (BENCHMARKS.md,
        // "Serving and starting", run 13); this one's signal does nothing
        ring = RingBuffer.createMultiProducer(Poll::new, capacity, new BusySpinWaitStrategy());
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    /** Hands a poll over (on a request thread); false when the ring is full and the poll is not kept. */
    boolean offer(String feed, long at, int status, long sent, long fullSize, long identitySize, boolean validators,
                  String userAgent, boolean userAgentTooLong, Object client) {
        long i;
        try {
            i = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            // the Disruptor's one shared instance, without a stack trace: refusing costs nothing either
            return false;
        }
        Poll p = ring.get(i);
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
        ring.publish(i);
        return true;
    }

    /**
     * Gives every poll handed over so far to {@code count}, in the order they were claimed, and frees its slot.
     *
     * @param all also those claimed before this call and still being written, waited for (a request thread is a few
     *            stores away from publishing them), so that a poll answered before a report is in it; without, the
     *            first one still being written ends the round, and the next round counts it
     * @return how many were counted
     */
    int drain(Consumer<Poll> count, boolean all) {
        long until = all ? ring.getCursor() : Long.MAX_VALUE;
        counting = count;
        counted = 0;
        int waits = 0;
        try {
            while (poller.getSequence().get() < until) {
                EventPoller.PollState state = poller.poll(handler);
                if (state == EventPoller.PollState.PROCESSING) {
                    continue;
                }
                if (!all) {
                    break;
                }
                // claimed, not yet published: the writer may have been descheduled between the two
                if (++waits < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        } catch (Exception e) {
            // the handler below catches what counting throws; the poller itself throws nothing else
            throw new IllegalStateException(e);
        } finally {
            counting = null;
        }
        return counted;
    }

    private boolean count(Poll p, long sequence, boolean endOfBatch) {
        try {
            counting.accept(p);
        } catch (RuntimeException e) {
            // a poll that cannot be counted is skipped, not tried again: it would stop every later one
            LOG.warn("a poll of {} could not be counted: {}", p.feed, e.toString());
        } finally {
            // the slot would otherwise keep a client's address and header alive until it is written again
            p.feed = null;
            p.userAgent = null;
            p.client = null;
        }
        counted++;
        return true;
    }

    /** Polls claimed and not yet counted. */
    int size() {
        return (int) (ring.getCursor() - poller.getSequence().get());
    }
}
