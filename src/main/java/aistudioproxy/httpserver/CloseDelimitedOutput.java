package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.OutputStream;

/** A response body that ends when the connection closes (HTTP/1.0 clients, which cannot take chunks). */
final class CloseDelimitedOutput extends BodyOutput {
    CloseDelimitedOutput(OutputStream out) {
        super(out);
    }

    @Override
    void writeBody(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }
}
