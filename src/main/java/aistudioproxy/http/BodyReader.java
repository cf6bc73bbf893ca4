package aistudioproxy.http;

import aistudioproxy.httpserver.MalformedRequestException;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.InvalidRequestException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body of at most {@code max} bytes and decodes it as strict UTF-8. A body that
 * stops coming (the server's per-read timeout) is a 408; broken chunked framing a 400; both logged.
 */
final class BodyReader {
    private static final System.Logger LOG = System.getLogger(BodyReader.class.getName());

    private BodyReader() {}

    /** The exchange's body as JSON; a body that is not JSON is a 400 saying where it broke. */
    static aistudioproxy.json.JsonValue readJson(ApiExchange ex, long max) throws IOException, InvalidRequestException {
        String body = read(ex.raw().getRequestBody(), ex.header("Content-Length"), max);
        try {
            return aistudioproxy.json.Json.parse(body);
        } catch (aistudioproxy.json.JsonSyntaxException e) {
            throw new InvalidRequestException(ApiError.invalidRequest("Request body is not valid JSON: " + e.getMessage(), null));
        }
    }

    static String read(InputStream in, String contentLength, long max) throws IOException, InvalidRequestException {
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException(ApiError.invalidRequest("Invalid Content-Length header.", null));
            }
            if (declared > max) throw new InvalidRequestException(ApiError.bodyTooLarge(max));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(contentLength == null ? 4096 : (int) Math.min(max, Long.parseLong(contentLength.strip())));
        byte[] chunk = new byte[16384];
        long total = 0;
        try {
            for (int n; (n = in.read(chunk)) > 0; ) {
                total += n;
                if (total > max) throw new InvalidRequestException(ApiError.bodyTooLarge(max));
                buf.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            LOG.log(Level.WARNING, "request_body_timeout after={0} bytes", total);
            throw new InvalidRequestException(ApiError.requestTimeout("The request body stopped coming (" + total + " bytes arrived)."));
        } catch (MalformedRequestException e) {
            LOG.log(Level.WARNING, "request_body_malformed status={0} why={1}", e.status(), e.getMessage());
            throw new InvalidRequestException(new ApiError(e.status(), "invalid_request_error", "invalid_request", e.getMessage(), null));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException(ApiError.invalidRequest("The request body is not valid UTF-8.", null));
        }
    }
}
