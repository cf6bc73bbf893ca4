package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A chunked response body: each write is one chunk; close writes the last chunk. */
final class ChunkedOutput extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final OutputStream out;
    private boolean closed;

    ChunkedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("response body already closed");
        if (len == 0) return; // an empty chunk would end the body
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, off, len);
        out.write(CRLF);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        out.write(LAST);
        out.flush();
    }
}
