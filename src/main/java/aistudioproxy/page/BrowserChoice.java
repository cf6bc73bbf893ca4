package aistudioproxy.page;

import java.nio.file.Path;

/**
 * Which browser the page tier launches, decided once at start by {@link BrowserSearch}: an
 * executable (configured, or found on the machine), Playwright's own Chromium (installed), or
 * none, with what the user should do about it.
 */
public sealed interface BrowserChoice {
    /** A browser binary: {@code source} is "configured" (BROWSER_EXECUTABLE_PATH) or "system". */
    record Executable(Path path, String source) implements BrowserChoice {}

    /** Playwright's managed Chromium, present in its browser cache (launched without an executable path). */
    record Managed() implements BrowserChoice {}

    /** No browser: {@code fix} says what to run or set, shown by /health and in every 503. */
    record Missing(String fix) implements BrowserChoice {}

    /** One line for logs and status views. */
    default String describe() {
        return switch (this) {
            case Executable e -> e.path() + " (" + e.source() + ")";
            case Managed m -> "Playwright's Chromium";
            case Missing m -> "none: " + m.fix();
        };
    }
}
