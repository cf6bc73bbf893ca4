package aistudioproxy.simulator;

import java.util.Locale;

/**
 * The page layouts the simulator serves. {@code CURRENT}: today's element names as the public
 * driver of the live site knows them; {@code LEGACY}: the 2025 builds of the real saved pages
 * (thoughts as a turn of their own, one Run/Stop button whose label stays "Run", code blocks with
 * hidden copy markers, virtualised turns, the A/B comparison view).
 */
public enum SimUi {
    CURRENT, LEGACY;

    /** The name used in settings and resource files: {@code current}, {@code legacy}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SimUi parse(String s) {
        for (SimUi u : values()) if (u.id().equalsIgnoreCase(s.strip())) return u;
        return null;
    }
}
