package aistudioproxy.queue;

/** The queue already holds {@code QUEUE_MAX} waiting jobs. */
public final class QueueFullException extends Exception {
    public QueueFullException(int max) {
        super("queue full (" + max + ")");
    }
}
