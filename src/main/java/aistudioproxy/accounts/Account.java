package aistudioproxy.accounts;

import aistudioproxy.queue.RequestQueue;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One AI Studio account: a login with its own browser, page, tiers, queue and lock (the seed's
 * rule, one request at a time in order, holds per account), and what dispatch knows of it: its
 * page's state, the models it is cooling down for after a quota answer, when it last got a
 * request. Thread-safe.
 */
public final class Account {
    /** What the account's page says: {@code ready}, else why not ({@code authRequired}: not signed in). */
    public record PageState(boolean ready, boolean authRequired, String reason) {}

    private final String name;
    private final RequestQueue queue;
    private final Supplier<PageState> page;
    private final java.util.function.Predicate<String> serves;
    private final Map<String, Instant> cooldowns = new ConcurrentHashMap<>();
    private final AtomicLong lastUsed = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger quotaHits = new AtomicInteger();

    /** {@code serves}: whether the account has a model (its page's model list). */
    public Account(String name, RequestQueue queue, Supplier<PageState> page, java.util.function.Predicate<String> serves) {
        this.name = name;
        this.queue = queue;
        this.page = page;
        this.serves = serves;
    }

    public boolean serves(String model) {
        return serves.test(model);
    }

    public String name() {
        return name;
    }

    public RequestQueue queue() {
        return queue;
    }

    public PageState page() {
        return page.get();
    }

    /** Until when the account is not given {@code model}; null when it may be. */
    public Instant coolingUntil(String model, Instant now) {
        Instant until = cooldowns.get(model);
        if (until == null) return null;
        if (!until.isAfter(now)) {
            cooldowns.remove(model, until);
            return null;
        }
        return until;
    }

    void coolDown(String model, Instant until) {
        cooldowns.merge(model, until, (a, b) -> a.isAfter(b) ? a : b);
        quotaHits.incrementAndGet();
    }

    /** The models cooling down now, with their ends. */
    public Map<String, Instant> cooldowns(Instant now) {
        cooldowns.entrySet().removeIf(e -> !e.getValue().isAfter(now));
        return Map.copyOf(cooldowns);
    }

    /** Queue length as dispatch compares it: the waiting requests, plus one while a request runs. */
    int load() {
        return queue.waitingCount() + (queue.isLocked() ? 1 : 0);
    }

    void chosen(long tick) {
        lastUsed.set(tick);
        requests.incrementAndGet();
    }

    long lastUsed() {
        return lastUsed.get();
    }

    public int requests() {
        return requests.get();
    }

    public int quotaHits() {
        return quotaHits.get();
    }
}
