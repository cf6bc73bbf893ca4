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
import java.time.Instant;

/**
 * {@code --login}: opens a visible browser at AI Studio, waits (up to 10 minutes) until the user
 * has signed in and the chat page shows its prompt box, then saves the storage state (cookies and
 * local storage) as {@code auth_profiles/active/<time>.json}.
 */
public final class LoginFlow {
    private static final long WAIT_MILLIS = 10 * 60_000;

    private LoginFlow() {}

    public static boolean run(URI url, String executablePath, Path activeDir) throws PageException, IOException {
        Files.createDirectories(activeDir);
        String exe = BrowserLauncher.executable(executablePath);
        try (Playwright pw = BrowserLauncher.createPlaywright()) {
            BrowserType.LaunchOptions o = new BrowserType.LaunchOptions().setHeadless(false).setArgs(BrowserLauncher.CHROMIUM_ARGS);
            if (exe != null) o.setExecutablePath(Path.of(exe));
            try (Browser browser = pw.chromium().launch(o); BrowserContext context = browser.newContext()) {
                Page page = context.newPage();
                page.navigate(url.toString());
                System.out.println("Sign in to Google in the browser window; waiting up to 10 minutes...");
                page.waitForSelector(String.join(", ", Selectors.defaults().chain(SelectorKey.PROMPT_INPUT)), new Page.WaitForSelectorOptions().setTimeout(WAIT_MILLIS));
                Path file = activeDir.resolve("profile-" + Instant.now().toString().replace(':', '-') + ".json");
                context.storageState(new BrowserContext.StorageStateOptions().setPath(file));
                System.out.println("Saved the login to " + file);
                return true;
            }
        } catch (com.microsoft.playwright.TimeoutError e) {
            System.err.println("No sign-in within 10 minutes; nothing saved.");
            return false;
        }
    }
}
