package aistudioproxy.simulator;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's RPCs seen by a test client: the wire format, its pacing, and every fault script. */
class SimulatorWireTest {
    static Simulator sim;
    static HttpClient http;
    static String sapisid;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(new SimOptions(0, Duration.ofMillis(30), Duration.ofMillis(50), false));
        http = HttpClient.newBuilder().sslContext(aistudioproxy.tls.ClientContexts.trustingSimulator()).connectTimeout(Duration.ofSeconds(5)).build();
        var page = http.send(HttpRequest.newBuilder(sim.pageUrl()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("<ms-chunk-editor>"), "the current layout's prompt box");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        sapisid = cookie.substring(8, cookie.indexOf(';'));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static String origin() {
        URI u = sim.pageUrl();
        return u.getScheme() + "://" + u.getHost() + ":" + u.getPort();
    }

    static String auth() throws Exception {
        long ts = System.currentTimeMillis() / 1000;
        byte[] d = MessageDigest.getInstance("SHA-1").digest((ts + " " + sapisid + " " + origin()).getBytes(StandardCharsets.UTF_8));
        return "SAPISIDHASH " + ts + "_" + HexFormat.of().formatHex(d);
    }

    static HttpRequest.Builder rpc(String method, String body) throws Exception {
        return HttpRequest.newBuilder(URI.create(sim.rpcOrigin() + RpcRoutes.SERVICE + method))
                .header("Content-Type", "application/json+protobuf").header("X-User-Agent", "grpc-web-javascript/0.1")
                .header("Authorization", auth()).header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static String generateBody(String prompt, boolean thinking) {
        String p = prompt.replace("\\", "\\\\").replace("\"", "\\\"");
        return "[\"models/gemini-2.5-pro\",[[[[null,\"" + p + "\"]],\"user\"]],null,"
                + "[null,null,null,500,0.5,0.9,64,null,null,null,null,null,null,null,null,null,[" + (thinking ? 1 : 0) + ",-1]],null]";
    }

    /** A unit X = [[P],"model"] with the time it was complete in the stream. */
    record Unit(JsonValue.Arr part, long atMillis) {}

    /** Reads the stream, extracting units as they complete; stops at end of body or after {@code maxMillis}. */
    static List<Unit> read(InputStream in, long maxMillis) throws IOException {
        List<Unit> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        long t0 = System.nanoTime();
        int pos = 0;
        byte[] buf = new byte[4096];
        CompletableFuture<Integer> pending = null;
        while (true) {
            int n;
            try {
                final InputStream src = in;
                pending = CompletableFuture.supplyAsync(() -> {
                    try {
                        return src.read(buf);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                n = pending.get(Math.max(1, maxMillis - (System.nanoTime() - t0) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return out;
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause().getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (n < 0) return out;
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            while (true) {
                int start = text.indexOf("[[[null,", pos);
                if (start < 0) break;
                int end = close(text, start);
                if (end < 0) break;
                pos = end;
                try {
                    JsonValue.Arr x = (JsonValue.Arr) Json.parse(text.substring(start, end));
                    out.add(new Unit((JsonValue.Arr) ((JsonValue.Arr) x.get(0)).get(0), (System.nanoTime() - t0) / 1_000_000));
                } catch (Exception malformed) {
                    out.add(new Unit(null, -1));
                }
            }
        }
    }

    static int close(CharSequence t, int i) {
        int depth = 0;
        boolean str = false;
        for (int j = i; j < t.length(); j++) {
            char c = t.charAt(j);
            if (str) {
                if (c == '\\') j++;
                else if (c == '"') str = false;
            } else if (c == '"') str = true;
            else if (c == '[') depth++;
            else if (c == ']' && --depth == 0) return j + 1;
        }
        return -1;
    }

    static HttpResponse<InputStream> generate(String prompt, boolean thinking) throws Exception {
        return http.send(rpc("GenerateContent", generateBody(prompt, thinking)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void listModelsHasTheObservedShape() throws Exception {
        var r = http.send(rpc("ListModels", "[]").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().startsWith(")]}'\n[[[\"models/gemini-2.5-pro\",null,"), r.body());
        JsonValue.Arr entries = (JsonValue.Arr) ((JsonValue.Arr) Json.parse(r.body().substring(5))).get(0);
        JsonValue.Arr first = (JsonValue.Arr) entries.get(0);
        assertEquals("Gemini 2.5 Pro", ((JsonValue.Str) first.get(3)).value());
        assertEquals("65536", ((JsonValue.Num) first.get(6)).text());
        assertEquals("0.95", ((JsonValue.Num) first.get(9)).text());
    }

    @Test
    void textArrivesIncrementallyInTheWireFormat() throws Exception {
        var r = generate("[[sim:long=12]] go", true);
        assertEquals(200, r.statusCode());
        assertEquals("application/json+protobuf; charset=UTF-8", r.headers().firstValue("Content-Type").orElseThrow());
        List<Unit> units = read(r.body(), 10_000);
        List<Unit> thoughts = units.stream().filter(u -> u.part().size() == 13).toList();
        List<Unit> texts = units.stream().filter(u -> u.part().size() == 2).toList();
        assertFalse(thoughts.isEmpty(), "thinking parts come first when thinking is on");
        assertEquals(12, texts.size());
        assertTrue(thoughts.getLast().atMillis() <= texts.getFirst().atMillis());
        for (Unit u : texts) assertEquals(JsonValue.Null.INSTANCE, u.part().get(0));
        long spread = texts.getLast().atMillis() - texts.getFirst().atMillis();
        assertTrue(spread >= 11 * 30 / 2, "tokens arrive over time, not at once: spread " + spread + " ms");
    }

    @Test
    void gzipBodyStillArrivesIncrementally() throws Exception {
        var r = http.send(rpc("GenerateContent", generateBody("[[sim:long=8]] [[sim:pace=60]]", false)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElseThrow());
        List<Unit> units = read(new GZIPInputStream(r.body(), 64), 10_000);
        assertEquals(8, units.size());
        assertTrue(units.getLast().atMillis() - units.getFirst().atMillis() >= 7 * 60 / 2, "flushed per chunk through gzip");
    }

    @Test
    void settingsThatArrivedAreEchoed() throws Exception {
        var r = generate("[[sim:echo-settings]] hi", false);
        StringBuilder text = new StringBuilder();
        for (Unit u : read(r.body(), 10_000)) text.append(((JsonValue.Str) u.part().get(1)).value());
        assertTrue(text.toString().contains("temperature=0.50\ntop_p=0.90\nmax_tokens=500\n"), text.toString());
    }

    @Test
    void httpFaultsAnswerWithTheirStatus() throws Exception {
        assertEquals(429, http.send(rpc("GenerateContent", generateBody("[[sim:http429]]", false)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(500, http.send(rpc("GenerateContent", generateBody("[[sim:http500]]", false)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        var quota = http.send(rpc("GenerateContent", generateBody("[[sim:quota]]", false)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, quota.statusCode());
        assertTrue(quota.body().contains("RESOURCE_EXHAUSTED"));
    }

    @Test
    void malformedChunkBreaksTheJson() throws Exception {
        var r = http.send(rpc("GenerateContent", generateBody("[[sim:malformed]] x", false)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertThrows(Exception.class, () -> Json.parse(r.body()));
        assertTrue(r.body().contains("broken"));
    }

    @Test
    void hangSendsNothingAndHangMidStopsAfterThreeTokens() throws Exception {
        var hang = generate("[[sim:hang]]", false);
        assertTrue(read(hang.body(), 800).isEmpty(), "no unit after the headers");
        hang.body().close();
        var mid = generate("[[sim:hang-mid]] [[sim:long=10]]", false);
        assertEquals(3, read(mid.body(), 1500).size(), "three tokens, then silence");
        mid.body().close();
    }

    @Test
    void dropCutsTheConnectionMidBody() throws Exception {
        var r = generate("[[sim:drop]] [[sim:long=10]]", false);
        List<Unit> seen = new ArrayList<>();
        assertThrows(IOException.class, () -> seen.addAll(read(r.body(), 5000)));
    }

    @Test
    void slowFirstTokenDelaysOnlyTheFirst() throws Exception {
        long t0 = System.nanoTime();
        var r = generate("[[sim:slow-first=700]] [[sim:long=3]]", false);
        List<Unit> units = read(r.body(), 5000);
        assertTrue(units.getFirst().atMillis() + (System.nanoTime() - t0) / 1_000_000 >= 700);
        assertEquals(3, units.size());
    }

    @Test
    void thinkOnlyHasNoAnswerText() throws Exception {
        List<Unit> units = read(generate("[[sim:think-only]]", false).body(), 5000);
        assertFalse(units.isEmpty());
        assertTrue(units.stream().allMatch(u -> u.part().size() == 13));
    }

    @Test
    void unauthenticatedCallsAreRefused() throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(sim.rpcOrigin() + RpcRoutes.SERVICE + "GenerateContent"))
                .POST(HttpRequest.BodyPublishers.ofString(generateBody("hi", false))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
    }

    @Test
    void helperStreamsTheGenerationThePageStarted() throws Exception {
        var rpc = generate("[[sim:say helper sees this]]", true);
        var helper = CompletableFuture.supplyAsync(() -> {
            try {
                return http.send(HttpRequest.newBuilder(sim.helperUrl()).header("Cookie", "SAPISID=" + sapisid).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        read(rpc.body(), 10_000);
        String sse = helper.get(10, TimeUnit.SECONDS);
        assertTrue(sse.contains("\"delta\":{\"reasoning_content\":\"Considering "), sse);
        assertTrue(sse.contains("\"delta\":{\"content\":\"helper \"}"), sse);
        assertTrue(sse.contains("\"finish_reason\":\"stop\""), sse);
        assertTrue(sse.endsWith("data: [DONE]\n\n"), sse);
        var unknown = http.send(HttpRequest.newBuilder(sim.helperUrl()).header("Cookie", "SAPISID=nope").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unknown.statusCode());
    }

    @Test
    void jsErrorsAreRecorded() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(origin() + PageRoutes.JSERROR_PATH + "?error=Failed%20to%20generate%20content%3A%20RESOURCE_EXHAUSTED"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertTrue(sim.state().jsErrors().contains("Failed to generate content: RESOURCE_EXHAUSTED"));
    }
}
