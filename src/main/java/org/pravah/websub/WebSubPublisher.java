package org.pravah.websub;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells WebSub hubs that feeds changed (W3C WebSub §7: {@code hub.mode=publish&hub.url=<topic>}), so subscribers get
 * new articles in seconds instead of at their next poll. Pings run on their own thread with retries and back-off;
 * a slow or failing hub never delays a reload or a request.
 */
public final class WebSubPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebSubPublisher.class);
    static final int MAX_ATTEMPTS = 5;

    private final List<String> hubs;
    private final Duration firstRetry;
    /**
     * Made at the first ping, on the ping thread: building an HTTP client initialises TLS, a large part of a cold
     * start (BENCHMARKS.md, "Figures behind design choices"), and a site without hubs never needs one.
     */
    private HttpClient client;
    private final ScheduledExecutorService executor;

    /** @param firstRetry the wait before the second attempt; each later wait doubles */
    public WebSubPublisher(List<String> hubs, Duration firstRetry) {
        this.hubs = List.copyOf(hubs);
        this.firstRetry = firstRetry;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pravah-websub");
            t.setDaemon(true);
            return t;
        });
    }

    public boolean enabled() {
        return !hubs.isEmpty();
    }

    /** Queues one publish ping per hub and changed topic (feed URL); returns at once. */
    public void publish(Collection<String> topics) {
        for (String hub : hubs) {
            for (String topic : topics) {
                executor.execute(() -> attempt(hub, topic, 1));
            }
        }
    }

    private void attempt(String hub, String topic, int attempt) {
        String body = "hub.mode=publish&hub.url=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("User-Agent", "Pravah WebSub publisher")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        String failure;
        try {
            if (client == null) {
                client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
            }
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                LOG.info("websub: told {} that {} changed", hub, topic);
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        if (attempt >= MAX_ATTEMPTS) {
            LOG.warn("websub: giving up on telling {} about {} after {} attempts ({})", hub, topic, attempt, failure);
            return;
        }
        long wait = firstRetry.toMillis() << (attempt - 1);
        LOG.warn("websub: {} refused {} ({}); retrying in {} ms", hub, topic, failure, wait);
        executor.schedule(() -> attempt(hub, topic, attempt + 1), wait, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
