package aistudioproxy.helper;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import aistudioproxy.tier.TierName;
import aistudioproxy.tls.ClientContexts;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 2 in simulator mode. The Helper endpoint is a small switchboard in front of the
 * simulator's Helper: it passes requests through, or fails in the ways a real Helper does.
 */
class HelperTierTest {
    enum Mode { PASS, HTTP_500, HANG, RESET }

    static volatile Mode mode = Mode.PASS;
    static HttpServer switchboard;
    static int switchboardPort;
    static SimStack stack;

    @BeforeAll
    static void start() throws Exception {
        switchboard = startSwitchboard(0);
        switchboardPort = switchboard.getAddress().getPort();
        stack = new SimStack(Map.of(
                Setting.GUI_DEFAULT_HELPER_ENDPOINT, "http://127.0.0.1:" + switchboardPort + "/helper",
                Setting.HELPER_FIRST_BYTE_TIMEOUT_MS, "700",
                Setting.HELPER_CONNECT_TIMEOUT_MS, "700"));
    }

    @AfterAll
    static void stop() {
        stack.close();
        switchboard.stop(0);
    }

    static HttpServer startSwitchboard(int port) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        HttpClient upstream = HttpClient.newBuilder().sslContext(ClientContexts.trustingSimulator()).build();
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/helper", ex -> {
            try {
                switch (mode) {
                    case HTTP_500 -> ex.sendResponseHeaders(500, -1);
                    case HANG -> Thread.sleep(5000);
                    case RESET -> throw new IllegalStateException("reset");
                    case PASS -> {
                        HttpResponse<InputStream> r = upstream.send(HttpRequest.newBuilder(stack.app.simulator().helperUrl())
                                .header("Cookie", ex.getRequestHeaders().getFirst("Cookie")).build(), HttpResponse.BodyHandlers.ofInputStream());
                        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
                        ex.sendResponseHeaders(r.statusCode(), 0);
                        try (InputStream in = r.body(); OutputStream out = ex.getResponseBody()) {
                            byte[] b = new byte[1024];
                            for (int n; (n = in.read(b)) > 0; ) {
                                out.write(b, 0, n);
                                out.flush();
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        s.start();
        return s;
    }

    static HttpResponse<String> ask(String prompt, boolean stream) throws Exception {
        return Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    @Test
    void helperAnswersWhenItWorks() throws Exception {
        mode = Mode.PASS;
        var r = ask("[[sim:say from the helper]]", false);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("helper", r.headers().firstValue("X-Response-Tier").orElseThrow());
        assertEquals("from the helper", Http.contentOf(r.body()));
        assertTrue(r.body().contains("\"reasoning_content\":\"Considering"), r.body());
        var s = ask("[[sim:say streamed by helper]]", true);
        assertTrue(s.body().contains(": x-response-tier: helper"), s.body());
        assertEquals("streamed by helper", Http.contentOf(s.body()));
    }

    @Test
    void everyHelperFailureFallsBackToThePageWithoutDuplicatedText() throws Exception {
        long before = stack.app.chain().stats(TierName.HELPER).snapshot().fallbacks();
        for (Mode m : new Mode[] {Mode.HTTP_500, Mode.HANG, Mode.RESET}) {
            mode = m;
            for (boolean stream : new boolean[] {false, true}) {
                var r = ask("[[sim:say exactly once]]", stream);
                assertEquals(200, r.statusCode(), m + ": " + r.body());
                assertTrue(stream ? r.body().contains(": x-response-tier: page") : r.headers().firstValue("X-Response-Tier").orElseThrow().equals("page"), m + " " + r.body());
                assertEquals("exactly once", Http.contentOf(r.body()), m + " stream=" + stream);
            }
        }
        long after = stack.app.chain().stats(TierName.HELPER).snapshot().fallbacks();
        assertEquals(before + 6, after);
        var info = Http.get(stack.base() + "/api/info");
        assertTrue(info.body().contains("\"helper\":{\"answers\":"), info.body());
        var health = Http.get(stack.base() + "/health");
        assertTrue(health.body().contains("\"helper\":{\"enabled\":true,\"healthy\":true,\"last_error\":\""), health.body());
        mode = Mode.PASS;
    }

    @Test
    void refusedConnectionFallsBackToThePage() throws Exception {
        switchboard.stop(0);
        try {
            var r = ask("[[sim:say page after refusal]]", false);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("page", r.headers().firstValue("X-Response-Tier").orElseThrow());
            assertEquals("page after refusal", Http.contentOf(r.body()));
        } finally {
            switchboard = startSwitchboard(switchboardPort);
        }
    }

    @Test
    void forcedHelperTierFailsInsteadOfFallingBack() throws Exception {
        mode = Mode.HTTP_500;
        var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of("X-Tier", "helper"));
        assertEquals(502, r.statusCode(), r.body());
        mode = Mode.PASS;
        var ok = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say forced]]\"}]}", Map.of("X-Tier", "helper"));
        assertEquals("helper", ok.headers().firstValue("X-Response-Tier").orElseThrow());
    }
}
