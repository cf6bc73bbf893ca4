package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.OutputStream;

/** A response body that ends when the connection closes (HTTP/1.0 clients, which cannot take chunks). */
final class CloseDelimitedOutput extends OutputStream {
    private final OutputStream out;
    private boolean closed;

    CloseDelimitedOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("response body already closed");
        out.write(b, off, len);
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
}
