package org.pravah.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before any route sees them (a malformed request line, URI, Host or header): short
 * UTF-8 text like every other error of ours, whatever the client's Accept header asks. The text depends on the status
 * alone: Jetty's own page repeats the request URI (Host included) and its parser's message, which is reflected content.
 */
final class PlainErrorHandler extends ErrorHandler {
    private static final Map<Integer, String> TEXTS = Map.of(
            400, "400 — अनुरोध सही नहीं है (bad request)",
            413, "413 — अनुरोध बहुत बड़ा है (content too large)",
            414, "414 — पता बहुत लंबा है (URI too long)",
            431, "431 — हेडर बहुत बड़े हैं (request header fields too large)",
            500, "500 — सर्वर में त्रुटि (internal error)",
            503, "503 — सर्वर अभी उत्तर नहीं दे सकता (service unavailable)");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String text = TEXTS.getOrDefault(code, code + " — " + HttpStatus.getMessage(code));
        response.getHeaders().put(MimeTypes.Type.TEXT_PLAIN_UTF_8.getContentTypeField());
        response.getHeaders().put(Reply.NOSNIFF.name(), Reply.NOSNIFF.value());
        response.write(true, ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }
}
