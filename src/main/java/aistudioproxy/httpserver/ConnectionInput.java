package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's buffered input. Its buffer exists only while it holds unread bytes: a
 * connection waiting for its next request, or whose request is read and now waits for an answer,
 * holds no buffer at all. Reads of a buffer's size or more go straight to the socket.
 */
final class ConnectionInput extends InputStream {
    private static final int SIZE = 2048;

    private final InputStream raw;
    private byte[] buf;
    private int pos;
    private int count;

    ConnectionInput(InputStream raw) {
        this.raw = raw;
    }

    @Override
    public int read() throws IOException {
        if (pos >= count && !fill()) return -1;
        int b = buf[pos++] & 0xff;
        releaseIfDrained();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos >= count) {
            if (len >= SIZE) return raw.read(b, off, len);
            if (!fill()) return -1;
        }
        int n = Math.min(len, count - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        releaseIfDrained();
        return n;
    }

    @Override
    public int available() throws IOException {
        return (count - pos) + raw.available();
    }

    /** True while unread bytes sit in a buffer (false is what makes a waiting connection cheap). */
    boolean holdsBuffer() {
        return buf != null;
    }

    /**
     * Waits for the next byte without a buffer (a connection idle between requests blocks here),
     * then takes whatever else has already arrived.
     */
    private boolean fill() throws IOException {
        int first = raw.read();
        if (first < 0) return false;
        byte[] b = new byte[SIZE];
        b[0] = (byte) first;
        int n = 1;
        int ready = Math.min(SIZE - 1, raw.available());
        if (ready > 0) {
            int m = raw.read(b, 1, ready);
            if (m > 0) n += m;
        }
        buf = b;
        pos = 0;
        count = n;
        return true;
    }

    private void releaseIfDrained() {
        if (pos >= count) {
            buf = null;
            pos = count = 0;
        }
    }
}
