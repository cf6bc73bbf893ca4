package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written onto the connection in one of its framings. Owns the lifecycle the
 * framings share: writes after {@link #close()} fail, close is idempotent and flushes. Closing
 * never closes the connection itself.
 */
abstract sealed class BodyOutput extends OutputStream permits FixedLengthOutput, ChunkedOutput, CloseDelimitedOutput {
    protected final OutputStream out;
    private boolean closed;

    BodyOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code len} bytes in this framing; never called after close. */
    abstract void writeBody(byte[] b, int off, int len) throws IOException;

    /** Ends the framing (the last chunk, say) before the final flush. */
    void finish() throws IOException {}

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("response body already closed");
        writeBody(b, off, len);
    }

    @Override
    public final void flush() throws IOException {
        out.flush();
    }

    @Override
    public final void close() throws IOException {
        if (closed) return;
        closed = true;
        finish();
        out.flush();
    }
}
