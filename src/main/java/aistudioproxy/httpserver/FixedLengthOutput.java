package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.OutputStream;

/** A response body of a declared length: more bytes than declared is an error, fewer ends the connection. */
final class FixedLengthOutput extends BodyOutput {
    private long left;

    FixedLengthOutput(OutputStream out, long length) {
        super(out);
        this.left = length;
    }

    @Override
    void writeBody(byte[] b, int off, int len) throws IOException {
        if (len > left) throw new IOException("response body longer than its Content-Length");
        out.write(b, off, len);
        left -= len;
    }

    /** True when every declared byte was written. */
    boolean complete() {
        return left == 0;
    }
}
