package aistudioproxy.faults;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole product (real Chromium, real stream-proxy process, simulator) for a class of fault
 * tests, as a JUnit extension ({@code @RegisterExtension static final FaultStack faults = …}):
 * started before the class, closed after it, and after each test the invariants every fault must
 * leave intact are checked ({@link #checkRecovered()}: lock free, queue empty, the next request
 * served, one browser, one proxy, no leaked threads).
 */
final class FaultStack implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final String dataDir;
    private final Map<Setting, String> overrides;
    SimStack stack;
    private int baselineThreads;

    /** Tier 1 on a free port, short timeouts, and {@code overrides} on top. */
    FaultStack(String dataDir, Map<Setting, String> overrides) {
        this.dataDir = dataDir;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.putAll(Map.of(Setting.STREAM_PORT, Integer.toString(port), Setting.DATA_DIR, dataDir,
                Setting.STREAM_FIRST_EVENT_TIMEOUT_MS, "3000", Setting.FIRST_TOKEN_TIMEOUT_MS, "5000",
                Setting.GENERATION_TIMEOUT_MS, "8000", Setting.KEEPALIVE_INTERVAL_MS, "200"));
        s.putAll(overrides);
        stack = new SimStack(s);
        long end = System.nanoTime() + 20_000_000_000L;
        while (!stack.app.chain().tiers().getFirst().healthy() && System.nanoTime() < end) Thread.sleep(50);
        assertEquals(200, ask("[[sim:say warm]]", false).statusCode());
        baselineThreads = Thread.getAllStackTraces().size();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        checkRecovered();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) stack.close();
    }

    HttpResponse<String> ask(String prompt, boolean stream) throws Exception {
        return Http.post(stack.chat(), body(prompt, stream));
    }

    Socket open(String prompt, boolean stream) throws Exception {
        return Http.rawPost(stack.app.port(), "/v1/chat/completions", body(prompt, stream));
    }

    private static String body(String prompt, boolean stream) {
        return "{\"model\":\"gemini-2.5-flash\",\"stream\":" + stream + ",\"reasoning_effort\":\"none\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    static void waitFor(BooleanSupplier c, String what, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out: " + what);
            Thread.sleep(20);
        }
    }

    /** Browser root processes under this JVM: Chromium processes whose parent is not Chromium (renderers, GPU, zygotes are). */
    static List<ProcessHandle> browsers() {
        return ProcessHandle.current().descendants().filter(p -> isChromium(p) && !p.parent().map(FaultStack::isChromium).orElse(false)).toList();
    }

    private static boolean isChromium(ProcessHandle p) {
        return p.info().command().orElse("").contains("chromium");
    }

    /** Processes under this JVM whose command line mentions {@code marker}. */
    static long processes(String marker) {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains(marker)).count();
    }

    /** The invariants every fault must leave intact. */
    void checkRecovered() throws Exception {
        waitFor(() -> !stack.app.queue().isLocked() && stack.app.queue().waitingCount() == 0, "lock released and queue empty", 30);
        var next = ask("[[sim:say still serving]]", false);
        assertEquals(200, next.statusCode(), next.body());
        assertTrue(next.body().contains("still serving"));
        waitFor(() -> processes("StreamProxyMain") == 1, "exactly one stream-proxy process", 30);
        waitFor(() -> browsers().size() == 1, "exactly one browser process", 30);
        waitFor(() -> Thread.getAllStackTraces().size() <= baselineThreads + 6,
                "no leaked platform threads (baseline " + baselineThreads + ", now " + Thread.getAllStackTraces().size() + ")", 30);
    }

    /** Exactly one terminal: one JSON answer, or one stream ending in one [DONE]. */
    static void answeredOnce(String body, boolean stream) {
        if (stream) {
            assertEquals(1, body.split("data: \\[DONE]", -1).length - 1, "one [DONE]: " + body);
            assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        } else {
            assertTrue(body.startsWith("{") && body.endsWith("}") && (body.contains("\"choices\"") ^ body.contains("\"error\"")), body);
        }
    }
}
