package aistudioproxy.app;

import aistudioproxy.accounts.Account;
import aistudioproxy.http.AccountReport;
import aistudioproxy.page.PageController;
import aistudioproxy.queue.QueueSnapshot;
import aistudioproxy.tier.TierChain;

import java.time.Instant;
import java.util.Map;

/** One account as the application assembled it: its dispatch entry, its page, its tiers. */
record AccountStack(Account account, PageController page, TierChain chain) {
    /** The account for status views: the first of auth_required, starting/broken, busy, cooldown, ready that applies. */
    AccountReport report(Instant now) {
        QueueSnapshot q = account.queue().snapshot();
        Map<String, Instant> cooling = account.cooldowns(now);
        String state;
        if (page.signedOut()) state = "auth_required";
        else if (!page.ready()) state = page.notReadyReason() != null && page.notReadyReason().startsWith("starting") ? "starting" : "broken";
        else if (q.running() != null) state = "busy";
        else if (!cooling.isEmpty()) state = "cooldown";
        else state = "ready";
        return new AccountReport(account.name(), state, page.ready() ? null : page.notReadyReason(), q.waiting().size(),
                q.running() == null ? null : q.running().id(), account.requests(), account.quotaHits(), cooling);
    }
}
