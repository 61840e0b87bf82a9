package org.pravah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshQueueTest {

    @Test
    void writes_right_after_a_refresh_wait_for_the_spacing_and_are_all_served_by_one_refresh() throws Exception {
        AtomicInteger written = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        try (RefreshQueue queue = new RefreshQueue(() -> {
            synchronized (seen) {
                starts.add(System.nanoTime());
                seen.add(written.get());
            }
        }, 300)) {
            written.set(1);
            queue.ask().get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> served = new ArrayList<>();
            List<Integer> writes = new ArrayList<>();
            for (int i = 2; i <= 40; i++) {
                written.set(i);
                writes.add(i);
                served.add(queue.ask());
            }
            CompletableFuture.allOf(served.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
            synchronized (seen) {
                assertEquals(List.of(1, 40), seen, "each write served, the burst by one refresh");
                assertTrue(starts.get(1) - starts.get(0) >= TimeUnit.MILLISECONDS.toNanos(300),
                        "the second refresh waited for the spacing");
            }
            assertEquals(2, queue.refreshes());
        }
    }

    @Test
    void work_run_once_follows_the_refresh_asked_for_before_it() throws Exception {
        List<String> order = new ArrayList<>();
        try (RefreshQueue queue = new RefreshQueue(() -> {
            synchronized (order) {
                order.add("refresh");
            }
        }, 300)) {
            queue.ask().get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> next = queue.ask();
            CompletableFuture<Void> ran = new CompletableFuture<>();
            queue.runOnce(() -> {
                synchronized (order) {
                    order.add("once");
                }
                ran.complete(null);
            });
            ran.get(10, TimeUnit.SECONDS);
            next.get(10, TimeUnit.SECONDS);
            synchronized (order) {
                assertEquals(List.of("refresh", "refresh", "once"), order);
            }
        }
    }
}
