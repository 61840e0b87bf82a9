package org.pravah.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pravah.config.ApiConfig;
import org.pravah.store.Precondition;

/**
 * What the publish API accepts of a request before it acts on it: the token, the media type and size of the body,
 * and the preconditions. Each refusal is the {@link Problem} a client is answered with.
 */
final class ApiRequest {
    private static final Pattern STRONG_REVISION = Pattern.compile("\"(\\d{1,18})\"");

    private ApiRequest() {
    }

    /** RFC 6750: a missing or wrong token is 401, with a challenge saying which. */
    static void authenticate(String authorization, ApiConfig api) throws Problem.Raised {
        String challenge = "Bearer realm=\"pravah\"";
        if (authorization == null || authorization.isBlank()) {
            throw Problem.of(401, "unauthorized", "Unauthorized", "send the API token: Authorization: Bearer <token>")
                    .withHeader("WWW-Authenticate", challenge).raise();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Problem.of(401, "unauthorized", "Unauthorized", "only 'Authorization: Bearer <token>' is accepted")
                    .withHeader("WWW-Authenticate", challenge).raise();
        }
        if (!tokenAccepted(authorization.substring(7).strip(), api)) {
            throw Problem.of(401, "invalid-token", "Unauthorized", "the API token is not valid")
                    .withHeader("WWW-Authenticate", challenge + ", error=\"invalid_token\"").raise();
        }
    }

    /** Whether {@code token} is one of the configured API tokens (compared by SHA-256, in constant time). */
    static boolean tokenAccepted(String token, ApiConfig api) {
        byte[] presented = sha256(token);
        boolean accepted = false;
        // compare hashes of equal length without stopping early: the time taken says nothing about the token
        for (String hex : api.tokenSha256()) {
            accepted |= MessageDigest.isEqual(presented, HexFormat.of().parseHex(hex));
        }
        return accepted;
    }

    /** Checks the media type (application/json, UTF-8 only) and reads at most {@code max} bytes. */
    static byte[] body(Context ctx, int max) throws Problem.Raised {
        checkContentType(ctx.header("Content-Type"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(max);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(max + 1);
        } catch (IOException e) {
            throw Problem.of(400, "invalid-body", "Invalid request body", "the body could not be read: "
                    + e.getMessage()).raise();
        }
        if (bytes.length > max) {
            throw tooLarge(max);
        }
        return bytes;
    }

    static void checkContentType(String contentType) throws Problem.Raised {
        String why = null;
        if (contentType == null || contentType.isBlank()) {
            why = "no Content-Type; send Content-Type: application/json";
        } else {
            String[] parts = contentType.split(";");
            String media = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json")) {
                why = "Content-Type '" + media + "' is not accepted; send application/json";
            }
            for (int i = 1; i < parts.length && why == null; i++) {
                String[] param = parts[i].split("=", 2);
                if (param[0].strip().equalsIgnoreCase("charset")) {
                    String charset = param.length < 2 ? "" : param[1].strip().replace("\"", "");
                    if (!charset.equalsIgnoreCase("utf-8")) {
                        why = "charset '" + charset + "' is not accepted; articles are sent in UTF-8";
                    }
                }
            }
        }
        if (why != null) {
            throw Problem.of(415, "unsupported-media-type", "Unsupported media type", why)
                    .withHeader("Accept", "application/json").raise();
        }
    }

    private static Problem.Raised tooLarge(int max) {
        return Problem.of(413, "body-too-large", "Request body too large",
                "the body is larger than the " + max + "-byte limit (api.maxBodyBytes)").with("maxBytes", max).raise();
    }

    /** If-Match / If-None-Match with revisions as strong entity tags; weak or foreign tags never match. */
    static Precondition preconditions(Context ctx) {
        return new Precondition(revisions(ctx.header("If-Match")), revisions(ctx.header("If-None-Match")));
    }

    static Optional<Precondition.Revisions> revisions(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.strip().equals("*")) {
            return Optional.of(Precondition.Revisions.ANY);
        }
        Set<Long> revisions = new HashSet<>();
        for (String tag : header.split(",")) {
            Matcher m = STRONG_REVISION.matcher(tag.strip());
            if (m.matches()) {
                revisions.add(Long.parseLong(m.group(1)));
            }
        }
        return Optional.of(new Precondition.Revisions(false, revisions));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
