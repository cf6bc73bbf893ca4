package aistudioproxy.simulator;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * The RPC host: {@code MakerSuiteService/ListModels} and {@code /GenerateContent}, with the CORS
 * answers a cross-origin XHR from the page needs. GenerateContent streams the fake model's steps
 * in the wire format as they are "generated", chunked, gzip-compressed when the client accepts it
 * (AI Studio's responses are), flushed per chunk.
 */
final class RpcRoutes {
    static final String SERVICE = "/$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/";
    /** Longest a hanging fault holds its connection. */
    private static final long MAX_HANG_MILLIS = Duration.ofMinutes(10).toMillis();

    private final SimState state;
    private final SimOptions options;
    private final String pageOrigin;
    private volatile boolean closed;

    RpcRoutes(SimState state, SimOptions options, String pageOrigin) {
        this.state = state;
        this.options = options;
        this.pageOrigin = pageOrigin;
    }

    void close() {
        closed = true;
    }

    void handle(HttpExchange ex) throws IOException {
        // Read whole before any answer: the JDK server silently closes a connection whose request
        // body was left unread, which a keep-alive client finds out only on its next request.
        byte[] body = ex.getRequestBody().readAllBytes();
        var h = ex.getResponseHeaders();
        h.set("Access-Control-Allow-Origin", pageOrigin);
        h.set("Access-Control-Allow-Credentials", "true");
        h.set("Vary", "Origin");
        if (ex.getRequestMethod().equals("OPTIONS")) {
            h.set("Access-Control-Allow-Methods", "POST, OPTIONS");
            h.set("Access-Control-Allow-Headers", "authorization, content-type, x-goog-api-key, x-goog-authuser, x-user-agent");
            h.set("Access-Control-Max-Age", "3600");
            ex.sendResponseHeaders(204, -1);
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals(SERVICE + "ListModels")) {
            state.listModelsCalled();
            send(ex, 200, SimModels.listModelsBody());
        } else if (path.equals(SERVICE + "GenerateContent")) {
            generate(ex, new String(body, StandardCharsets.UTF_8));
        } else if (path.equals(SERVICE + "CreatePrompt")) {
            state.chatSaved();
            send(ex, 200, "[\"prompts/sim-" + System.nanoTime() + "\"]");
        } else {
            send(ex, 404, "[[null,null,null,[5,\"Not found\"]]]");
        }
    }

    private void generate(HttpExchange ex, String body) throws IOException {
        SimRequest req;
        try {
            req = SimRequest.decode(Json.parse(body));
        } catch (JsonSyntaxException | RuntimeException e) {
            send(ex, 400, "[[null,null,null,[3,\"Invalid request\"]]]");
            return;
        }
        String sapisid = state.verify(ex.getRequestHeaders().getFirst("Authorization"), pageOrigin);
        if (sapisid == null) {
            send(ex, 401, "[[null,null,null,[16,\"Request had invalid authentication credentials.\"]]]");
            return;
        }
        Script script = Script.parse(req.prompt());
        SimGeneration gen = state.start(sapisid, req.prompt(), req.functions().stream().map(f -> f.string("name").orElse("")).toList());
        if (script.fault() == Fault.HTTP_429) {
            gen.end(false, "429");
            send(ex, 429, "[[null,null,null,[8,\"Rate limit exceeded. Please try again later.\"]]]");
            return;
        }
        if (script.fault() == Fault.QUOTA || !state.withinQuota(sapisid)) {
            gen.end(false, "quota");
            send(ex, 429, "[[null,null,null,[8,\"RESOURCE_EXHAUSTED: You exceeded your current quota, please check your plan and billing details.\"]]]");
            return;
        }
        if (script.fault() == Fault.HTTP_500) {
            gen.end(false, "500");
            send(ex, 500, "[[null,null,null,[13,\"An internal error has occurred.\"]]]");
            return;
        }
        FakeModel.Plan plan = FakeModel.plan(req, script);
        boolean gzip = String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
        ex.getResponseHeaders().set("Content-Type", "application/json+protobuf; charset=UTF-8");
        if (gzip) ex.getResponseHeaders().set("Content-Encoding", "gzip");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = gzip ? new GZIPOutputStream(ex.getResponseBody(), 512, true) : ex.getResponseBody();
        long pace = script.paceMillis() != null ? script.paceMillis() : options.tokenPace().toMillis();
        int promptTokens = (req.prompt().length() + 3) / 4;
        try {
            write(out, "[");
            if (script.fault() == Fault.HANG) {
                hang(out);
                return;
            }
            sleep(script.slowFirstMillis() != null ? script.slowFirstMillis() : options.firstTokenDelay().toMillis());
            int n = 0;
            for (Step step : plan.steps()) {
                if (n > 0) sleep(pace);
                write(out, (n > 0 ? "," : "") + WireFormat.chunk(step, promptTokens, n + 1));
                gen.emit(step);
                if (step instanceof Step.Call) write(out, "," + WireFormat.chunk(step, promptTokens, n + 1));
                n++;
                if (n == 3 && script.pauseMidMillis() != null) sleep(script.pauseMidMillis());
                if (n == 3 && script.fault() == Fault.HANG_MID) {
                    hang(out);
                    return;
                }
                if (n == 3 && script.fault() == Fault.DROP) {
                    gen.end(false, "dropped");
                    throw new DroppedConnection();
                }
                if (n == 2 && script.fault() == Fault.MALFORMED) {
                    write(out, ",[[[[[[null,\"broken]],\"model\"]]],null,[1,2,");
                    gen.end(false, "malformed");
                    out.close();
                    return;
                }
            }
            write(out, (n > 0 ? "," : "") + WireFormat.last(gen.id, promptTokens, n, plan.truncated()) + "]");
            gen.end(plan.truncated(), null);
            out.close();
        } catch (IOException e) {
            state.abandoned();
            gen.end(false, "client went away");
            throw e;
        } finally {
            gen.end(false, "ended");
        }
    }

    /** Thrown to make the HTTP server cut the connection mid-body (it closes the socket on handler failure). */
    static final class DroppedConnection extends RuntimeException {
        DroppedConnection() {
            super("simulated connection drop", null, false, false);
        }
    }

    /** Holds the response open, writing JSON whitespace now and then to notice a client that left. */
    private void hang(OutputStream out) throws IOException {
        long end = System.currentTimeMillis() + MAX_HANG_MILLIS;
        while (!closed && System.currentTimeMillis() < end) {
            sleep(250);
            write(out, " ");
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long millis) throws IOException {
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json+protobuf; charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
