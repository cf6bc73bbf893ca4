package aistudioproxy.page;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page whose JavaScript freezes (a busy loop) while a request waits on it: the request fails
 * with a 504 naming the step once the page thread outlives its limit, /health says 503 while the
 * page is re-created, and the next request is served, all without a restart.
 */
class FrozenPageRecoveryTest {
    @Test
    void aFrozenPageFailsItsRequestAndIsRecreated() throws Exception {
        try (SimStack stack = new SimStack(Map.of(Setting.PAGE_OPERATION_TIMEOUT_MS, "3000"))) {
            long t0 = System.nanoTime();
            var frozen = CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.post(stack.chat(), Http.chatBody("[[sim:freeze]] [[sim:long=500]] [[sim:pace=50]]", false));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            var r = frozen.get(30, TimeUnit.SECONDS);
            long failedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(504, r.statusCode(), r.body());
            assertTrue(r.body().contains("page step 'read answer'") && r.body().contains("PAGE_OPERATION_TIMEOUT_MS"), r.body());
            var health = Http.get(stack.base() + "/health");
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("stopped answering"), health.body());
            long t1 = System.nanoTime();
            var next = Http.post(stack.chat(), Http.chatBody("[[sim:say back again]]", false));
            long nextMs = (System.nanoTime() - t1) / 1_000_000;
            assertEquals(200, next.statusCode(), next.body());
            assertEquals("back again", Http.contentOf(next.body()));
            assertTrue(nextMs < 3000 + 10_000, "served " + nextMs + " ms after the 504");
            assertEquals(200, Http.get(stack.base() + "/health").statusCode());
            System.out.println("frozen_page_recovery failed_after_ms=" + failedMs + " next_served_after_ms=" + nextMs);
        }
    }
}
