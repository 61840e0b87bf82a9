import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.pravah.stats.FeedStats;

/**
 * What counting a poll for /stats costs, per poll, apart from everything else a request does: CPU time and bytes
 * allocated on the request threads (FeedStats.polled, against the same loop with counting off) and on the stats
 * thread. Request threads poll one feed at a fixed total rate, like a saturated server (bench/stats-load.sh): the same
 * reader's User-Agent from 32 keep-alive connections. The Strings are the ones the server hands over: the feed's path
 * is the fast path's prepared one, and Jetty's parser gives each connection's repeated User-Agent as one String (its
 * field cache), so a new connection means a new String.
 * usage: java [-Drate=30000] [-Dseconds=10] [-Drounds=5] [-Dthreads=8] [-Dstatus=304] \
 *             -cp target/pravah.jar bench/StatsCost.java
 */
public class StatsCost {
    static final String PATH = "/feeds/desh.rss";
    static final byte[] UA = "Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)"
            .getBytes(StandardCharsets.ISO_8859_1);
    static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    record Connection(InetSocketAddress address, String userAgent) {
    }

    record Round(long polls, long requestCpu, long requestBytes, long statsCpu, long statsBytes) {
        double perPoll(ToLongFunction<Round> f) {
            return (double) f.applyAsLong(this) / polls;
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("rate", 30_000);
        int seconds = Integer.getInteger("seconds", 10);
        int rounds = Integer.getInteger("rounds", 5);
        int threads = Integer.getInteger("threads", 8);
        int status = Integer.getInteger("status", 304);
        FeedStats stats = FeedStats.inMemory(Clock.systemUTC(), ZoneId.of("Asia/Kolkata"), () -> 900).start();
        Thread statsThread = null;
        while (statsThread == null) {
            statsThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("pravah-stats"))
                    .findFirst().orElse(null);
        }
        Connection[] connections = new Connection[32];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new Connection(new InetSocketAddress("127.0.0.1", 40_000 + i),
                    new String(UA, StandardCharsets.ISO_8859_1));
        }
        // the JIT's C2 compiles both loops before anything is measured
        run(null, statsThread, connections, rate, seconds, threads, status);
        run(stats, statsThread, connections, rate, seconds, threads, status);
        List<Round> on = new ArrayList<>();
        List<Round> off = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            off.add(run(null, statsThread, connections, rate, seconds, threads, status));
            on.add(run(stats, statsThread, connections, rate, seconds, threads, status));
            Round a = on.get(i);
            Round b = off.get(i);
            System.out.printf("round %d: request threads %+.0f ns and %+.0f B a poll against off (off %.0f ns, %.0f B);"
                            + " stats thread %.0f ns and %.0f B a poll%n", i + 1,
                    a.perPoll(Round::requestCpu) - b.perPoll(Round::requestCpu),
                    a.perPoll(Round::requestBytes) - b.perPoll(Round::requestBytes),
                    b.perPoll(Round::requestCpu), b.perPoll(Round::requestBytes),
                    a.perPoll(Round::statsCpu), a.perPoll(Round::statsBytes));
        }
        long dropped = stats.report().dropped();
        System.out.printf("rate %d polls/s (status %d) from %d threads, %d s rounds, %d rounds: medians a poll:"
                        + " request threads %+.0f ns, %+.0f B; stats thread %.0f ns, %.0f B; in all %+.0f ns;"
                        + " %d dropped%n",
                rate, status, threads, seconds, rounds,
                median(on, off, Round::requestCpu), median(on, off, Round::requestBytes),
                median(on, null, Round::statsCpu), median(on, null, Round::statsBytes),
                median(on, off, r -> r.requestCpu() + r.statsCpu()), dropped);
        stats.close();
    }

    /** Median over rounds of on's figure per poll, less off's of the same round when off is given. */
    static double median(List<Round> on, List<Round> off, ToLongFunction<Round> f) {
        double[] v = new double[on.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = on.get(i).perPoll(f) - (off == null ? 0 : off.get(i).perPoll(f));
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static Round run(FeedStats stats, Thread statsThread, Connection[] connections, int rate, int seconds,
                     int threads, int status) throws InterruptedException {
        long statsCpu = THREADS.getThreadCpuTime(statsThread.getId());
        long statsBytes = THREADS.getThreadAllocatedBytes(statsThread.getId());
        long[] cpu = new long[threads];
        long[] bytes = new long[threads];
        long[] polls = new long[threads];
        Thread[] workers = new Thread[threads];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            int me = t;
            workers[t] = new Thread(() -> {
                long id = Thread.currentThread().getId();
                long gap = 64L * threads * 1_000_000_000L / rate;
                long next = System.nanoTime();
                long n = 0;
                while (next < end) {
                    // only the polls are timed: parking between batches costs more than they do, and varies more
                    long c = THREADS.getCurrentThreadCpuTime();
                    long b = THREADS.getThreadAllocatedBytes(id);
                    for (int k = 0; k < 64; k++, n++) {
                        Connection connection = connections[(int) ((me + n * threads) % connections.length)];
                        if (stats != null) {
                            stats.polled(PATH, status, status == 304 ? 0 : 3_000, 3_000, 12_000, status == 304,
                                    connection.userAgent(), connection.address());
                        }
                    }
                    cpu[me] += THREADS.getCurrentThreadCpuTime() - c;
                    bytes[me] += THREADS.getThreadAllocatedBytes(id) - b;
                    next += gap;
                    long wait;
                    while ((wait = next - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                polls[me] = n;
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        // the stats thread drains every 200 ms: the last polls of this round are counted in it
        Thread.sleep(600);
        return new Round(Arrays.stream(polls).sum(), Arrays.stream(cpu).sum(), Arrays.stream(bytes).sum(),
                THREADS.getThreadCpuTime(statsThread.getId()) - statsCpu,
                THREADS.getThreadAllocatedBytes(statsThread.getId()) - statsBytes);
    }
}
