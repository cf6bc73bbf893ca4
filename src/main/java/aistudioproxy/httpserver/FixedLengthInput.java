package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.InputStream;

/** A request body of a declared Content-Length (0 for a request without a body); end of stream after exactly that many bytes. */
final class FixedLengthInput extends BodyInput {
    private final InputStream in;
    private long left;

    FixedLengthInput(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) return -1;
        if (len == 0) return 0;
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) throw new IOException("connection closed inside the request body");
        left -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(left, in.available());
    }

    @Override
    boolean finished() {
        return left == 0;
    }
}
