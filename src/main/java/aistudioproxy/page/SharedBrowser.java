package aistudioproxy.page;

import com.microsoft.playwright.Playwright;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Chromium for several accounts ({@code ACCOUNT_ISOLATION=context}): launched here with
 * remote debugging, and each account's page session connects to it over CDP and opens a context
 * of its own (its login, its proxy). Less memory on small hosts, at the price of one browser
 * fingerprint for every account. Closing it ends the browser.
 */
public final class SharedBrowser implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SharedBrowser.class.getName());
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final String endpoint;
    private final Path profileDir;

    private SharedBrowser(Process process, String endpoint, Path profileDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.profileDir = profileDir;
    }

    /** Launches {@code choice} (Playwright's own Chromium for {@link BrowserChoice.Managed}); its profile lives under {@code dataDir}. */
    public static SharedBrowser launch(BrowserChoice choice, boolean headless, Path dataDir) throws PageException {
        Path executable = switch (choice) {
            case BrowserChoice.Executable e -> e.path();
            case BrowserChoice.Managed m -> {
                try (Playwright pw = BrowserLauncher.createPlaywright()) {
                    yield Path.of(pw.chromium().executablePath());
                }
            }
            case BrowserChoice.Missing m -> throw new PageException(PageException.Kind.NOT_READY, m.fix());
        };
        try {
            Path profile = Files.createTempDirectory(Files.createDirectories(dataDir), "shared-browser-").toAbsolutePath();
            List<String> cmd = new ArrayList<>(List.of(executable.toString()));
            cmd.addAll(BrowserLauncher.CHROMIUM_ARGS);
            cmd.addAll(List.of("--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
                    "--no-default-browser-check", "about:blank"));
            if (headless) cmd.add(1, "--headless=new");
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<String> ws = new CompletableFuture<>();
            Thread.ofVirtual().name("shared-browser-log").start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) ws.complete(m.group(1));
                    }
                } catch (IOException e) {
                    // the browser is gone; the wait below says so
                }
                ws.complete(null);
            });
            String endpoint = ws.get(30, TimeUnit.SECONDS);
            if (endpoint == null) {
                p.destroyForcibly();
                throw new PageException(PageException.Kind.NOT_READY, "the shared browser (" + executable + ") exited before it listened");
            }
            LOG.log(Level.INFO, "shared_browser_started executable={0} endpoint={1}", executable, endpoint);
            return new SharedBrowser(p, endpoint, profile);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new PageException(PageException.Kind.NOT_READY, "cannot start the shared browser " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PageException(PageException.Kind.NOT_READY, "interrupted while starting the shared browser", e);
        }
    }

    /** Where the accounts connect ({@code BROWSER_CDP_ENDPOINT} in effect for each). */
    public String cdpEndpoint() {
        return endpoint;
    }

    /** The browser's process id (for tests and status). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profileDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile
        }
    }
}
