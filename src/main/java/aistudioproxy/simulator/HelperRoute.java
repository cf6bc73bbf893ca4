package aistudioproxy.simulator;

import aistudioproxy.json.JsonValue;
import aistudioproxy.json.JsonWriter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /helper/getStreamResponse} with {@code Cookie: SAPISID=...}: the Helper protocol of
 * SPEC §6. Streams the generation the page most recently started for that SAPISID (or the next
 * one) as OpenAI {@code chat.completion.chunk} SSE, {@code : waiting} comments while nothing
 * comes, {@code data: [DONE]} at the end.
 */
final class HelperRoute {
    private static final long WAIT_FOR_GENERATION_MS = 30_000;
    private static final long COMMENT_EVERY_MS = 1_000;

    private final SimState state;

    HelperRoute(SimState state) {
        this.state = state;
    }

    void handle(HttpExchange ex) throws IOException {
        String sapisid = sapisid(ex.getRequestHeaders().getFirst("Cookie"));
        if (sapisid == null || !state.knows(sapisid)) {
            byte[] b = "{\"error\":{\"message\":\"unknown or missing SAPISID cookie\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, b.length);
            ex.getResponseBody().write(b);
            ex.close();
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            write(out, ": waiting for generation\n\n");
            SimGeneration gen;
            long waited = 0;
            while ((gen = state.claimFor(sapisid, COMMENT_EVERY_MS)) == null) {
                waited += COMMENT_EVERY_MS;
                if (waited >= WAIT_FOR_GENERATION_MS) {
                    write(out, "data: {\"error\":{\"message\":\"no generation started\"}}\n\ndata: [DONE]\n\n");
                    return;
                }
                write(out, ": waiting\n\n");
            }
            relay(gen, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void relay(SimGeneration gen, OutputStream out) throws IOException, InterruptedException {
        int pos = 0;
        int calls = 0;
        while (true) {
            SimGeneration.View v = gen.await(pos, COMMENT_EVERY_MS);
            for (Step s : v.steps()) {
                JsonValue.Builder delta = JsonValue.Obj.builder();
                switch (s) {
                    case Step.Token t -> delta.put("content", t.text());
                    case Step.Thought t -> delta.put("reasoning_content", t.text());
                    case Step.Call c -> delta.put("tool_calls", new JsonValue.Arr(List.of(JsonValue.Obj.builder()
                            .put("index", calls++).put("id", "call_" + gen.id + "_" + calls).put("type", "function")
                            .put("function", JsonValue.Obj.builder().put("name", c.name()).put("arguments", c.argsJson()).build())
                            .build())));
                }
                write(out, "data: " + chunk(gen, delta.build(), null) + "\n\n");
            }
            pos += v.steps().size();
            if (v.ended() && v.steps().isEmpty()) {
                if (v.error() != null && !v.error().equals("ended")) {
                    write(out, "data: {\"error\":{\"message\":" + JsonWriter.quote("generation failed: " + v.error()) + "}}\n\n");
                } else {
                    write(out, "data: " + chunk(gen, JsonValue.Obj.builder().build(), v.truncated() ? "length" : calls > 0 ? "tool_calls" : "stop") + "\n\n");
                }
                write(out, "data: [DONE]\n\n");
                return;
            }
            if (v.steps().isEmpty()) write(out, ": waiting\n\n");
        }
    }

    private static String chunk(SimGeneration gen, JsonValue.Obj delta, String finish) {
        return JsonValue.Obj.builder()
                .put("id", "chatcmpl-sim-" + gen.id)
                .put("object", "chat.completion.chunk")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", "simulator")
                .put("choices", new JsonValue.Arr(List.of(JsonValue.Obj.builder()
                        .put("index", 0).put("delta", delta).put("finish_reason", finish).build())))
                .build().write();
    }

    static String sapisid(String cookieHeader) {
        if (cookieHeader == null) return null;
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith("SAPISID=")) return p.substring(8);
        }
        return null;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
