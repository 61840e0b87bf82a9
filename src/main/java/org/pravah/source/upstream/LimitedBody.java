package org.pravah.source.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit and stops reading the moment it is passed: a 50 MB answer costs at most
 * {@code limit} bytes of memory, not 50 MB. (The JDK's {@code ofByteArray} would buffer everything first.)
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** Thrown (as the body's failure) when the body is larger than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    LimitedBody(long limit) {
        this.limit = limit;
    }

    /** A body that is not read at all: redirects and errors carry nothing we need. */
    static HttpResponse.BodySubscriber<byte[]> skipped() {
        return refused(null);
    }

    /** A body refused before its first byte (its declared length is already too large); null: skipped quietly. */
    static HttpResponse.BodySubscriber<byte[]> refused(TooLarge reason) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> done = new CompletableFuture<>();

            @Override
            public CompletionStage<byte[]> getBody() {
                return done;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                // cancelling closes the connection instead of draining a body nobody reads
                s.cancel();
                if (reason == null) {
                    done.complete(new byte[0]);
                } else {
                    done.completeExceptionally(reason);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                // cancelled: nothing more arrives that matters
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(new byte[0]);
            }
        };
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if ((long) bytes.size() + buffer.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge("more than " + FeedFetcher.size(limit)));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
