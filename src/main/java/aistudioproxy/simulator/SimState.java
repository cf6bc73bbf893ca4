package aistudioproxy.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the simulator remembers across requests: issued SAPISID cookies, generations (for the
 * Helper), jserror reports and counters (for tests). Thread-safe.
 */
public final class SimState {
    private volatile List<String> lastFunctions = List.of();
    private static final long HELPER_LOOKBACK_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final SecureRandom random = new SecureRandom();
    private final Set<String> sapisids = ConcurrentHashMap.newKeySet();
    private final List<SimGeneration> generations = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition started = lock.newCondition();
    private final AtomicInteger counter = new AtomicInteger();
    private final List<String> jsErrors = new CopyOnWriteArrayList<>();
    private final List<String> prompts = new CopyOnWriteArrayList<>();
    private final AtomicInteger listModelsCalls = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final List<Long> abandonedAt = new CopyOnWriteArrayList<>();
    private final AtomicInteger savedChats = new AtomicInteger();
    private volatile boolean requireLogin;
    /** Each login's generations left before its quota runs out; a login not here has no limit. */
    private final Map<String, AtomicInteger> quotaLeft = new ConcurrentHashMap<>();
    private volatile List<Integer> quotas = List.of();

    /** See {@link SimOptions#quotas()}. */
    void quotas(List<Integer> quotas) {
        this.quotas = List.copyOf(quotas);
    }

    /** Logins known from the start ({@link SimOptions#logins()}): a browser without one is sent to sign in. */
    void knownLogins(List<String> logins) {
        if (logins.isEmpty()) return;
        for (String s : logins) remember(s);
        requireLogin = true;
    }

    String issueSapisid() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String s = HexFormat.of().formatHex(b);
        remember(s);
        return s;
    }

    private void remember(String s) {
        synchronized (sapisids) {
            if (sapisids.contains(s)) return;
            int n = sapisids.size();
            if (n < quotas.size()) quotaLeft.put(s, new AtomicInteger(quotas.get(n)));
            sapisids.add(s);
        }
    }

    /** Takes one generation of this login's quota; false when it has run out. */
    boolean withinQuota(String sapisid) {
        AtomicInteger left = quotaLeft.get(sapisid);
        return left == null || left.getAndDecrement() > 0;
    }

    boolean knows(String sapisid) {
        return sapisids.contains(sapisid);
    }

    /** The SAPISID whose {@code SAPISIDHASH ts_sha1(ts + " " + sapisid + " " + origin)} this is, or null. */
    String verify(String authorization, String origin) {
        if (authorization == null || !authorization.startsWith("SAPISIDHASH ")) return null;
        String v = authorization.substring(12).strip();
        int us = v.indexOf('_');
        if (us < 0) return null;
        String ts = v.substring(0, us), hash = v.substring(us + 1);
        for (String s : sapisids) if (sha1(ts + " " + s + " " + origin).equalsIgnoreCase(hash)) return s;
        return null;
    }

    SimGeneration start(String sapisid, String prompt, List<String> functions) {
        prompts.add(prompt);
        lastFunctions = List.copyOf(functions);
        SimGeneration g = new SimGeneration("g" + counter.incrementAndGet(), sapisid);
        lock.lock();
        try {
            generations.add(g);
            if (generations.size() > 64) generations.removeFirst();
            started.signalAll();
        } finally {
            lock.unlock();
        }
        return g;
    }

    /**
     * For the Helper: the generation this SAPISID's page started most recently, if it started
     * within the last 30 s, still runs and no Helper call took it yet; else the next one to start within
     * {@code timeoutMillis}; null if none.
     */
    SimGeneration claimFor(String sapisid, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            SimGeneration skip = null;
            while (true) {
                SimGeneration newest = null;
                for (int i = generations.size() - 1; i >= 0 && newest == null; i--) {
                    if (generations.get(i).sapisid.equals(sapisid)) newest = generations.get(i);
                }
                if (newest != null && newest != skip) {
                    if (System.nanoTime() - newest.startedNanos < HELPER_LOOKBACK_NANOS && newest.claim()) return newest;
                    skip = newest;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                started.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** When each step of the most recent generation left the RPC (System.nanoTime), oldest first. */
    public List<Long> lastGenerationEmissions() {
        lock.lock();
        try {
            return generations.isEmpty() ? List.of() : generations.getLast().emittedNanos();
        } finally {
            lock.unlock();
        }
    }

    /**
     * When on, the page sends a browser without a known SAPISID cookie to a Google-style sign-in
     * page instead of logging it in, as AI Studio does with an expired profile.
     */
    public void requireLogin(boolean on) {
        requireLogin = on;
    }

    boolean loginRequired() {
        return requireLogin;
    }

    void jsError(String message) {
        jsErrors.add(message);
    }

    void listModelsCalled() {
        listModelsCalls.incrementAndGet();
    }

    /** jserror reports received, oldest first. */
    public List<String> jsErrors() {
        return List.copyOf(jsErrors);
    }

    /** Prompts that reached GenerateContent, oldest first. */
    /** The names of the function declarations the last GenerateContent request carried (the page's Function calling tool). */
    public List<String> lastFunctions() {
        return lastFunctions;
    }

    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    void abandoned() {
        abandonedAt.add(System.nanoTime());
        abandoned.incrementAndGet();
    }

    /** When each abandoned generation's client went away (System.nanoTime), oldest first. */
    public List<Long> abandonedAt() {
        return List.copyOf(abandonedAt);
    }

    /** Generations whose client (the page) went away mid-stream: Stop clicked, tab closed. */
    public int abandonedGenerations() {
        return abandoned.get();
    }

    void chatSaved() {
        savedChats.incrementAndGet();
    }

    /**
     * Chats the page saved to the account's Drive ({@code CreatePrompt}): it saves every finished
     * run unless temporary chat is on. A driver that keeps temporary chat on leaves this at 0.
     */
    public int savedChats() {
        return savedChats.get();
    }

    public int listModelsCalls() {
        return listModelsCalls.get();
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
