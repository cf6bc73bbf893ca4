package aistudioproxy.page;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutting down (what SIGTERM's hook does) while the page's JavaScript is frozen in a busy loop,
 * with the page thread stuck in a call that will never return: the server still ends within
 * 10 s, the waiting client gets an answer, and no browser process is left behind.
 */
class FrozenPageShutdownTest {
    private static List<ProcessHandle> browsers() {
        return ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("chrom")).toList();
    }

    @Test
    void shutdownWithAFrozenPageEndsWithinTenSeconds() throws Exception {
        SimStack stack = new SimStack();
        var state = stack.app.simulator().state();
        int prompts = state.prompts().size();
        CompletableFuture<Integer> client = CompletableFuture.supplyAsync(() -> {
            try {
                return Http.post(stack.chat(), Http.chatBody("[[sim:freeze]] [[sim:long=500]] [[sim:pace=50]]", false)).statusCode();
            } catch (Exception e) {
                return -1; // the connection closed with the server: also an end
            }
        });
        long end = System.nanoTime() + 30_000_000_000L;
        while (state.prompts().size() == prompts && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(state.prompts().size() > prompts, "the run started");
        // The page freezes 100 ms after its Run; give the page thread time to get stuck reading it.
        Thread.sleep(1500);
        assertTrue(!browsers().isEmpty(), "a browser runs");
        long t0 = System.nanoTime();
        stack.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 10_000, "shut down in " + ms + " ms");
        int status = client.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(status == 503 || status == -1, "the waiting client was answered: " + status);
        long gone = System.nanoTime() + 5_000_000_000L;
        while (!browsers().isEmpty() && System.nanoTime() < gone) Thread.sleep(50);
        assertEquals(List.of(), browsers().stream().map(p -> p.pid() + " " + p.info().command().orElse("")).toList(), "no browser left");
        System.out.println("frozen_page_shutdown ms=" + ms);
    }
}
