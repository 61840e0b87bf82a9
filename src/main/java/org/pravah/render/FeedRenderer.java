package org.pravah.render;

/** Turns a feed view into the bytes of one format. Implementations are stateless and thread-safe. */
public interface FeedRenderer {
    FeedFormat format();

    byte[] render(FeedView view);
}
