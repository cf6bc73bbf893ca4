package aistudioproxy.streamproxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input with one deadline for the first request head: each read may wait only for
 * what is left of it, so a client trickling a byte at a time cannot hold a connection slot for
 * longer than the deadline. {@link #disarm()} lifts it once the head is in: tunnels and the event
 * stream then stay open as long as their peers want.
 */
final class HeadDeadline extends FilterInputStream {
    private final Socket socket;
    private final long deadline;
    private volatile boolean armed = true;

    HeadDeadline(Socket socket, long millis) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.deadline = System.nanoTime() + millis * 1_000_000;
    }

    void disarm() throws IOException {
        armed = false;
        socket.setSoTimeout(0);
    }

    private void bound() throws IOException {
        if (!armed) return;
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) throw new SocketTimeoutException("no request head within the deadline");
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int read() throws IOException {
        bound();
        return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        bound();
        return super.read(b, off, len);
    }
}
