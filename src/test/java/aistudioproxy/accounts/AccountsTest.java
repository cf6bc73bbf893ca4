package aistudioproxy.accounts;

import aistudioproxy.config.Setting;
import aistudioproxy.json.JsonValue;
import aistudioproxy.testing.Await;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static aistudioproxy.testing.JsonPath.at;
import static aistudioproxy.testing.JsonPath.parse;
import static aistudioproxy.testing.JsonPath.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two simulated accounts, each its own browser, page and queue, both through the one stream proxy
 * (tier 1); the first login to load the page may run one generation before its quota runs out,
 * the second a thousand.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsTest {
    static SimStack stack;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        stack = new SimStack(Map.of(Setting.SIMULATOR_ACCOUNTS, "2", Setting.SIMULATOR_QUOTAS, "1,1000",
                Setting.STREAM_PORT, Integer.toString(port), Setting.DATA_DIR, "target/accounts-data"));
        // Tier 1 of both accounts: their event channels connected.
        Await.until(() -> stack.app.chains().stream().allMatch(c -> c.tiers().getFirst().healthy()), "both accounts' tier 1");
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
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
        for (JsonValue acc : accounts()) assertEquals(1, ((JsonValue.Num) at(acc, "requests")).asDouble(), acc.write());
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
        assertEquals(2, ((JsonValue.Arr) at(parse(health.body()), "accounts")).size(), health.body());
    }
}
