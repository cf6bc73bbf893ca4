package aistudioproxy.accounts;

import aistudioproxy.config.Setting;
import aistudioproxy.json.JsonValue;
import aistudioproxy.testing.Await;
import aistudioproxy.testing.Http;
import aistudioproxy.page.BrowserChoice;
import aistudioproxy.page.BrowserSearch;
import aistudioproxy.testing.SimStack;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static aistudioproxy.testing.JsonPath.at;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static aistudioproxy.testing.JsonPath.parse;
import static aistudioproxy.testing.JsonPath.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three simulated accounts, each its own browser, page and queue, all through the one stream proxy
 * (tier 1), each with a login file: a's and b's logins are known to the simulator, c's is not, so
 * c's page goes to the sign-in page. a may run five generations before its quota runs out, b a
 * thousand. The tests build on one another, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsTest {
    static SimStack stack;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dir = Path.of("target", "accounts-logins-" + System.nanoTime());
        Files.createDirectories(dir);
        List<String> files = new ArrayList<>();
        for (String[] login : new String[][] {{"a", "login-a"}, {"b", "login-b"}, {"c", "login-c-unknown"}}) {
            Path f = dir.resolve(login[0] + ".json");
            Files.writeString(f, "{\"cookies\":[{\"name\":\"SAPISID\",\"value\":\"" + login[1] + "\",\"domain\":\"127.0.0.1\",\"path\":\"/\","
                    + "\"expires\":-1,\"httpOnly\":false,\"secure\":true,\"sameSite\":\"None\"}],\"origins\":[]}");
            files.add(f.toString());
        }
        stack = new SimStack(Map.of(Setting.AUTH_PROFILES, String.join(",", files), Setting.SIMULATOR_LOGINS, "login-a,login-b",
                Setting.SIMULATOR_QUOTAS, "5,1000", Setting.STREAM_PORT, Integer.toString(port), Setting.DATA_DIR, "target/accounts-data"));
        // Tier 1 of the signed-in accounts: their event channels connected.
        Await.until(() -> stack.app.chains().subList(0, 2).stream().allMatch(c -> c.tiers().getFirst().healthy()), "a's and b's tier 1");
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    static JsonValue account(String name) throws Exception {
        for (JsonValue acc : accounts()) if (name.equals(str(acc, "name"))) return acc;
        throw new AssertionError("no account " + name);
    }

    /**
     * c is not signed in and gets nothing; a and b, each busy with a long answer, queue two
     * requests each and answer them in the order they came: the first and third requests
     * (a's) end in that order, as do the second and fourth (b's).
     */
    @Test
    @Order(0)
    void aSignedOutAccountIsSkippedAndEachAccountKeepsItsOrder() throws Exception {
        assertEquals("auth_required", str(account("c"), "state"), account("c").write());
        assertTrue(str(account("c"), "detail").startsWith("Not logged in"), account("c").write());
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                sockets.add(Http.rawPost(stack.app.port(), "/v1/chat/completions", chat("gemini-2.5-pro", "[[sim:long=30]] [[sim:pace=40]] busy " + i, false)));
                int running = i + 1;
                Await.until(() -> runningCount() == running, running + " running");
            }
            for (int i = 1; i <= 4; i++) {
                sockets.add(Http.rawPost(stack.app.port(), "/v1/chat/completions", chat("gemini-2.5-pro", "queued " + i, false)));
                int waiting = i;
                Await.until(() -> stack.app.pool().waitingCount() == waiting, waiting + " waiting");
            }
            long[] doneAt = new long[sockets.size()];
            List<Thread> readers = new ArrayList<>();
            for (int i = 0; i < sockets.size(); i++) {
                int n = i;
                readers.add(Thread.ofVirtual().start(() -> {
                    try {
                        String r = Http.readUntil(sockets.get(n).getInputStream(), "\"usage\"");
                        if (r.startsWith("HTTP/1.1 200")) doneAt[n] = System.nanoTime();
                    } catch (java.io.IOException e) {
                        // left at 0: the assertion below names it
                    }
                }));
            }
            for (Thread t : readers) t.join(30_000);
            for (int i = 0; i < doneAt.length; i++) assertTrue(doneAt[i] > 0, "request " + i + " answered");
            assertTrue(doneAt[2] < doneAt[4], "a: queued 1 before queued 3");
            assertTrue(doneAt[3] < doneAt[5], "b: queued 2 before queued 4");
        } finally {
            for (Socket s : sockets) s.close();
        }
        assertEquals(0, ((JsonValue.Num) at(account("c"), "requests")).asDouble(), "nothing went to the signed-out account");
        assertEquals(3, ((JsonValue.Num) at(account("a"), "requests")).asDouble());
        assertEquals(3, ((JsonValue.Num) at(account("b"), "requests")).asDouble());
    }

    static int runningCount() {
        try {
            int n = 0;
            for (JsonValue acc : accounts()) if (str(acc, "running") != null) n++;
            return n;
        } catch (Exception e) {
            return -1;
        }
    }

    static String chat(String model, String prompt, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    static List<JsonValue> accounts() throws Exception {
        HttpResponse<String> r = Http.get(stack.base() + "/v1/accounts");
        assertEquals(200, r.statusCode(), r.body());
        return ((JsonValue.Arr) at(parse(r.body()), "accounts")).items();
    }

    /** The account running a request, or null. */
    static String running() throws Exception {
        for (JsonValue acc : accounts()) if (str(acc, "running") != null) return str(acc, "running");
        return null;
    }

    /**
     * A long answer runs on one account while a second request is answered whole on the other:
     * the first is still running when the second's answer is back, which one page could not do.
     */
    @Test
    @Order(1)
    void twoRequestsOnTwoAccountsRunAtOnce() throws Exception {
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.post(stack.chat(), chat("gemini-2.5-pro", "[[sim:long=40]] [[sim:pace=40]] one", false));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Await.until(() -> {
            try {
                return running() != null;
            } catch (Exception e) {
                return false;
            }
        }, "the first request running");
        String firstId = running();
        HttpResponse<String> second = Http.post(stack.chat(), chat("gemini-2.5-pro", "two", false));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(firstId, running(), "the first request is still running on its account");
        HttpResponse<String> r = first.get(30, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(firstId, r.headers().firstValue("X-Request-Id").orElseThrow());
        // Both answers came through the one stream proxy, each from its own browser's generation.
        assertEquals("stream-proxy", r.headers().firstValue("X-Response-Tier").orElseThrow());
        assertEquals("stream-proxy", second.headers().firstValue("X-Response-Tier").orElseThrow());
        String long_ = str(parse(r.body()), "choices[0].message.content");
        String short_ = str(parse(second.body()), "choices[0].message.content");
        assertEquals(40, long_.strip().split(" ").length, long_);
        assertTrue(short_.startsWith("Simulated gemini-2.5-pro answer: ") && short_.split(" ").length < 20, short_);
        assertEquals(4, ((JsonValue.Num) at(account("a"), "requests")).asDouble());
        assertEquals(4, ((JsonValue.Num) at(account("b"), "requests")).asDouble());
    }

    /**
     * Requests one after another alternate between the accounts; the second one the low-quota
     * account gets is answered 429 there and at once again on the other: every client gets its
     * one answer, the same words the model gives that prompt, and the account cools down.
     */
    @Test
    @Order(2)
    void aQuotaAnswerIsRetriedOnTheOtherAccountAndCoolsTheFirstDown() throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> r = Http.post(stack.chat(), chat("gemini-2.5-flash", "question " + i, false));
            assertEquals(200, r.statusCode(), r.body());
            answers.add(str(parse(r.body()), "choices[0].message.content"));
        }
        JsonValue cooled = null;
        for (JsonValue acc : accounts()) if (((JsonValue.Num) at(acc, "quota_hits")).asDouble() == 1) cooled = acc;
        assertNotNull(cooled, "one account hit its quota");
        assertEquals("cooldown", str(cooled, "state"));
        assertTrue(((JsonValue.Obj) at(cooled, "cooldown_until")).get("gemini-2.5-flash").isPresent(), cooled.write());
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> again = Http.post(stack.chat(), chat("gemini-2.5-flash", "question " + i, false));
            assertEquals(200, again.statusCode(), again.body());
            assertEquals(answers.get(i - 1), str(parse(again.body()), "choices[0].message.content"), "one answer, not two run together");
        }
    }

    /** The other account's quota runs out too: its client gets the 429, the next request a 429 with Retry-After; another model still works. */
    @Test
    @Order(3)
    void whenEveryAccountIsCoolingDownA429SaysWhenToComeBack() throws Exception {
        HttpResponse<String> last = Http.post(stack.chat(), chat("gemini-2.5-flash", "[[sim:quota]] once more", false));
        assertEquals(429, last.statusCode(), last.body());
        HttpResponse<String> refused = Http.post(stack.chat(), chat("gemini-2.5-flash", "and again", false));
        assertEquals(429, refused.statusCode(), refused.body());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 3000 && retryAfter <= 3600, "QUOTA_COOLDOWN_SECONDS: " + retryAfter);
        assertTrue(str(parse(refused.body()), "error.message").contains("every account"), refused.body());
        HttpResponse<String> other = Http.post(stack.chat(), chat("gemini-2.5-pro", "a pro question", false));
        assertEquals(200, other.statusCode(), other.body());
        HttpResponse<String> health = Http.get(stack.base() + "/health");
        assertEquals(3, ((JsonValue.Arr) at(parse(health.body()), "accounts")).size(), health.body());
    }

    /** The console lists the three accounts with their states: c signed out, the cooled ones cooling down. */
    @Test
    @Order(4)
    void theConsoleShowsEachAccount() throws Exception {
        try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            BrowserType.LaunchOptions o = new BrowserType.LaunchOptions().setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run"));
            if (BrowserSearch.withoutInstalling(BrowserSearch.Source.AUTO, "") instanceof BrowserChoice.Executable e) o.setExecutablePath(e.path());
            try (Browser browser = pw.chromium().launch(o)) {
                Page page = browser.newPage();
                page.navigate(stack.base() + "/");
                assertThat(page.locator("#accounts-block")).isVisible();
                assertThat(page.locator("#accounts tbody tr")).hasCount(3);
                assertThat(page.locator("#accounts tr[data-account=c] td").nth(1)).hasText("auth required");
                assertThat(page.locator("#accounts tr[data-account=b] td").nth(1)).hasText("cooldown");
                assertThat(page.locator("#accounts tr[data-account=b] td").nth(5)).containsText("gemini-2.5-flash until");
            }
        }
    }

    /** A new login for the signed-out account, while the server runs: its page opens again with it and takes requests. */
    @Test
    @Order(5)
    void aSignedOutAccountComesBackWhenItsLoginFileChanges() throws Exception {
        Path c = dir.resolve("c.json");
        Files.writeString(c, Files.readString(dir.resolve("b.json")).replace("login-b", "login-a"));
        Await.until(() -> {
            try {
                return "ready".equals(str(account("c"), "state"));
            } catch (Exception e) {
                return false;
            }
        }, "c signed in and ready", java.time.Duration.ofSeconds(30));
        HttpResponse<String> r = Http.post(stack.chat(), chat("gemini-2.5-pro", "[[sim:no-think]] for c", false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, ((JsonValue.Num) at(account("c"), "requests")).asDouble(), "c, never chosen before, took it");
    }
}
