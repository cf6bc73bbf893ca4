import aistudioproxy.app.Application;
import aistudioproxy.config.ConfigLoader;
import aistudioproxy.config.Setting;
import aistudioproxy.page.PageController;
import aistudioproxy.streamproxy.ProxyOptions;
import aistudioproxy.streamproxy.StreamProxy;
import aistudioproxy.tier.Timeline;
import aistudioproxy.tls.ClientContexts;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline in simulator mode (real Chromium, real proxy process), measured from a client:
 * per tier TTFT and total for a short and a long answer, each against the physical floor (the
 * simulator answering a direct client); per-chunk latency the tier-1 path adds over the
 * simulator's emission; the MITM's own per-chunk cost against a direct TLS connection (split into
 * the cost of any hop and of the interception); chunk throughput; page-tier completion
 * detection; the proxy JVM's idle RSS. Prints one JSON object.
 *
 *   java -cp target/aistudio-proxy.jar bench/java/PipelineBench.java [runs [long-answer-words]]
 *   java -cp target/aistudio-proxy.jar bench/java/PipelineBench.java mitm [runs]   (only the MITM figures: over direct, tunnel, host hop)
 */
public class PipelineBench {
    static Application app;
    static HttpClient http = HttpClient.newHttpClient();
    static String chat;

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Throwable t) {
            // Exit for real: the application's own threads would otherwise keep this JVM, its browser and proxy alive.
            t.printStackTrace();
            System.exit(1);
        }
    }

    static void measure(String[] args) throws Exception {
        boolean mitmOnly = args.length > 0 && args[0].equals("mitm");
        boolean promptsOnly = args.length > 0 && args[0].equals("prompts");
        if (mitmOnly || promptsOnly) args = java.util.Arrays.copyOfRange(args, 1, args.length);
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int longWords = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int streamPort;
        try (ServerSocket s = new ServerSocket(0)) {
            streamPort = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("bench-data");
        Map<Setting, String> cfg = new EnumMap<>(Setting.class);
        cfg.put(Setting.SIMULATOR, "true");
        cfg.put(Setting.PORT, "0");
        cfg.put(Setting.STREAM_PORT, Integer.toString(streamPort));
        cfg.put(Setting.GUI_DEFAULT_HELPER_ENDPOINT, "simulator");
        cfg.put(Setting.SMART_DELAY, "false");
        cfg.put(Setting.DATA_DIR, data.toString());
        cfg.put(Setting.KEY_FILE, data.resolve("none").toString());
        cfg.put(Setting.LOG_LEVEL, "WARNING");
        java.util.logging.LogManager.getLogManager().reset();
        long t0 = System.nanoTime();
        app = Application.start(ConfigLoader.load(cfg, Map.of(), Map.of()));
        long listening = System.nanoTime();
        while (!app.ready() || !app.chain().tiers().getFirst().healthy()) {
            if (System.nanoTime() - t0 > 120_000_000_000L) throw new IllegalStateException("not ready after 120 s: " + app.page().notReadyReason());
            Thread.sleep(10);
        }
        long ready = System.nanoTime();
        chat = "http://127.0.0.1:" + app.port() + "/v1/chat/completions";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        out.put("inprocess_start_to_listening_ms", (listening - t0) / 1_000_000);
        out.put("inprocess_start_to_ready_ms", (ready - t0) / 1_000_000);
        if (promptsOnly) {
            String f = promptFigures(runs);
            promptTable(f);
            System.out.println(f);
            app.close();
            System.exit(0);
        }
        if (mitmOnly) {
            String m = mitmOverhead(data, runs);
            mitmTable(m);
            System.out.println("{\"runs\":" + runs + ",\"mitm_vs_direct_tls\":" + m + "}");
            app.close();
            System.exit(0);
        }
        for (int i = 0; i < 3; i++) for (String tier : List.of("stream-proxy", "helper", "page")) stream("[[sim:say warm up]]", tier);

        String shortPrompt = "[[sim:no-think]] [[sim:say The quick brown fox jumps over the lazy dog.]]";
        String longPrompt = "[[sim:no-think]] [[sim:long=" + longWords + "]] [[sim:pace=15]] story";
        Floor shortFloor = floor(shortPrompt, runs), longFloor = floor(longPrompt, runs);
        out.put("floor_short", shortFloor.json());
        out.put("floor_long", longFloor.json());
        for (String tier : List.of("stream-proxy", "helper", "page")) {
            for (var c : List.of(Map.entry("short", shortPrompt), Map.entry("long", longPrompt))) {
                List<Double> ttft = new ArrayList<>(), total = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    Timed t = stream(c.getValue(), tier);
                    ttft.add(t.ttftMs);
                    total.add(t.totalMs);
                }
                if (tier.equals("stream-proxy") && c.getKey().equals("short")) out.put("tier1_short_steps_p50_ms", steps(app, runs));
                Floor f = c.getKey().equals("short") ? shortFloor : longFloor;
                out.put(tier + "_" + c.getKey(), "{\"ttft_p50_ms\":" + r(p(ttft, 50)) + ",\"ttft_p99_ms\":" + r(p(ttft, 99))
                        + ",\"total_p50_ms\":" + r(p(total, 50)) + ",\"ttft_ratio_to_floor\":" + r(p(ttft, 50) / f.ttft)
                        + ",\"total_ratio_to_floor\":" + r(p(total, 50) / f.total) + ",\"ttft_minus_floor_ms\":" + r(p(ttft, 50) - f.ttft) + "}");
            }
        }
        // Per-chunk latency added by the tier-1 path: client arrival minus simulator emission, chunk by chunk.
        List<Double> added = new ArrayList<>(), firstAdded = new ArrayList<>();
        for (int i = 0; i < Math.max(3, runs / 2) + 1; i++) {
            Timed t = stream("[[sim:no-think]] [[sim:long=200]] [[sim:pace=10]] chunks", "stream-proxy");
            if (i == 0) continue; // warm-up
            List<Long> emitted = app.simulator().state().lastGenerationEmissions();
            firstAdded.add((t.chunkNanos.getFirst() - emitted.getFirst()) / 1e6);
            for (int k = 0; k < Math.min(emitted.size(), t.chunkNanos.size()); k++) added.add((t.chunkNanos.get(k) - emitted.get(k)) / 1e6);
        }
        out.put("tier1_added_per_chunk", "{\"p50_ms\":" + r(p(added, 50)) + ",\"p99_ms\":" + r(p(added, 99)) + ",\"chunks\":" + added.size()
                + ",\"first_token_p50_ms\":" + r(p(firstAdded, 50)) + "}");
        // Throughput: an answer with no pacing, through the whole tier-1 path.
        Timed burst = stream("[[sim:no-think]] [[sim:long=3000]] [[sim:pace=0]] burst", "stream-proxy");
        out.put("tier1_throughput_chunks_per_s", r(burst.chunkNanos.size() / ((burst.chunkNanos.getLast() - burst.chunkNanos.getFirst()) / 1e9)));
        // Page tier: last token emitted to answer read, and the page's own preparation costs.
        List<Double> detect = new ArrayList<>(), prepare = new ArrayList<>(), fillClick = new ArrayList<>();
        PageController page = app.page();
        for (int i = 0; i < runs; i++) {
            stream("[[sim:no-think]] [[sim:long=30]] detect", "page");
            List<Long> emitted = app.simulator().state().lastGenerationEmissions();
            detect.add((page.lastAnswerReadNanos() - emitted.getLast()) / 1e6);
            prepare.add(page.lastTimings().prepareNanos() / 1e6);
            fillClick.add(page.lastTimings().submitNanos() / 1e6);
        }
        out.put("page_last_token_to_answer_read", "{\"p50_ms\":" + r(p(detect, 50)) + ",\"p99_ms\":" + r(p(detect, 99)) + "}");
        out.put("page_prepare_ms_p50", r(p(prepare, 50)));
        out.put("page_fill_and_click_ms_p50", r(p(fillClick, 50)));
        out.put("mitm_vs_direct_tls", mitmOverhead(data, runs));
        Thread.sleep(2000);
        long pid = app.streamProxy().handle().pid();
        out.put("proxy_idle_rss_kb", procKb(pid, "status", "VmRSS:"));
        out.put("proxy_peak_rss_kb", procKb(pid, "status", "VmHWM:"));
        // Proportional set size: file pages (libjvm.so, the modules image) shared with the main JVM count half.
        out.put("proxy_idle_pss_kb", procKb(pid, "smaps_rollup", "Pss:"));
        table(out);
        StringBuilder json = new StringBuilder("{");
        out.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        System.out.println(json.append('}'));
        app.close();
        System.exit(0);
    }

    /**
     * The p50 of each step (queue hand-off, smart delay, preparation, fill, click, the browser's
     * request to the proxy, the model's first part, delivery) over the last {@code n} jobs, from
     * the server's own timelines (the same as {@code GET /api/timings}).
     */
    static String steps(Application app, int n) {
        var jobs = app.queue().timings().snapshot();
        jobs = jobs.subList(Math.max(0, jobs.size() - n), jobs.size());
        StringBuilder b = new StringBuilder("{");
        for (Timeline.Step step : Timeline.Step.values()) {
            List<Double> ms = new ArrayList<>();
            for (var j : jobs) if (j.steps().containsKey(step.wire())) ms.add(j.steps().get(step.wire()));
            if (!ms.isEmpty()) b.append(b.length() > 1 ? "," : "").append('"').append(step.wire()).append("\":").append(r(p(ms, 50)));
        }
        return b.append('}').toString();
    }

    /** One job's steps, in order, as JSON. */
    static String stepsOf(aistudioproxy.queue.RecentTimings.JobTiming job) {
        StringBuilder b = new StringBuilder("{");
        job.steps().forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(r(v)));
        return b.append('}').toString();
    }

    /** A readable table of the figures on stderr (stdout carries the JSON). */
    static void table(Map<String, Object> out) {
        java.io.PrintStream e = System.err;
        e.printf("%n%-58s %12s %12s%n", "pipeline (simulator mode, real Chromium)", "value", "target");
        for (String tier : List.of("stream-proxy", "helper", "page")) {
            for (String len : List.of("short", "long")) {
                String v = String.valueOf(out.get(tier + "_" + len));
                e.printf("%-58s %12s %12s%n", tier + " " + len + ": TTFT p50 ms (x floor)", field(v, "ttft_p50_ms") + " (" + field(v, "ttft_ratio_to_floor") + "x)", "-");
                e.printf("%-58s %12s %12s%n", tier + " " + len + ": total p50 ms (x floor)", field(v, "total_p50_ms") + " (" + field(v, "total_ratio_to_floor") + "x)", "-");
            }
        }
        e.printf("%-58s %12s %12s%n", "tier 1 short: TTFT over the floor p50 (ms)", field(String.valueOf(out.get("stream-proxy_short")), "ttft_minus_floor_ms"), "<= 50");
        e.printf("%-58s %12s%n", "tier 1 short: p50 ms per step to the first token", "");
        String st = String.valueOf(out.get("tier1_short_steps_p50_ms"));
        for (Timeline.Step step : Timeline.Step.values()) {
            String v = field(st, step.wire());
            if (!v.equals("?")) e.printf("%-58s %12s %12s%n", "  " + step.wire(), v, "-");
        }
        String t1 = String.valueOf(out.get("tier1_added_per_chunk"));
        e.printf("%-58s %12s %12s%n", "tier 1 path, added per chunk p50 / p99 (ms)", field(t1, "p50_ms") + " / " + field(t1, "p99_ms"), "<= 2 p50");
        e.printf("%-58s %12s %12s%n", "tier 1 path, first token after simulator emits it (ms)", field(t1, "first_token_p50_ms"), "<= 50");
        e.printf("%-58s %12s %12s%n", "tier 1 throughput (chunks/s)", out.get("tier1_throughput_chunks_per_s"), "-");
        mitmTable(String.valueOf(out.get("mitm_vs_direct_tls")));
        String d = String.valueOf(out.get("page_last_token_to_answer_read"));
        e.printf("%-58s %12s %12s%n", "page tier: last token -> answer read p50 / p99 (ms)", field(d, "p50_ms") + " / " + field(d, "p99_ms"), "<= 100");
        e.printf("%-58s %12s %12s%n", "page tier: prepare / fill+click p50 (ms)", out.get("page_prepare_ms_p50") + " / " + out.get("page_fill_and_click_ms_p50"), "-");
        e.printf("%-58s %12s %12s%n", "stream proxy JVM idle RSS (MB)", mb(out.get("proxy_idle_rss_kb")), "<= 48");
        e.printf("%-58s %12s %12s%n", "stream proxy JVM peak RSS / idle PSS (MB)", mb(out.get("proxy_peak_rss_kb")) + " / " + mb(out.get("proxy_idle_pss_kb")), "-");
    }

    /**
     * Warm start and long prompts, on a server just started: the TTFT of the first request after
     * start against the tenth's, then for prompts of 10 KB, 100 KB and 1 MB the time to put the
     * prompt in (files attached, box filled) and to start the run, and the TTFT.
     */
    static String promptFigures(int runs) throws Exception {
        String shortPrompt = "[[sim:no-think]] [[sim:say The quick brown fox jumps over the lazy dog.]]";
        List<Double> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) first.add(stream(shortPrompt, "stream-proxy").ttftMs);
        StringBuilder b = new StringBuilder("{\"first_request_ttft_ms\":" + r(first.getFirst()) + ",\"tenth_request_ttft_ms\":" + r(first.getLast())
                + ",\"first_to_tenth\":" + r(first.getFirst() / first.getLast()) + ",\"first_request_steps_ms\":" + stepsOf(app.queue().timings().snapshot().getFirst()));
        PageController page = app.page();
        for (int size : new int[] {10_000, 100_000, 1 << 20}) {
            List<Double> in = new ArrayList<>(), start = new ArrayList<>(), ttft = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                StringBuilder p = new StringBuilder(size + 64);
                for (int k = 0; p.length() < size; k++) p.append("Line ").append(k).append(": the quick brown fox jumps over the lazy dog ").append(k * 7919 % 10007).append(".\n");
                ttft.add(stream(p.append("[[sim:no-think]] [[sim:say ok]]").toString(), "stream-proxy").ttftMs);
                var t = page.lastTimings();
                in.add((t.filledAtNanos() - t.preparedAtNanos()) / 1e6);
                start.add((t.clickedAtNanos() - t.filledAtNanos()) / 1e6);
            }
            String k = size >= 1 << 20 ? "1mb" : (size / 1000) + "kb";
            b.append(",\"prompt_").append(k).append("\":{\"in_p50_ms\":").append(r(p(in, 50))).append(",\"run_start_p50_ms\":").append(r(p(start, 50)))
                    .append(",\"in_and_start_p50_ms\":").append(r(p(in, 50) + p(start, 50))).append(",\"ttft_p50_ms\":").append(r(p(ttft, 50)))
                    .append(",\"steps_p50_ms\":").append(steps(app, runs)).append('}');
        }
        return b.append('}').toString();
    }

    static void promptTable(String f) {
        java.io.PrintStream e = System.err;
        e.printf("%n%-58s %12s %12s%n", "warm start and long prompts (simulator mode)", "value", "target");
        e.printf("%-58s %12s %12s%n", "first request after start: TTFT ms / tenth's (ratio)", field(f, "first_request_ttft_ms") + " / "
                + field(f, "tenth_request_ttft_ms") + " (" + field(f, "first_to_tenth") + "x)", "<= 2x");
        for (String k : List.of("10kb", "100kb", "1mb")) {
            String v = f.substring(f.indexOf("\"prompt_" + k + "\""));
            e.printf("%-58s %12s %12s%n", "prompt " + k + ": in + run start p50 ms (TTFT)", field(v, "in_p50_ms") + " + " + field(v, "run_start_p50_ms")
                    + " (" + field(v, "ttft_p50_ms") + ")", "<= 1000");
        }
    }

    /** The MITM figure and its parts, as table rows on stderr. */
    static void mitmTable(String m) {
        java.io.PrintStream e = System.err;
        e.printf("%-58s %12s %12s%n", "MITM added per chunk over direct TLS p50 / p99 (ms)", field(m, "added_p50_ms") + " / " + field(m, "added_p99_ms"), "0.15 / 0.35");
        e.printf("%-58s %12s %12s%n", "  of which any hop: CONNECT tunnel over direct p50 / p99 (ms)", field(m, "tunnel_added_p50_ms") + " / " + field(m, "tunnel_added_p99_ms"), "-");
        e.printf("%-58s %12s %12s%n", "  of which interception: MITM over tunnel p50 / p99 (ms)", field(m, "mitm_over_tunnel_p50_ms") + " / " + field(m, "mitm_over_tunnel_p99_ms"), "-");
        e.printf("%-58s %12s %12s%n", "  host: one loopback TCP hop, write to read p50 / p99 (ms)", field(m, "host_hop_p50_ms") + " / " + field(m, "host_hop_p99_ms"), "-");
    }

    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":([-0-9.]+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    record Timed(double ttftMs, double totalMs, List<Long> chunkNanos) {}

    static Timed stream(String prompt, String tier) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(chat)).header("X-Tier", tier).POST(HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"gemini-2.5-pro\",\"stream\":true,\"reasoning_effort\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":" + aistudioproxy.json.JsonWriter.quote(prompt) + "}]}")).build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        List<Long> chunks = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains("\"delta\":{\"content\"")) chunks.add(System.nanoTime());
                if (line.contains("\"error\"")) throw new IllegalStateException(tier + " failed: " + line);
                if (line.equals("data: [DONE]")) break;
            }
        }
        long end = System.nanoTime();
        if (chunks.isEmpty()) throw new IllegalStateException(tier + ": no content");
        return new Timed((chunks.getFirst() - t0) / 1e6, (end - t0) / 1e6, chunks);
    }

    record Floor(double ttft, double total) {
        String json() {
            return "{\"ttft_ms\":" + r(ttft) + ",\"total_ms\":" + r(total) + "}";
        }
    }

    /** The simulator answering a client that talks to its RPC directly: no browser, no proxy. */
    static Floor floor(String prompt, int runs) throws Exception {
        List<Double> ttft = new ArrayList<>(), total = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<Long> arrivals = new ArrayList<>();
            long t0 = System.nanoTime();
            rpc(prompt, null, arrivals);
            ttft.add((arrivals.getFirst() - t0) / 1e6);
            total.add((System.nanoTime() - t0) / 1e6);
        }
        return new Floor(p(ttft, 50), p(total, 50));
    }

    /**
     * Per-chunk arrival minus emission for the RPC read three ways: directly over TLS, through the
     * proxy as a plain CONNECT tunnel (bytes passed untouched: the cost of any extra hop on this
     * host), and through the MITM (TLS terminated, HTTP parsed, answer tapped). The figure
     * is MITM minus direct; MITM minus tunnel is what the interception itself costs. The host's
     * own price for one loopback hop at the same pacing is measured beside them.
     */
    static String mitmOverhead(Path data, int runs) throws Exception {
        URI rpc = app.simulator().rpcOrigin();
        int pace = 5;
        try (StreamProxy mitmProxy = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of(rpc.getHost() + ":" + rpc.getPort()), null,
                data.resolve("mitm-bench"), true));
             StreamProxy tunnelProxy = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of(), null, data.resolve("tunnel-bench"), true,
                     List.of(rpc.getPort())))) {
            mitmProxy.start();
            tunnelProxy.start();
            List<Double> direct = new ArrayList<>(), tunnel = new ArrayList<>(), mitm = new ArrayList<>();
            for (int i = 0; i < Math.max(3, runs / 2) + 2; i++) {
                for (StreamProxy via : java.util.Arrays.asList(null, tunnelProxy, mitmProxy)) {
                    List<Long> arrivals = new ArrayList<>();
                    rpc("[[sim:no-think]] [[sim:long=200]] [[sim:pace=" + pace + "]] x", via, arrivals);
                    if (i < 2) continue; // warm-up: JIT and TLS session setup
                    List<Long> emitted = app.simulator().state().lastGenerationEmissions();
                    List<Double> into = via == null ? direct : via == tunnelProxy ? tunnel : mitm;
                    for (int k = 0; k < Math.min(emitted.size(), arrivals.size()); k++) into.add((arrivals.get(k) - emitted.get(k)) / 1e6);
                }
            }
            HostHop hop = hostHop(pace, 400);
            return "{\"direct_p50_ms\":" + r(p(direct, 50)) + ",\"direct_p99_ms\":" + r(p(direct, 99))
                    + ",\"tunnel_p50_ms\":" + r(p(tunnel, 50)) + ",\"tunnel_p99_ms\":" + r(p(tunnel, 99))
                    + ",\"mitm_p50_ms\":" + r(p(mitm, 50)) + ",\"mitm_p99_ms\":" + r(p(mitm, 99))
                    + ",\"added_p50_ms\":" + r(p(mitm, 50) - p(direct, 50)) + ",\"added_p99_ms\":" + r(p(mitm, 99) - p(direct, 99))
                    + ",\"tunnel_added_p50_ms\":" + r(p(tunnel, 50) - p(direct, 50)) + ",\"tunnel_added_p99_ms\":" + r(p(tunnel, 99) - p(direct, 99))
                    + ",\"mitm_over_tunnel_p50_ms\":" + r(p(mitm, 50) - p(tunnel, 50)) + ",\"mitm_over_tunnel_p99_ms\":" + r(p(mitm, 99) - p(tunnel, 99))
                    + ",\"host_hop_p50_ms\":" + r(hop.p50) + ",\"host_hop_p99_ms\":" + r(hop.p99) + ",\"pace_ms\":" + pace + "}";
        }
    }

    record HostHop(double p50, double p99) {}

    /**
     * The host's price for one hop: a 200-byte write on a loopback TCP connection, from the start
     * of the write to the reader thread having it, with writes {@code paceMillis} apart. On a VM
     * whose idle vCPUs halt, waking the reader dominates this, and every relay pays it once more.
     */
    static HostHop hostHop(int paceMillis, int samples) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Socket reading = new Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket writing = server.accept()) {
            reading.setTcpNoDelay(true);
            writing.setTcpNoDelay(true);
            long[] sent = new long[samples], got = new long[samples];
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    byte[] b = new byte[200];
                    for (int i = 0; i < samples; i++) {
                        reading.getInputStream().readNBytes(b, 0, b.length);
                        got[i] = System.nanoTime();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] b = new byte[200];
            for (int i = 0; i < samples; i++) {
                Thread.sleep(paceMillis);
                sent[i] = System.nanoTime();
                writing.getOutputStream().write(b);
            }
            reader.join();
            List<Double> hops = new ArrayList<>();
            for (int i = samples / 10; i < samples; i++) hops.add((got[i] - sent[i]) / 1e6);
            return new HostHop(p(hops, 50), p(hops, 99));
        }
    }

    static String sapisid;

    /** POSTs GenerateContent to the simulator over TLS (optionally through {@code proxy}), recording when each unit arrives. */
    static void rpc(String prompt, StreamProxy proxy, List<Long> arrivals) throws Exception {
        URI page = app.simulator().pageUrl(), rpc = app.simulator().rpcOrigin();
        String origin = page.getScheme() + "://" + page.getHost() + ":" + page.getPort();
        if (sapisid == null) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(ClientContexts.trustingSimulator()).build();
            String cookie = trusting.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("Set-Cookie").orElseThrow();
            sapisid = cookie.substring(8, cookie.indexOf(';'));
        }
        long ts = System.currentTimeMillis() / 1000;
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest((ts + " " + sapisid + " " + origin).getBytes(StandardCharsets.UTF_8)));
        String body = "[\"models/gemini-2.5-pro\",[[[[null,\"" + prompt + "\"]],\"user\"]],null,[null,null,null,65536,1,0.95,64,null,null,null,null,null,null,null,null,null,[0,-1]],null]";
        Socket raw = new Socket("127.0.0.1", proxy == null ? rpc.getPort() : proxy.port());
        raw.setTcpNoDelay(true);
        raw.setSoTimeout(60_000);
        if (proxy != null) {
            raw.getOutputStream().write(("CONNECT " + rpc.getHost() + ":" + rpc.getPort() + " HTTP/1.1\r\n\r\n").getBytes());
            InputStream in = raw.getInputStream();
            int state = 0;
            while (state < 4) {
                int c = in.read();
                state = (c == '\r' || c == '\n') ? state + 1 : 0;
            }
        }
        try (SSLSocket tls = (SSLSocket) ClientContexts.trustingSimulator().getSocketFactory().createSocket(raw, rpc.getHost(), rpc.getPort(), true)) {
            OutputStream o = tls.getOutputStream();
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            o.write(("POST /$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/GenerateContent HTTP/1.1\r\nHost: " + rpc.getHost()
                    + "\r\nContent-Type: application/json+protobuf\r\nAuthorization: SAPISIDHASH " + ts + "_" + hash + "\r\nOrigin: " + origin
                    + "\r\nConnection: close\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            o.write(b);
            o.flush();
            InputStream in = tls.getInputStream();
            byte[] buf = new byte[8192];
            String marker = ",\"model\"]";
            StringBuilder tail = new StringBuilder();
            for (int n; (n = in.read(buf)) > 0; ) {
                long now = System.nanoTime();
                tail.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                int at;
                while ((at = tail.indexOf(marker)) >= 0) {
                    arrivals.add(now);
                    tail.delete(0, at + marker.length());
                }
                if (tail.length() > marker.length()) tail.delete(0, tail.length() - marker.length());
            }
        }
    }

    /** A kB figure from /proc/PID/{@code file}, the line starting with {@code key}; -1 if absent. */
    static long procKb(long pid, String file, String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
            if (line.startsWith(key)) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }

    static String mb(Object kb) {
        return String.format(java.util.Locale.ROOT, "%.1f", Long.parseLong(String.valueOf(kb)) / 1024.0);
    }

    static double p(List<Double> v, int pct) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(pct / 100.0 * s.size()) - 1));
    }

    static String r(double d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d);
    }
}
