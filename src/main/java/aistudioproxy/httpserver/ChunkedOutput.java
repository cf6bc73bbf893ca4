package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A chunked response body: each write is one chunk; close writes the last chunk. */
final class ChunkedOutput extends BodyOutput {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    ChunkedOutput(OutputStream out) {
        super(out);
    }

    @Override
    void writeBody(byte[] b, int off, int len) throws IOException {
        if (len == 0) return; // an empty chunk would end the body
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, off, len);
        out.write(CRLF);
    }

    @Override
    void finish() throws IOException {
        out.write(LAST);
    }
}
