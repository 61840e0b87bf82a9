package org.pravah.source.upstream;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an upstream body as whichever feed format it is. The body decides, not the {@code Content-Type}: upstreams
 * label feeds {@code text/html} or {@code application/octet-stream} often enough that trusting the label would drop
 * good feeds; the label still gives the XML its charset.
 */
public final class FeedParser {
    private final XmlFeedReader xml;
    private final JsonFeedReader json;

    /** @param zone where dates written without any zone are read (the site's zone) */
    public FeedParser(ZoneId zone) {
        this.xml = new XmlFeedReader(zone);
        this.json = new JsonFeedReader(zone);
    }

    /**
     * @param feedUrl where the body came from (after redirects): relative links resolve against it
     * @param where   how messages name the source
     */
    public ParsedFeed parse(byte[] body, String contentType, URI feedUrl, String where) throws UpstreamException {
        ParsedFeed parsed;
        try {
            parsed = switch (firstSignificant(body)) {
                case '{' -> json.read(body, feedUrl, where);
                case '<' -> xml.read(body, contentType, feedUrl, where);
                // never an excerpt: messages are shown on /status, and a redirect may have led to an internal page
                default -> throw new UpstreamException("not a feed: the body " + (body.length == 0 ? "is empty ("
                        : "is neither XML nor JSON (" + body.length + " bytes, ") + "Content-Type '" + contentType
                        + "')");
            };
        } catch (RuntimeException e) {
            // a library tripping over a strange document must not take the poller down with it; its message may
            // quote the document, so only its kind is told
            throw new UpstreamException("the feed cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (StackOverflowError e) {
            // markup nested thousands deep (within maxBytes) can exhaust a recursive walk in a library
            throw new UpstreamException("the feed is nested too deeply to read");
        }
        return withoutDuplicates(parsed, where);
    }

    /** The first character that is not a byte order mark or white space; UTF-16/32 documents count as XML. */
    private static char firstSignificant(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            i = 3;
        } else if (body.length >= 2 && ((body[0] & 0xFF) == 0xFE || (body[0] & 0xFF) == 0xFF)
                || body.length >= 2 && (body[0] == 0 || body[1] == 0)) {
            return '<';
        }
        for (; i < body.length; i++) {
            char c = (char) (body[i] & 0xFF);
            if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
                return c;
            }
        }
        return 0;
    }

    /**
     * One item per id: upstreams repeat a guid when they republish or by mistake; the first occurrence (the top of
     * the feed, usually the newest) is kept.
     */
    private static ParsedFeed withoutDuplicates(ParsedFeed feed, String where) {
        Set<String> seen = new HashSet<>();
        List<UpstreamEntry> kept = new ArrayList<>();
        List<String> warnings = new ArrayList<>(feed.warnings());
        for (UpstreamEntry e : feed.entries()) {
            if (seen.add(e.id())) {
                kept.add(e);
            } else {
                warnings.add(where + ": item '" + UpstreamEntries.abbreviate(e.title(), 60) + "': the id '" + e.guid()
                        + "' appears more than once in the feed; the first one is kept");
            }
        }
        return new ParsedFeed(feed.format(), kept, warnings);
    }
}
