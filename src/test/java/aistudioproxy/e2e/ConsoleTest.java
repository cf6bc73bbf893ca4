package aistudioproxy.e2e;

import aistudioproxy.config.Setting;
import aistudioproxy.page.BrowserChoice;
import aistudioproxy.page.BrowserSearch;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in Chromium against the simulator, with an API key set: it shows only the
 * login box until given the key, then the page ready, each tier, the log tail; its playground
 * streams an answer with the tier and the time to first token; its cancel button takes a waiting
 * request out of the queue. Leaves a screenshot in {@code target/console.png} (the README's).
 */
class ConsoleTest {
    private static final String KEY = "console-test-key-123";

    @Test
    void theConsoleShowsTheServerAndDrivesIt() throws Exception {
        try (SimStack stack = new SimStack(Map.of(Setting.API_KEYS, KEY));
             Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            BrowserType.LaunchOptions o = new BrowserType.LaunchOptions().setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run"));
            if (BrowserSearch.withoutInstalling(BrowserSearch.Source.AUTO, "") instanceof BrowserChoice.Executable e) o.setExecutablePath(e.path());
            try (Browser browser = pw.chromium().launch(o)) {
                Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1200, 900));
                List<String> consoleErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
                page.onConsoleMessage(m -> {
                    if (m.type().equals("error")) consoleErrors.add(m.text());
                });
                page.navigate(stack.base() + "/");

                // Without a key: the login box and nothing else.
                assertThat(page.locator("#login")).isVisible();
                assertThat(page.locator("#app")).isHidden();
                page.locator("#key").fill("wrong-key");
                page.locator("#login-button").click();
                assertThat(page.locator("#login-error")).containsText("not accepted");
                assertThat(page.locator("#app")).isHidden();
                page.locator("#key").fill(KEY);
                page.locator("#login-button").click();

                // Status: the page ready, the tiers, the login in use.
                assertThat(page.locator("#app")).isVisible();
                assertThat(page.locator("#page-state")).hasText("ready");
                assertThat(page.locator("#overall")).hasText("ready");
                assertThat(page.locator("#tiers tr[data-tier=page] td").nth(1)).hasText("healthy");
                assertThat(page.locator("#tiers tr[data-tier=stream-proxy] td").nth(1)).hasText("off");
                assertThat(page.locator("#auth-profile")).containsText("simulator");
                assertThat(page.locator("#accounts-block")).isHidden();

                // Playground: a streamed answer, its thinking apart, the tier and the first token's time.
                assertThat(page.locator("#model option[value='gemini-2.5-pro']")).hasCount(1);
                page.locator("#model").selectOption("gemini-2.5-pro");
                page.locator("#system").fill("Be brief.");
                page.locator("#temperature").fill("0.4");
                page.locator("#prompt").fill("[[sim:echo-settings]] hello console");
                page.locator("#send").click();
                assertThat(page.locator("#total")).containsText("ms", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
                String answer = page.locator("#answer").textContent();
                assertTrue(answer.contains("temperature=0.40"), answer);
                assertTrue(answer.contains("Be brief."), "the system prompt reached the page: " + answer);
                assertThat(page.locator("#answer-tier")).hasText("page");
                assertThat(page.locator("#ttft")).containsText("ms");
                assertThat(page.locator("#thinking-box")).isVisible();
                assertFalse(page.locator("#thinking").textContent().isBlank());
                assertThat(page.locator("#chat-error")).isHidden();

                // Queue: one request running, one waiting; the console's cancel takes the waiting one out.
                CompletableFuture<HttpResponse<String>> running = ask(stack, "[[sim:long=120]] [[sim:pace=40]]");
                waitFor(() -> stack.app.queue().snapshot().running() != null, "running");
                CompletableFuture<HttpResponse<String>> waiting = ask(stack, "[[sim:say never]]");
                waitFor(() -> stack.app.queue().waitingCount() == 1, "waiting");
                String waitingId = stack.app.queue().snapshot().waiting().getFirst().id();
                Locator waitingRow = page.locator("#waiting li[data-id='" + waitingId + "']");
                assertThat(waitingRow).isVisible();
                assertThat(page.locator("#running")).containsText("Running");
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/console.png")));
                waitingRow.locator("button[data-cancel]").click();
                HttpResponse<String> cancelled = waiting.get(10, TimeUnit.SECONDS);
                assertEquals(499, cancelled.statusCode(), cancelled.body());
                assertThat(waitingRow).hasCount(0);
                assertEquals(200, running.get(60, TimeUnit.SECONDS).statusCode());

                // The log tail is live and carries no key.
                assertThat(page.locator("#logs")).containsText("job_finished");
                assertFalse(page.locator("#logs").textContent().contains(KEY));
                assertEquals(List.of(), consoleErrors.stream().filter(m -> !m.contains("401")).toList(), "no script errors");
                assertTrue(Files.size(Path.of("target/console.png")) > 10_000);
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> ask(SimStack stack, String prompt) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Http.post(stack.chat(), Http.chatBody(prompt, false), Map.of("Authorization", "Bearer " + KEY));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static void waitFor(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out: " + what);
            Thread.sleep(20);
        }
    }
}
