package aistudioproxy.sse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client's open event stream. Writes are serialized (a lock, not {@code synchronized}, since
 * they block on the socket) and flushed at once. The first failed write marks the stream broken:
 * that is how a client that went away is noticed. {@link #close()} is idempotent.
 */
public final class SseStream implements AutoCloseable {
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean broken;
    private volatile boolean closed;
    private volatile long lastWriteNanos = System.nanoTime();

    public SseStream(OutputStream out) {
        this.out = out;
    }

    /** Pushes out whatever is buffered, response headers included. */
    public void flush() throws IOException {
        lock.lock();
        try {
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    public void data(String json) throws IOException {
        write(SseFormat.data(json));
    }

    public void comment(String text) throws IOException {
        write(SseFormat.comment(text));
    }

    public void done() throws IOException {
        write(SseFormat.DONE);
    }

    public void write(String frame) throws IOException {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            if (broken || closed) throw new IOException("event stream is closed");
            out.write(bytes);
            out.flush();
            lastWriteNanos = System.nanoTime();
        } catch (IOException e) {
            broken = true;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** True once a write failed: the client is gone. */
    public boolean isBroken() {
        return broken;
    }

    public long nanosSinceLastWrite() {
        return System.nanoTime() - lastWriteNanos;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            out.close();
        } catch (IOException e) {
            broken = true;
        } finally {
            lock.unlock();
        }
    }
}
