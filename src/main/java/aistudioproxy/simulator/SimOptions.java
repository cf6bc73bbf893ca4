package aistudioproxy.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Simulator settings. {@code tokenPace}: time between tokens (AI Studio streams a few tokens
 * every tens of milliseconds); {@code firstTokenDelay}: time before the first one;
 * {@code welcomeDialog}: show the first-visit dialog the driver must dismiss; {@code ui}: the
 * page layout; {@code abEvery}: in the legacy layout, show the A/B comparison view instead of
 * every Nth answer (0: only for prompts with {@code [[sim:ab]]}); {@code renames}: text
 * replacements applied to the served page, its script and style (an element renamed, as AI
 * Studio does when it changes its page); {@code quotas}: how many generations each login may run
 * before its quota runs out (a 429 RESOURCE_EXHAUSTED, as AI Studio answers), in the order the
 * logins were first seen (one per browser, so one per account); a login past the list's end, or
 * every login when it is empty, has no limit; {@code logins}: SAPISID values the simulator knows
 * from the start; when there are any, a browser presenting none of them is sent to the sign-in
 * page (as AI Studio does without a login), and the quotas go to them in their order.
 */
public record SimOptions(int pagePort, Duration tokenPace, Duration firstTokenDelay, boolean welcomeDialog,
                         SimUi ui, int abEvery, Map<String, String> renames, List<Integer> quotas, List<String> logins) {
    public SimOptions {
        renames = Map.copyOf(renames);
        quotas = List.copyOf(quotas);
        logins = List.copyOf(logins);
    }

    public SimOptions(int pagePort, Duration tokenPace, Duration firstTokenDelay, boolean welcomeDialog) {
        this(pagePort, tokenPace, firstTokenDelay, welcomeDialog, SimUi.CURRENT, 0, Map.of(), List.of(), List.of());
    }

    /** As the server and {@code simulator} command run it: AI Studio-like pacing, the first-visit dialog. */
    public static SimOptions serving(int pagePort, SimUi ui, int abEvery) {
        return new SimOptions(pagePort, Duration.ofMillis(15), Duration.ofMillis(150), true, ui, abEvery, Map.of(), List.of(), List.of());
    }

    public static SimOptions defaults() {
        return serving(0, SimUi.CURRENT, 0);
    }

    public SimOptions withRenames(Map<String, String> renames) {
        return new SimOptions(pagePort, tokenPace, firstTokenDelay, welcomeDialog, ui, abEvery, renames, quotas, logins);
    }

    public SimOptions withQuotas(List<Integer> quotas) {
        return new SimOptions(pagePort, tokenPace, firstTokenDelay, welcomeDialog, ui, abEvery, renames, quotas, logins);
    }

    public SimOptions withLogins(List<String> logins) {
        return new SimOptions(pagePort, tokenPace, firstTokenDelay, welcomeDialog, ui, abEvery, renames, quotas, logins);
    }
}
