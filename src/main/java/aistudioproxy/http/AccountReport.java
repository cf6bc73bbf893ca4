package aistudioproxy.http;

import java.time.Instant;
import java.util.Map;

/**
 * One account as status views show it. {@code state}: {@code ready}, {@code busy} (a request
 * running), {@code cooldown} (for every model it was asked for lately; see {@code cooldowns}),
 * {@code auth_required} (not signed in: a new login fixes it), {@code starting} or {@code broken}
 * ({@code detail} says why).
 */
public record AccountReport(String name, String state, String detail, int waiting, String running, int requests, int quotaHits,
                            Map<String, Instant> cooldowns) {
    public AccountReport {
        cooldowns = Map.copyOf(cooldowns);
    }
}
