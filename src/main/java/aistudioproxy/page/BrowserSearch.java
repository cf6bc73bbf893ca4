package aistudioproxy.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Finds the browser to launch, in this order (the one policy for it; {@code run.sh} asks the jar,
 * see {@code Main}'s {@code browser} command): {@code BROWSER_EXECUTABLE_PATH}; else, unless
 * {@code BROWSER_SOURCE=playwright}, a Chromium, Chrome or Edge on this machine (known install
 * paths, then {@code PATH}); else, unless {@code BROWSER_SOURCE=system}, Playwright's managed
 * Chromium, downloaded by Playwright's own installer when it is not there yet; else
 * {@link BrowserChoice.Missing} with the commands that fix it.
 */
public final class BrowserSearch {
    /** How long Playwright's installer may take (a slow line downloads about 170 MB). */
    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);

    private static final List<String> KNOWN_EXECUTABLES = List.of(
            "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
            "/snap/bin/chromium", "/opt/google/chrome/chrome", "/usr/bin/microsoft-edge", "/usr/bin/microsoft-edge-stable",
            "/opt/microsoft/msedge/msedge",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
            "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
            "C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe");
    private static final List<String> COMMAND_NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
            "microsoft-edge", "chrome.exe", "msedge.exe");

    /** Where the browser may come from ({@code BROWSER_SOURCE}). */
    public enum Source { AUTO, SYSTEM, PLAYWRIGHT;
        public static Source parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    private BrowserSearch() {}

    /**
     * The browser to launch, installing Playwright's Chromium if it comes to that.
     * {@code progress} gets the installer's lines (download progress) as they come.
     */
    public static BrowserChoice ensure(Source source, String configured, boolean headless, Consumer<String> progress) {
        BrowserChoice found = withoutInstalling(source, configured);
        if (!(found instanceof BrowserChoice.Missing) || source == Source.SYSTEM || configured != null && !configured.isEmpty()) return found;
        return PlaywrightInstall.run(headless, INSTALL_TIMEOUT, progress);
    }

    /**
     * The configured or a system browser, without downloading anything; Missing when there is
     * none (or, for {@code BROWSER_SOURCE=playwright}, always: only the installer can tell).
     */
    public static BrowserChoice withoutInstalling(Source source, String configured) {
        if (configured != null && !configured.isEmpty()) {
            return Files.isExecutable(Path.of(configured)) ? new BrowserChoice.Executable(Path.of(configured), "configured")
                    : new BrowserChoice.Missing("BROWSER_EXECUTABLE_PATH=" + configured + " is not an executable file: fix the path, or unset it to search the machine");
        }
        if (source != Source.PLAYWRIGHT) {
            Path system = systemBrowser();
            if (system != null) return new BrowserChoice.Executable(system, "system");
        }
        return new BrowserChoice.Missing(fix());
    }

    /** A Chromium, Chrome or Edge installed on this machine, or null. */
    static Path systemBrowser() {
        for (String candidate : KNOWN_EXECUTABLES) if (Files.isExecutable(Path.of(candidate))) return Path.of(candidate);
        List<Path> dirs = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) if (!d.isBlank()) dirs.add(Path.of(d));
        for (Path dir : dirs) {
            for (String name : COMMAND_NAMES) {
                Path p = dir.resolve(name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    /** What to do when no browser could be found or installed. */
    static String fix() {
        return "no browser found: install Chromium (Debian/Ubuntu: apt-get install chromium), or let Playwright download its own "
                + "(java -cp aistudio-proxy.jar com.microsoft.playwright.CLI install chromium), or set BROWSER_EXECUTABLE_PATH";
    }
}
