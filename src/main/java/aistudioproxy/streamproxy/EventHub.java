package aistudioproxy.streamproxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans proxy events out to the connected {@code /_events} subscribers (normally the one main
 * server). Events published while nobody listens are dropped: they belong to no waiting request.
 * Each subscriber has its own bounded queue; one that falls too far behind is cut off (it
 * reconnects) rather than growing memory.
 */
final class EventHub {
    static final int SUBSCRIBER_QUEUE = 10_000;

    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong gen = new AtomicLong();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Long> latestByBrowser = new java.util.concurrent.ConcurrentHashMap<>();

    final class Subscriber implements AutoCloseable {
        private final LinkedBlockingQueue<ProxyEvent> queue = new LinkedBlockingQueue<>(SUBSCRIBER_QUEUE);
        private volatile boolean overflowed;

        ProxyEvent poll(long millis) throws InterruptedException {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        }

        boolean overflowed() {
            return overflowed;
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }

    Subscriber subscribe() {
        Subscriber s = new Subscriber();
        subscribers.add(s);
        return s;
    }

    /** A new generation, of the browser labelled {@code browser}. */
    long newGeneration(String browser) {
        long g = gen.incrementAndGet();
        latestByBrowser.put(browser, g);
        return g;
    }

    /** That browser's most recent generation (0 before its first): what a page-side report, such as a jserror, is about. */
    long latestGeneration(String browser) {
        return latestByBrowser.getOrDefault(browser, 0L);
    }

    /** Publishes the event {@code make} builds with the next sequence number. */
    void publish(java.util.function.LongFunction<ProxyEvent> make) {
        ProxyEvent e = make.apply(seq.incrementAndGet());
        for (Subscriber s : subscribers) {
            if (!s.queue.offer(e)) s.overflowed = true;
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }
}
