package aistudioproxy.streamproxy;

import java.time.Duration;

/**
 * Gives heap back to the OS when the proxy process goes quiet. Under the serial collector the
 * short-lived buffers of a streaming answer that happen to be live at a young collection are
 * promoted, and the old generation then grows instead of collecting, so a long-running proxy
 * creeps from its ~4 MB of heap toward the cap. Once no exchange has been in flight for
 * {@code quiet} after some activity, one full collection compacts the heap, and the JVM options
 * the supervisor passes ({@code -XX:MaxHeapFreeRatio}, {@code -XX:-ShrinkHeapInSteps}) make it
 * uncommit what is free. At most one collection per quiet period, a few milliseconds on a heap
 * this small. Used by the proxy process only, never inside the main server.
 */
final class IdleCollector implements AutoCloseable {
    private final Activity activity;
    private final long quietNanos;
    private final Runnable collect;
    /** {@link Activity#begun()} at the last collection; touched by the polling thread only. */
    private long collectedAt = 0;
    private Thread thread;
    private volatile boolean closed;

    /** {@code collect} is {@code System::gc} in the process; tests count calls instead. */
    IdleCollector(Activity activity, Duration quiet, Runnable collect) {
        this.activity = activity;
        this.quietNanos = quiet.toNanos();
        this.collect = collect;
    }

    /** Checks once (from one thread at a time); collects if there was activity since the last collection and it has been quiet long enough. */
    boolean poll() {
        long begun = activity.begun();
        if (begun == collectedAt || !activity.idle() || activity.quietNanos() < quietNanos) return false;
        collectedAt = begun;
        collect.run();
        return true;
    }

    void start() {
        long sleepMillis = Math.max(50, quietNanos / 4_000_000);
        thread = Thread.ofPlatform().name("idle-collector").daemon(true).stackSize(128 * 1024).start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    return;
                }
                poll();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) thread.interrupt();
    }
}
