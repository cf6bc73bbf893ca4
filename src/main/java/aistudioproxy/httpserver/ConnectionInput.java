package aistudioproxy.httpserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The connection's buffered input. Its buffer exists only while it holds unread bytes: a
 * connection waiting for its next request, or whose request is read and now waits for an answer,
 * holds no buffer at all. Reads of a buffer's size or more go straight to the socket.
 */
final class ConnectionInput extends InputStream {
    private static final int SIZE = 2048;

    private final Socket socket;
    private final InputStream raw;
    private byte[] buf;
    private int pos;
    private int count;
    /** While set (System.nanoTime), every wait for the socket ends by then: the request head's deadline. */
    private long deadline;
    private boolean deadlineArmed;
    private int perReadTimeout;

    ConnectionInput(Socket socket) throws IOException {
        this.socket = socket;
        this.raw = socket.getInputStream();
    }

    /** Over a plain stream (tests): no deadlines. */
    ConnectionInput(InputStream raw) {
        this.socket = null;
        this.raw = raw;
    }

    /** Waits (up to the socket's read timeout) until a byte is there; false at end of stream. */
    boolean awaitData() throws IOException {
        return pos < count || fill();
    }

    /** From now on reads from the socket end by {@code deadlineNanos}, however slowly bytes trickle in. */
    void armDeadline(long deadlineNanos) throws IOException {
        deadline = deadlineNanos;
        deadlineArmed = true;
        perReadTimeout = socket == null ? 0 : socket.getSoTimeout();
    }

    /** Back to the plain per-read timeout {@code millis}. */
    void disarmDeadline(int millis) throws IOException {
        deadlineArmed = false;
        if (socket != null) socket.setSoTimeout(millis);
    }

    private void beforeSocketRead() throws IOException {
        if (!deadlineArmed || socket == null) return;
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new DeadlineException();
        socket.setSoTimeout((int) Math.min(left, perReadTimeout > 0 ? perReadTimeout : Integer.MAX_VALUE));
    }

    /** The head's deadline passed (as opposed to the connection idling between requests). */
    static final class DeadlineException extends SocketTimeoutException {
        DeadlineException() {
            super("request head deadline passed");
        }
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
            if (len >= SIZE) {
                beforeSocketRead();
                return readRaw(b, off, len);
            }
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
        beforeSocketRead();
        int first;
        try {
            first = raw.read();
        } catch (SocketTimeoutException e) {
            if (deadlineArmed) throw new DeadlineException();
            throw e;
        }
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

    private int readRaw(byte[] b, int off, int len) throws IOException {
        try {
            return raw.read(b, off, len);
        } catch (SocketTimeoutException e) {
            if (deadlineArmed) throw new DeadlineException();
            throw e;
        }
    }

    private void releaseIfDrained() {
        if (pos >= count) {
            buf = null;
            pos = count = 0;
        }
    }
}
