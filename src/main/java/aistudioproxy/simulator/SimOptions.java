package aistudioproxy.simulator;

import java.time.Duration;

/**
 * Simulator settings. {@code tokenPace}: time between tokens (AI Studio streams a few tokens
 * every tens of milliseconds); {@code firstTokenDelay}: time before the first one;
 * {@code welcomeDialog}: show the first-visit dialog the driver must dismiss.
 */
public record SimOptions(int pagePort, Duration tokenPace, Duration firstTokenDelay, boolean welcomeDialog) {
    public static SimOptions defaults() {
        return new SimOptions(0, Duration.ofMillis(15), Duration.ofMillis(150), true);
    }
}
