package aistudioproxy.page;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --login}: opens a visible browser at AI Studio, waits (up to 10 minutes) until the user
 * has signed in and the chat page shows its prompt box, then saves the storage state (cookies and
 * local storage) as {@code auth_profiles/active/<time>.json}.
 */
public final class LoginFlow {
    private static final long WAIT_MILLIS = 10 * 60_000;

    private LoginFlow() {}

    /** How often the wait for sign-in says it is still waiting. */
    private static final long PROGRESS_EVERY_MILLIS = 30_000;

    /**
     * Waits for the sign-in, then saves the login to {@code file} (written whole, then moved into
     * place, so a profile is never half written). {@code simulator}: the page is the simulator's,
     * whose certificate the browser is told to accept.
     */
    public static boolean run(URI url, BrowserChoice choice, Path file, boolean headless, boolean simulator) throws PageException, IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (choice instanceof BrowserChoice.Missing m) throw new PageException(PageException.Kind.NOT_READY, m.fix());
        try (Playwright pw = BrowserLauncher.createPlaywright()) {
            BrowserType.LaunchOptions o = new BrowserType.LaunchOptions().setHeadless(headless).setArgs(BrowserLauncher.CHROMIUM_ARGS);
            if (choice instanceof BrowserChoice.Executable e) o.setExecutablePath(e.path());
            try (Browser browser = pw.chromium().launch(o);
                 BrowserContext context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(simulator))) {
                Page page = context.newPage();
                page.navigate(url.toString());
                System.out.println("Sign in to Google in the browser window; waiting up to 10 minutes...");
                String promptBox = String.join(", ", Selectors.defaults().chain(SelectorKey.PROMPT_INPUT));
                for (long waited = 0; ; waited += PROGRESS_EVERY_MILLIS) {
                    try {
                        page.waitForSelector(promptBox, new Page.WaitForSelectorOptions().setTimeout(PROGRESS_EVERY_MILLIS));
                        break;
                    } catch (com.microsoft.playwright.TimeoutError e) {
                        if (waited + PROGRESS_EVERY_MILLIS >= WAIT_MILLIS) throw e;
                        System.out.println("Still waiting for the sign-in (" + (WAIT_MILLIS - waited - PROGRESS_EVERY_MILLIS) / 60_000 + " min left)...");
                    }
                }
                LoginFile.write(file, context.storageState().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                System.out.println("Saved the login to " + file);
                return true;
            }
        } catch (com.microsoft.playwright.TimeoutError e) {
            System.err.println("No sign-in within 10 minutes; nothing saved.");
            return false;
        }
    }
}
