package org.pravah.http;

/** Hears of every request the server has answered: how the server is observed without knowing who observes it. */
@FunctionalInterface
public interface RequestListener {
    RequestListener NONE = request -> { };

    void completed(CompletedRequest request);
}
