package aistudioproxy.http;

import aistudioproxy.openai.ApiError;
import aistudioproxy.openai.InvalidRequestException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads a request body of at most {@code max} bytes and decodes it as strict UTF-8. */
final class BodyReader {
    private BodyReader() {}

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
        for (int n; (n = in.read(chunk)) > 0; ) {
            total += n;
            if (total > max) throw new InvalidRequestException(ApiError.bodyTooLarge(max));
            buf.write(chunk, 0, n);
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
