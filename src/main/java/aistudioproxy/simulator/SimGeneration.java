package aistudioproxy.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run of the fake model as the RPC emits it, kept so the Helper endpoint can replay it from
 * the start and follow it live. Written by the RPC thread, read by Helper threads.
 */
final class SimGeneration {
    final String id;
    final String sapisid;
    final long startedNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Step> steps = new ArrayList<>();
    /** When each step left the RPC (System.nanoTime after write and flush), for latency measurements. */
    private final List<Long> emittedNanos = new ArrayList<>();
    private boolean ended;
    private boolean truncated;
    private String error;
    private boolean claimed;

    SimGeneration(String id, String sapisid) {
        this.id = id;
        this.sapisid = sapisid;
    }

    void emit(Step s) {
        long now = System.nanoTime();
        lock.lock();
        try {
            steps.add(s);
            emittedNanos.add(now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void end(boolean truncated, String error) {
        lock.lock();
        try {
            if (ended) return;
            ended = true;
            this.truncated = truncated;
            this.error = error;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<Long> emittedNanos() {
        lock.lock();
        try {
            return List.copyOf(emittedNanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first Helper to ask while this generation still runs gets it; later ones, and any that
     * asks after it ended, wait for the next: a sniffing Helper relays what passes through it, and
     * nothing more of an ended generation will.
     */
    boolean claim() {
        lock.lock();
        try {
            if (claimed || ended) return false;
            claimed = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** What a follower sees from position {@code from}: new steps, and whether/how it ended. */
    record View(List<Step> steps, boolean ended, boolean truncated, String error) {}

    View await(int from, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (steps.size() <= from && !ended && nanos > 0) nanos = changed.awaitNanos(nanos);
            return new View(List.copyOf(steps.subList(Math.min(from, steps.size()), steps.size())), ended, truncated, error);
        } finally {
            lock.unlock();
        }
    }
}
