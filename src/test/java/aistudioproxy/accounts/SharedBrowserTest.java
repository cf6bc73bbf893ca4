package aistudioproxy.accounts;

import aistudioproxy.config.Setting;
import aistudioproxy.json.JsonValue;
import aistudioproxy.testing.Await;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static aistudioproxy.testing.JsonPath.at;
import static aistudioproxy.testing.JsonPath.parse;
import static aistudioproxy.testing.JsonPath.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ACCOUNT_ISOLATION=context}: two accounts in one Chromium, a context each, both through
 * tier 1 under their own labels; each answers its own requests.
 */
class SharedBrowserTest {
    /** Processes under this JVM whose command line has {@code flag} (the browser's helpers do not show theirs). */
    static List<ProcessHandle> browsers(String flag) {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().map(c -> c.contains(flag)).orElse(false)).toList();
    }

    @Test
    void twoAccountsShareOneBrowser() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (SimStack stack = new SimStack(Map.of(Setting.SIMULATOR_ACCOUNTS, "2", Setting.ACCOUNT_ISOLATION, "context",
                Setting.STREAM_PORT, Integer.toString(port), Setting.DATA_DIR, "target/shared-browser-data"))) {
            Await.until(() -> stack.app.chains().stream().allMatch(c -> c.tiers().getFirst().healthy()), "both accounts' tier 1");
            assertEquals(1, browsers("shared-browser-data").stream().filter(p -> p.info().commandLine().orElse("").contains("--remote-debugging-port=")).count(),
                    "one shared browser, started with this server's data folder");
            List<String> used = stack.app.pages().stream().map(p -> p.status().browser()).toList();
            assertTrue(used.getFirst().startsWith("connected over CDP: ws://127.0.0.1:"), used.toString());
            assertEquals(used.getFirst(), used.get(1), "both accounts in the same browser");
            String body = "{\"model\":\"gemini-2.5-flash\",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:long=30]] [[sim:pace=30]] Q\"}]}";
            CompletableFuture<HttpResponse<String>> one = CompletableFuture.supplyAsync(() -> post(stack, body.replace("Q", "one")));
            CompletableFuture<HttpResponse<String>> two = CompletableFuture.supplyAsync(() -> post(stack, body.replace("Q", "two")));
            for (var f : List.of(one, two)) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("stream-proxy", r.headers().firstValue("X-Response-Tier").orElseThrow());
                assertEquals(30, str(parse(r.body()), "choices[0].message.content").strip().split(" ").length);
            }
            HttpResponse<String> accounts = Http.get(stack.base() + "/v1/accounts");
            for (JsonValue a : ((JsonValue.Arr) at(parse(accounts.body()), "accounts")).items()) {
                assertEquals(1, ((JsonValue.Num) at(a, "requests")).asDouble(), "one request each: " + accounts.body());
                assertEquals("ready", str(a, "state"));
            }
        }
    }

    static HttpResponse<String> post(SimStack stack, String body) {
        try {
            return Http.post(stack.chat(), body);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
