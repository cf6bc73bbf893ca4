package aistudioproxy.helper;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.sse.SseParser;
import aistudioproxy.tier.Delta;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open Helper response: OpenAI {@code chat.completion.chunk} SSE turned into deltas. A reader
 * virtual thread parses the body into a queue, so {@link #next} can wait with an idle timeout;
 * {@link #close()} (idempotent) aborts the body and ends the reader.
 */
final class HelperStream implements AutoCloseable {
    /** What the stream produced next. */
    sealed interface Item {
        record Deltas(List<Delta> deltas) implements Item {}

        record Finished(String finishReason) implements Item {}

        record Failed(String message) implements Item {}
    }

    private static final Object ALIVE = new Object();
    private static final int MAX_EVENT = 4 * 1024 * 1024;

    private final InputStream body;
    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final Map<Integer, String[]> toolCalls = new TreeMap<>();
    private final Thread reader;
    private volatile boolean closed;
    /** The finish reason the stream announced; read at [DONE]. Reader thread only. */
    private String finishReason;

    HelperStream(InputStream body) {
        this.body = body;
        this.reader = Thread.ofVirtual().name("helper-reader").start(this::read);
    }

    private void read() {
        SseParser parser = new SseParser(body, MAX_EVENT);
        try {
            for (SseParser.Item item; (item = parser.next()) != null; ) {
                switch (item) {
                    case SseParser.Item.Comment c -> items.add(ALIVE);
                    case SseParser.Item.Event e -> {
                        Item mapped = map(e.data());
                        if (mapped != null) items.add(mapped);
                        if (mapped instanceof Item.Finished || mapped instanceof Item.Failed) return;
                    }
                }
            }
            items.add(new Item.Failed("the Helper ended the stream without [DONE]"));
        } catch (IOException e) {
            if (!closed) items.add(new Item.Failed("Helper stream broke: " + e.getMessage()));
        }
    }

    /** Maps one SSE data payload; null for payloads that carry nothing (e.g. an empty delta). */
    Item map(String data) {
        if (data.strip().equals("[DONE]")) return new Item.Finished(finishReason == null ? "stop" : finishReason);
        JsonValue v;
        try {
            v = Json.parse(data);
        } catch (JsonSyntaxException e) {
            return new Item.Failed("Helper sent invalid JSON: " + e.getMessage());
        }
        if (!(v instanceof JsonValue.Obj o)) return new Item.Failed("Helper sent a non-object event");
        if (o.present("error").isPresent()) {
            JsonValue err = o.present("error").get();
            String msg = err instanceof JsonValue.Obj eo ? eo.string("message").orElse(err.write()) : err.write();
            return new Item.Failed("Helper reported: " + msg);
        }
        List<Delta> out = new ArrayList<>();
        if (o.present("choices").orElse(null) instanceof JsonValue.Arr choices && choices.size() > 0
                && choices.get(0) instanceof JsonValue.Obj choice) {
            if (choice.present("delta").orElse(null) instanceof JsonValue.Obj delta) {
                delta.string("reasoning_content").filter(s -> !s.isEmpty()).ifPresent(s -> out.add(new Delta.Reasoning(s)));
                delta.string("content").filter(s -> !s.isEmpty()).ifPresent(s -> out.add(new Delta.Text(s)));
                if (delta.present("tool_calls").orElse(null) instanceof JsonValue.Arr calls) collectCalls(calls);
            }
            choice.string("finish_reason").ifPresent(f -> finishReason = f);
        }
        if (finishReason != null && !toolCalls.isEmpty()) {
            for (Map.Entry<Integer, String[]> c : toolCalls.entrySet()) {
                String[] f = c.getValue();
                out.add(new Delta.Call(new ToolCall(f[0] != null ? f[0] : ToolCall.newId(), f[1], f[2].isEmpty() ? "{}" : f[2])));
            }
            toolCalls.clear();
        }
        return out.isEmpty() ? null : new Item.Deltas(out);
    }

    /** Tool calls may come in pieces (arguments streamed); they are assembled by index and sent whole at the finish. */
    private void collectCalls(JsonValue.Arr calls) {
        for (JsonValue c : calls.items()) {
            if (!(c instanceof JsonValue.Obj call)) continue;
            int index = call.present("index").orElse(null) instanceof JsonValue.Num n ? (int) n.asDouble() : toolCalls.size();
            String[] f = toolCalls.computeIfAbsent(index, k -> new String[] {null, "", ""});
            call.string("id").ifPresent(id -> f[0] = id);
            if (call.present("function").orElse(null) instanceof JsonValue.Obj fn) {
                fn.string("name").ifPresent(name -> f[1] = f[1] + name);
                fn.string("arguments").ifPresent(args -> f[2] = f[2] + args);
            }
        }
    }

    /** The next item; throws {@link HelperTimeoutException} when nothing (not even a comment) came within {@code idle}. */
    Item next(Duration idle) throws InterruptedException, HelperTimeoutException {
        while (true) {
            Object o = items.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
            if (o == null) throw new HelperTimeoutException("the Helper sent nothing for " + idle.toMillis() + " ms");
            if (o != ALIVE) return (Item) o;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            body.close();
        } catch (IOException ignored) {
            // aborting anyway
        }
        reader.interrupt();
    }
}
