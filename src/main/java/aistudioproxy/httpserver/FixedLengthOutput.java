package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.OutputStream;

/** A response body of a declared length: more bytes than declared is an error, fewer ends the connection. */
final class FixedLengthOutput extends OutputStream {
    private final OutputStream out;
    private long left;
    private boolean closed;

    FixedLengthOutput(OutputStream out, long length) {
        this.out = out;
        this.left = length;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("response body already closed");
        if (len > left) throw new IOException("response body longer than its Content-Length");
        out.write(b, off, len);
        left -= len;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        out.flush();
    }

    /** True when every declared byte was written. */
    boolean complete() {
        return left == 0;
    }
}
