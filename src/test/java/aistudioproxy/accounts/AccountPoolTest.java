package aistudioproxy.accounts;

import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.queue.CoolingDownException;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.JobEvent;
import aistudioproxy.queue.QueueSettings;
import aistudioproxy.queue.RequestQueue;
import aistudioproxy.queue.Ticker;
import aistudioproxy.testing.Await;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.PromptRun;
import aistudioproxy.tier.TierChain;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dispatch over three accounts on in-test tiers, with a clock the test moves: spread, order, skipping, quota. */
class AccountPoolTest {
    /** A clock the test sets. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final AccountPool pool = new AccountPool(100, Duration.ofSeconds(600), clock);
    final List<ScriptedTier> tiers = new ArrayList<>();
    final List<AtomicReference<Account.PageState>> pages = new ArrayList<>();
    final AtomicInteger ids = new AtomicInteger();
    /** Which accounts (by index) have a model in their page's list; a model not here, every account. */
    final java.util.Map<String, java.util.Set<Integer>> served = new java.util.concurrent.ConcurrentHashMap<>();

    static final Account.PageState READY = new Account.PageState(true, false, null);
    static final Account.PageState SIGNED_OUT = new Account.PageState(false, true, "Not logged in to AI Studio");

    void accounts(List<Function<String, String>> behaviours) {
        QueueSettings s = TestServer.settings();
        for (int i = 0; i < behaviours.size(); i++) {
            int index = i;
            ScriptedTier tier = new ScriptedTier(TierName.PAGE, behaviours.get(i));
            TierChain chain = new TierChain(List.of(tier), PromptRun.Opener.NONE, Clock.systemUTC());
            AtomicReference<Account.PageState> page = new AtomicReference<>(READY);
            Account a = pool.add("a" + i, (timings, failover) -> new RequestQueue(s, chain, Ticker.SYSTEM, clock, timings, failover), page::get,
                    model -> !served.containsKey(model) || served.get(model).contains(index));
            a.queue().start();
            tiers.add(tier);
            pages.add(page);
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    Job submit(String prompt) throws Exception {
        return pool.submit("req-" + ids.incrementAndGet(), ChatRequest.simple("gemini-2.5-pro", prompt, false), null);
    }

    /** The job's answer text, or the error's code. */
    static String outcome(Job job) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        while (true) {
            JobEvent e = job.poll(Duration.ofSeconds(10));
            if (e == null) throw new AssertionError("no end for " + job.id());
            switch (e) {
                case JobEvent.Output o when o.delta() instanceof Delta.Text t -> text.append(t.text());
                case JobEvent.Completed c -> { return text.toString(); }
                case JobEvent.Failed f -> { return "error:" + f.error().code(); }
                default -> { }
            }
        }
    }

    @Test
    void requestsSpreadOverTheAccountsAndKeepTheirOrderWithinEach() throws Exception {
        accounts(List.of(p -> null, p -> null, p -> null));
        List<Job> hangs = new ArrayList<>();
        for (int i = 0; i < 3; i++) hangs.add(submit("hang"));
        Await.until(() -> tiers.stream().allMatch(t -> t.started.size() == 1), "one running on each account");
        List<Job> echoes = new ArrayList<>();
        for (int i = 1; i <= 6; i++) echoes.add(submit("echo e" + i));
        for (Account a : pool.accounts()) assertEquals(2, a.queue().waitingCount(), a.name() + " holds two waiting");
        for (Job h : hangs) pool.cancel(h.id(), ApiError.cancelled("test"));
        for (Job e : echoes) assertTrue(outcome(e).startsWith("e"), e.id());
        // Ties go to the least recently chosen: a0 took e1 and e4, in that order.
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(hangs.get(i).id(), echoes.get(i).id(), echoes.get(i + 3).id()), tiers.get(i).started, "a" + i + " in order");
        }
    }

    @Test
    void aSignedOutAccountIsSkippedWhileAnotherCanAnswer() throws Exception {
        accounts(List.of(p -> null, p -> null, p -> null));
        pages.get(1).set(SIGNED_OUT);
        for (int i = 0; i < 6; i++) assertEquals("x" + i, outcome(submit("echo x" + i)));
        assertEquals(0, tiers.get(1).started.size(), "the signed-out account got nothing");
        assertEquals(6, tiers.get(0).started.size() + tiers.get(2).started.size());
    }

    @Test
    void aQuotaAnswerMovesTheRequestAndCoolsTheAccountUntilItsTimeIsUp() throws Exception {
        // a0 and a1 are out of quota; a2 answers, but for a prompt saying "spent".
        accounts(List.of(p -> "quota", p -> "quota", p -> p.equals("spent") ? "quota" : null));
        List<Account> a = pool.accounts();
        assertEquals("moved", outcome(submit("echo moved")), "answered once, by a2, after a0 and a1 answered quota");
        assertEquals(List.of(1, 1, 1), tiers.stream().map(t -> t.started.size()).toList(), "tried on a0, then a1, then a2");
        assertTrue(a.get(0).coolingUntil("gemini-2.5-pro", clock.now) != null && a.get(1).coolingUntil("gemini-2.5-pro", clock.now) != null);
        assertEquals(null, a.get(2).coolingUntil("gemini-2.5-pro", clock.now));
        // a2 runs out too: its client gets the quota error, the next request is refused ahead with the wait.
        assertEquals("error:quota_exceeded", outcome(submit("spent")));
        CoolingDownException e = assertThrows(CoolingDownException.class, () -> submit("echo refused"));
        assertEquals(Duration.ofSeconds(600), e.retryAfter());
        // Another model is not cooling down (a0 and a1 cool down for it too, on the way).
        assertEquals("other", outcome(pool.submit("req-other", ChatRequest.simple("gemini-2.5-flash", "echo other", false), null)));
        // Once the cooldown is over, the model is given again.
        clock.now = clock.now.plus(Duration.ofSeconds(601));
        assertEquals("later", outcome(submit("echo later")));
        assertEquals(3, a.get(0).quotaHits(), "a0 answered quota for pro, flash and pro again");
    }

    @Test
    void aQuotaAnswerNamingItsResetDelayCoolsDownForThatLong() {
        assertEquals(Duration.ofMillis(25_300), pool.resetDelay("RESOURCE_EXHAUSTED: You exceeded your current quota. Please retry in 25.3s."));
        assertEquals(Duration.ofMinutes(2), pool.resetDelay("Quota exceeded; retry after 2 minutes"));
        assertEquals(Duration.ofSeconds(600), pool.resetDelay("You exceeded your current quota, please check your plan and billing details."));
        assertEquals(Duration.ofSeconds(600), pool.resetDelay(null));
    }

    @Test
    void aModelOnlySomeAccountsHaveGoesOnlyToThem() throws Exception {
        served.put("gemini-2.5-flash", java.util.Set.of(2));
        accounts(List.of(p -> null, p -> null, p -> null));
        for (int i = 0; i < 3; i++) {
            assertEquals("f" + i, outcome(pool.submit("req-f" + i, ChatRequest.simple("gemini-2.5-flash", "echo f" + i, false), null)));
        }
        assertEquals(List.of(0, 0, 3), tiers.stream().map(t -> t.started.size()).toList(), "only a2 has gemini-2.5-flash");
    }
}
