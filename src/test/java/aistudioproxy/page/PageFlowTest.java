package aistudioproxy.page;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier 3 end to end: real Chromium, the simulator page, the production selectors. */
class PageFlowTest {
    static SimStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new SimStack(Map.of(Setting.FIRST_TOKEN_TIMEOUT_MS, "20000"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static HttpResponse<String> ask(String model, String prompt, boolean stream) throws Exception {
        return Http.post(stack.chat(), "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    @Test
    void modelSwitchesBackAndForthAndIsVerified() throws Exception {
        for (String m : new String[] {"gemini-2.0-flash", "gemini-2.5-pro", "gemini-2.0-flash", "gemini-2.5-flash-lite"}) {
            var r = ask(m, "[[sim:echo-settings]] which model", false);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("model=" + m + "\\n"), r.body());
        }
        var unknown = ask("gemini-9-ultra", "hi", false);
        assertEquals(404, unknown.statusCode(), "unknown models are refused before the page");
    }

    @Test
    void modelsComeFromThePagesListModels() throws Exception {
        var r = Http.get(stack.base() + "/v1/models");
        assertTrue(r.body().contains("\"display_name\":\"Gemini 2.5 Flash-Lite\""), r.body());
        assertTrue(r.body().contains("\"description\":\"Smallest and most cost effective\""), r.body());
        var info = Http.get(stack.base() + "/api/info");
        assertTrue(info.body().contains("\"models_source\":\"ai_studio\""), info.body());
    }

    @Test
    void streamingAnswerIsPseudoStreamedInChunks() throws Exception {
        var r = ask("gemini-2.5-pro", "[[sim:long=120]] [[sim:no-think]] tell me a long story", true);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains(": x-response-tier: page"), r.body());
        long chunks = r.body().lines().filter(l -> l.contains("\"delta\":{\"content\"")).count();
        assertTrue(chunks > 20, "the long answer arrives in many chunks: " + chunks);
        assertEquals(120, Http.contentOf(r.body()).trim().split(" ").length, "all 120 words, none lost or doubled");
        assertTrue(r.body().endsWith("data: [DONE]\n\n"));
    }

    @Test
    void thinkingBecomesReasoningContentAndCanBeSwitchedOff() throws Exception {
        var on = ask("gemini-2.5-pro", "[[sim:say The answer.]]", false);
        assertTrue(on.body().contains("\"reasoning_content\":\"Considering the request"), on.body());
        assertTrue(on.body().contains("\"content\":\"The answer.\""), on.body());
        // 2.5 Pro always thinks; 2.5 Flash has the switch.
        var off = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-flash\",\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say Plain.]]\"}]}");
        assertFalse(off.body().contains("reasoning_content"), off.body());
        var only = ask("gemini-2.5-pro", "[[sim:think-only]]", false);
        assertTrue(only.body().contains("\"reasoning_content\":\"Considering"), only.body());
    }

    @Test
    void stopSequencesAndMaxTokensShapeTheAnswer() throws Exception {
        var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"stop\":\"STOP\",\"reasoning_effort\":\"none\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say alpha beta STOP gamma]]\"}]}");
        assertTrue(r.body().contains("\"content\":\"alpha beta \""), r.body());
        var m = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"max_tokens\":3,\"reasoning_effort\":\"none\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say one two three four five]]\"}]}");
        assertTrue(m.body().contains("\"content\":\"one two three \""), m.body());
    }

    @Test
    void conversationIsFoldedWithRoleLabels() throws Exception {
        var r = Http.post(stack.chat(), """
                {"model":"gemini-2.5-pro","messages":[
                  {"role":"user","content":"What is 2+2?"},
                  {"role":"assistant","content":"4"},
                  {"role":"user","content":"[[sim:echo-settings]] And 3+3?"}]}""");
        assertTrue(r.body().contains("prompt=\\\"User:\\\\nWhat is 2+2?\\\\n\\\\n---\\\\n\\\\nAssistant:\\\\n4\\\\n\\\\n---\\\\n\\\\nUser:\\\\nAnd 3+3?\\\""), r.body());
    }

    @Test
    void imagesAreAttachedAsFiles() throws Exception {
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0});
        var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"[[sim:echo-settings]] what is this\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + png + "\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64," + png + "\"}}]}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("images=image/png,image/jpeg\\n"), r.body());
    }

    @Test
    void functionCallsBecomeToolCalls() throws Exception {
        var r = Http.post(stack.chat(), Http.toolsBody(Http.userTurn("Weather? get_weather {\"city\":\"Paris\",\"days\":3,\"metric\":true}"), false, ""));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"tool_calls\":[{\"id\":\"call_") && r.body().contains("\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":3,\\\"metric\\\":true}\"}}]"), r.body());
        assertTrue(r.body().contains("\"content\":null"), "only calls came: " + r.body());
        assertTrue(r.body().contains("\"finish_reason\":\"tool_calls\""), r.body());
    }

    @Test
    void quotaIs429AndUpstreamErrorsAre502() throws Exception {
        var quota = ask("gemini-2.5-pro", "[[sim:quota]]", false);
        assertEquals(429, quota.statusCode(), quota.body());
        assertTrue(quota.body().contains("quota exceeded"), quota.body());
        var rate = ask("gemini-2.5-pro", "[[sim:http429]]", false);
        assertEquals(429, rate.statusCode(), rate.body());
        for (String fault : new String[] {"http500", "malformed", "drop"}) {
            var r = ask("gemini-2.5-pro", "[[sim:" + fault + "]]", false);
            assertEquals(502, r.statusCode(), fault + ": " + r.body());
        }
        var after = ask("gemini-2.5-pro", "[[sim:say still fine]]", false);
        assertEquals(200, after.statusCode(), "the page recovers after every fault");
    }

    @Test
    void closedPageFailsTheJobWith502AndIsRecreatedForTheNext() throws Exception {
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return ask("gemini-2.5-pro", "[[sim:long=300]] slow", false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long end = System.nanoTime() + 20_000_000_000L;
        int before = stack.app.simulator().state().prompts().size();
        while (stack.app.simulator().state().prompts().size() == before && System.nanoTime() < end) Thread.sleep(20);
        Thread.sleep(200);
        stack.app.page().onPage(p -> {
            p.close();
            return null;
        });
        var crashed = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(502, crashed.statusCode(), crashed.body());
        var next = ask("gemini-2.5-pro", "[[sim:say recovered]]", false);
        assertEquals(200, next.statusCode(), next.body());
        assertTrue(next.body().contains("recovered"));
    }

    @Test
    void clientLeavingMidGenerationClicksStopAndNextIsServedAtOnce() throws Exception {
        var state = stack.app.simulator().state();
        int abandonedBefore = state.abandonedGenerations();
        int before = state.prompts().size();
        Socket s = Http.rawPost(stack.app.port(), "/v1/chat/completions",
                "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:long=2000]] endless\"}]}");
        long end = System.nanoTime() + 20_000_000_000L;
        while (state.prompts().size() == before && System.nanoTime() < end) Thread.sleep(20);
        Thread.sleep(300);
        s.close();
        long t0 = System.nanoTime();
        var next = ask("gemini-2.5-pro", "[[sim:say next one]]", false);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, next.statusCode());
        assertTrue(ms < 5000, "the next request did not wait for the abandoned generation: " + ms + " ms");
        while (state.abandonedGenerations() == abandonedBefore && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(state.abandonedGenerations() > abandonedBefore, "Stop was clicked: the page dropped the RPC");
    }

    /**
     * A job cancelled while its submission waits for the owner thread has its caller interrupted,
     * but the submission still runs and clicks Run afterwards; closing the job's run must stop that run
     * (else it keeps generating into the next job's page).
     */
    @Test
    void runClickedAfterItsJobWasCancelledIsStoppedWhenItsRunCloses() throws Exception {
        var state = stack.app.simulator().state();
        PageController page = stack.app.page();
        int abandonedBefore = state.abandonedGenerations();
        int before = state.prompts().size();
        var request = aistudioproxy.openai.ChatRequestParser.parse(aistudioproxy.json.Json.parse(
                "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:long=2000]] orphan\"}]}"));
        var run = page.open("chatcmpl-orphan", request, aistudioproxy.tools.ToolPlan.NONE, new aistudioproxy.tier.CancelSignal(), aistudioproxy.tier.RunHooks.NONE);
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        page.owner().post(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                run.start();
            } catch (InterruptedException expected) {
                // the job was cancelled while waiting
            } catch (aistudioproxy.tier.TierException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        caller.interrupt();
        caller.join();
        hold.countDown();
        long end = System.nanoTime() + 20_000_000_000L;
        while (state.prompts().size() == before && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(state.prompts().size() > before, "the orphaned submission clicked Run");
        run.close();
        while (state.abandonedGenerations() == abandonedBefore && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(state.abandonedGenerations() > abandonedBefore, "closing the run stopped the orphaned run");
        var next = ask("gemini-2.5-pro", "[[sim:say after the orphan]]", false);
        assertEquals("after the orphan", Http.contentOf(next.body()), next.body());
    }

    /**
     * A client that leaves mid-generation: its run is stopped on the page (the page aborts its
     * GenerateContent) within a second of the client closing the connection, and the next
     * request starts on a fresh chat (its GenerateContent carries no earlier turns).
     */
    @Test
    void runOfAClientThatLeftIsStoppedWithinASecondAndTheNextStartsOnAFreshChat() throws Exception {
        var state = stack.app.simulator().state();
        for (boolean stream : new boolean[] {false, true}) {
            int abandoned = state.abandonedAt().size();
            int prompts = state.prompts().size();
            Socket client = Http.rawPost(stack.app.port(), "/v1/chat/completions", Http.chatBody("[[sim:long=3000]] [[sim:pace=20]] leaving", stream));
            long end = System.nanoTime() + 30_000_000_000L;
            while (state.prompts().size() == prompts && System.nanoTime() < end) Thread.sleep(10);
            while (state.lastGenerationEmissions().size() < 10 && System.nanoTime() < end) Thread.sleep(10);
            assertTrue(state.lastGenerationEmissions().size() >= 10, "the run is generating");
            long left = System.nanoTime();
            client.close();
            while (state.abandonedAt().size() == abandoned && System.nanoTime() < end) Thread.sleep(5);
            assertTrue(state.abandonedAt().size() > abandoned, "the run was stopped on the page");
            long ms = (state.abandonedAt().getLast() - left) / 1_000_000;
            assertTrue(ms < 1000, "stopped " + ms + " ms after the client left (stream=" + stream + ")");
            System.out.println("run_stopped_after_client_left ms=" + ms + " stream=" + stream + " ui=" + System.getProperty("simulator.ui", "current"));
            var next = ask("gemini-2.5-pro", "[[sim:echo-settings]] after leaving", false);
            assertTrue(next.body().contains("history=0\\n"), "the next request starts on a fresh chat: " + next.body());
        }
    }
}
