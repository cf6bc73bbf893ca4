package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.InputStream;

/** A request body read off the connection in one of its framings; knows when the framing has ended. */
abstract sealed class BodyInput extends InputStream permits FixedLengthInput, ChunkedInput {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /** True once the whole body has been read (the connection can carry the next request). */
    abstract boolean finished();
}
