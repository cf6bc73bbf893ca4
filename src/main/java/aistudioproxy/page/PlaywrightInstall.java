package aistudioproxy.page;

import com.microsoft.playwright.impl.driver.Driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Playwright's own installer, run from the driver inside our jar: {@code install chromium}, with
 * only the headless shell for a headless browser (a third of the download) and only the full
 * browser for a headed one. Idempotent: with the browser already in Playwright's cache
 * ({@code PLAYWRIGHT_BROWSERS_PATH}, default {@code ~/.cache/ms-playwright}) it returns at once
 * without touching the network. Honours {@code PLAYWRIGHT_DOWNLOAD_HOST} (a mirror) and proxies
 * through the environment, as Playwright does.
 */
final class PlaywrightInstall {
    private static final System.Logger LOG = System.getLogger(PlaywrightInstall.class.getName());

    private PlaywrightInstall() {}

    static BrowserChoice run(boolean headless, Duration timeout, Consumer<String> progress) {
        Deque<String> tail = new ArrayDeque<>();
        try {
            ProcessBuilder pb = Driver.ensureDriverInstalled(Map.of(), false).createProcessBuilder();
            pb.environment().remove("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"); // run.sh sets it for the driver, not for this
            pb.command().addAll(java.util.List.of("install", "chromium", headless ? "--only-shell" : "--no-shell"));
            pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
            LOG.log(Level.INFO, "browser_install starting: Playwright's Chromium ({0}); this downloads about {1} MB once",
                    headless ? "headless shell" : "full browser", headless ? 110 : 180);
            Process p = pb.start();
            p.getOutputStream().close();
            Thread reader = Thread.ofPlatform().daemon(true).name("browser-install-output").start(() -> relay(p, tail, progress));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new BrowserChoice.Missing("Playwright's browser download did not finish within " + timeout.toMinutes() + " min; "
                        + BrowserSearch.fix());
            }
            reader.join(2000);
            if (p.exitValue() == 0) {
                LOG.log(Level.INFO, "browser_install done: Playwright's Chromium is ready");
                return new BrowserChoice.Managed();
            }
            String last;
            synchronized (tail) {
                last = String.join(" | ", tail);
            }
            LOG.log(Level.WARNING, "browser_install failed exit={0} output={1}", p.exitValue(), last);
            return new BrowserChoice.Missing("Playwright could not download its Chromium (" + shorten(last) + "); " + BrowserSearch.fix());
        } catch (IOException | RuntimeException e) {
            return new BrowserChoice.Missing("Playwright's installer could not run (" + e.getMessage() + "); " + BrowserSearch.fix());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BrowserChoice.Missing("interrupted while Playwright downloaded its Chromium; " + BrowserSearch.fix());
        }
    }

    /** Passes the installer's lines on (progress bars end in CR), keeping the last few for the error message. */
    private static void relay(Process p, Deque<String> tail, Consumer<String> progress) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            for (int c; (c = r.read()) >= 0; ) {
                if (c != '\n' && c != '\r') {
                    line.append((char) c);
                    continue;
                }
                String l = line.toString().strip();
                line.setLength(0);
                if (l.isEmpty()) continue;
                synchronized (tail) {
                    tail.addLast(l);
                    if (tail.size() > 3) tail.removeFirst();
                }
                progress.accept(l);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
