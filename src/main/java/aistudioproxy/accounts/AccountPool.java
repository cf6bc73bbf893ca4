package aistudioproxy.accounts;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.queue.CoolingDownException;
import aistudioproxy.queue.Failover;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.JobQueue;
import aistudioproxy.queue.QueueFullException;
import aistudioproxy.queue.QueueSnapshot;
import aistudioproxy.queue.RecentTimings;
import aistudioproxy.queue.RequestQueue;
import aistudioproxy.tier.TierName;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Several accounts behind one queue front. A new request goes to the account with the shortest
 * queue among those that have its model and are not cooling down for it, ready ones first, never a signed-out one
 * while any account is signed in (ties: the least recently chosen); one {@code QUEUE_MAX} counts the waiting requests of all. A quota answer puts the
 * account in cooldown for that model for {@code cooldown} (or the delay the answer names) and, if nothing of the answer reached
 * the client yet, hands the same request at once to another ready account (its client sees one
 * answer); when every account is cooling down for the model a new request is refused with the
 * time until the soonest is free. With one account this is that account's queue and nothing more
 * (no cooldown: every request is tried, as without accounts).
 */
public final class AccountPool implements JobQueue, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AccountPool.class.getName());

    private final List<Account> accounts = new CopyOnWriteArrayList<>();
    private final int maxQueued;
    private final Duration cooldown;
    private final Clock clock;
    private final RecentTimings timings = new RecentTimings();
    private final AtomicLong ticks = new AtomicLong();

    public AccountPool(int maxQueued, Duration cooldown, Clock clock) {
        this.maxQueued = maxQueued;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /**
     * Adds an account; {@code queue} makes its queue from the timings all accounts share and the
     * failover that hands its quota failures on.
     */
    public Account add(String name, QueueFactory queue, Supplier<Account.PageState> page, java.util.function.Predicate<String> serves) {
        Account[] self = new Account[1];
        RequestQueue q = queue.create(timings, (job, error) -> handOn(self[0], job, error));
        self[0] = new Account(name, q, page, serves);
        accounts.add(self[0]);
        return self[0];
    }

    /** How an account's queue is made. */
    @FunctionalInterface
    public interface QueueFactory {
        RequestQueue create(RecentTimings shared, Failover failover);
    }

    public List<Account> accounts() {
        return List.copyOf(accounts);
    }

    @Override
    public Job submit(String id, ChatRequest request, TierName forcedTier) throws QueueFullException, CoolingDownException {
        if (waitingCount() >= maxQueued) throw new QueueFullException(maxQueued);
        // One decision at a time: two requests arriving together must see each other's load.
        synchronized (this) {
            Instant now = clock.instant();
            Account target = choose(request.model(), now, null, false);
            if (target == null) throw new CoolingDownException(request.model(), Duration.between(now, soonestFree(request.model(), now)));
            target.chosen(ticks.incrementAndGet());
            if (accounts.size() > 1) LOG.log(Level.DEBUG, "job_dispatched request={0} account={1}", id, target.name());
            return target.queue().submit(id, request, forcedTier);
        }
    }

    /**
     * The account for {@code model} now, other than {@code except}: among those not cooling down
     * for it, a ready one, else (unless {@code readyOnly}) one still signed in (starting, or
     * recovering). A signed-out account is chosen only when every account is signed out (its
     * request then says so); null when none fits.
     */
    private Account choose(String model, Instant now, Account except, boolean readyOnly) {
        List<Account> free = new ArrayList<>();
        for (Account a : accounts) if (a != except && a.serves(model) && a.coolingUntil(model, now) == null) free.add(a);
        if (free.isEmpty()) return null;
        List<Account> ready = new ArrayList<>(), signedIn = new ArrayList<>();
        for (Account a : free) {
            Account.PageState state = a.page();
            if (state.ready()) ready.add(a);
            if (!state.authRequired()) signedIn.add(a);
        }
        if (!ready.isEmpty()) return best(ready);
        if (readyOnly) return null;
        if (!signedIn.isEmpty()) return best(signedIn);
        boolean anySignedIn = accounts.stream().anyMatch(a -> !a.page().authRequired());
        return anySignedIn ? null : best(free);
    }

    private static Account best(List<Account> from) {
        return from.stream().min(Comparator.comparingInt(Account::load).thenComparingLong(Account::lastUsed)).orElseThrow();
    }

    private Instant soonestFree(String model, Instant now) {
        Instant soonest = null;
        for (Account a : accounts) {
            Instant until = a.coolingUntil(model, now);
            if (until != null && (soonest == null || until.isBefore(soonest))) soonest = until;
        }
        return soonest == null ? now : soonest;
    }

    /** {@link Failover} of {@code from}: a quota answer cools it down and hands the job to another account. */
    private boolean handOn(Account from, Job job, ApiError error) {
        // One account behaves as it always did: each request tries, nothing is refused ahead.
        if (accounts.size() == 1 || !"quota_exceeded".equals(error.code())) return false;
        String model = job.request().model();
        Instant now = clock.instant();
        Duration wait = resetDelay(error.message());
        from.coolDown(model, now.plus(wait));
        LOG.log(Level.WARNING, "account_cooling_down account={0} model={1} for_s={2} why={3}", from.name(), model,
                wait.toSeconds(), error.message());
        Account other;
        boolean taken;
        synchronized (this) {
            other = choose(model, now, from, true);
            if (other == null) return false;
            other.chosen(ticks.incrementAndGet());
            taken = other.queue().resubmit(job);
        }
        if (taken) LOG.log(Level.INFO, "job_retried_on_other_account request={0} from={1} to={2}", job.id(), from.name(), other.name());
        return taken;
    }

    private static final java.util.regex.Pattern RETRY_IN =
            java.util.regex.Pattern.compile("(?i)retry (?:in|after) (\\d+(?:\\.\\d+)?) ?(ms|s|seconds?|m|minutes?|h|hours?)\\b");

    /**
     * How long to cool down after a quota answer: the delay the answer names ("Please retry in
     * 25.3s", as Google's quota errors say), else {@code QUOTA_COOLDOWN_SECONDS}.
     */
    Duration resetDelay(String message) {
        java.util.regex.Matcher m = message == null ? null : RETRY_IN.matcher(message);
        if (m == null || !m.find()) return cooldown;
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(java.util.Locale.ROOT);
        double seconds = unit.equals("ms") ? n / 1000 : unit.startsWith("m") ? n * 60 : unit.startsWith("h") ? n * 3600 : n;
        return Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }

    @Override
    public boolean cancel(String id, ApiError why) {
        for (Account a : accounts) if (a.queue().holds(id) && a.queue().cancel(id, why)) return true;
        return false;
    }

    @Override
    public int waitingCount() {
        int n = 0;
        for (Account a : accounts) n += a.queue().waitingCount();
        return n;
    }

    /** All accounts' queues as one: the first running request, every waiting one. */
    @Override
    public QueueSnapshot snapshot() {
        if (accounts.size() == 1) return accounts.getFirst().queue().snapshot();
        QueueSnapshot.Running running = null;
        String cleaning = null;
        List<QueueSnapshot.Waiting> waiting = new ArrayList<>();
        for (Account a : accounts) {
            QueueSnapshot s = a.queue().snapshot();
            if (running == null) running = s.running();
            if (cleaning == null) cleaning = s.cleaningUp();
            waiting.addAll(s.waiting());
        }
        return new QueueSnapshot(running, waiting, cleaning);
    }

    @Override
    public RecentTimings timings() {
        return timings;
    }

    @Override
    public void close() {
        for (Account a : accounts) a.queue().close();
    }
}
