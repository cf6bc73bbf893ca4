package aistudioproxy.responses;

import aistudioproxy.api.Answer;
import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.chat.Usage;
import aistudioproxy.json.JsonValue;
import aistudioproxy.sse.SseFormat;
import aistudioproxy.tier.Delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Responses stream: typed events ({@code event: <type>} and the same {@code type} in the data),
 * each with its {@code sequence_number}. {@code response.created} and
 * {@code response.in_progress} at once; per output item {@code response.output_item.added}, its
 * part and deltas ({@code response.reasoning_summary_text.delta},
 * {@code response.output_text.delta}, {@code response.function_call_arguments.delta}), their
 * {@code .done} events and {@code response.output_item.done}; then {@code response.completed}
 * ({@code response.incomplete} when the output limit was reached) with the whole response, or
 * {@code response.failed}. Keep-alives and the tier announcement are SSE comments.
 */
final class ResponsesStream implements AnswerStream {
    private enum Item { NONE, REASONING, MESSAGE }

    private final ResponsesJson json;
    private final EventOut out;
    private final List<JsonValue> done = new ArrayList<>();
    private final StringBuilder itemText = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();
    private Item open = Item.NONE;
    private int sequence;

    ResponsesStream(ResponsesJson json, EventOut out) {
        this.json = json;
        this.out = out;
    }

    @Override
    public void open() throws IOException {
        JsonValue.Obj response = json.response(List.of(), null);
        send("response.created", JsonValue.Obj.builder().put("response", response));
        send("response.in_progress", JsonValue.Obj.builder().put("response", response));
    }

    @Override
    public void keepAlive() throws IOException {
        out.write(SseFormat.comment("keep-alive"));
    }

    @Override
    public void tier(String tier) throws IOException {
        out.write(SseFormat.comment("x-response-tier: " + tier));
    }

    @Override
    public void delta(Delta delta) throws IOException {
        switch (delta) {
            case Delta.Reasoning r -> {
                if (open != Item.REASONING) {
                    close();
                    open = Item.REASONING;
                    added(json.reasoning(null));
                    send("response.reasoning_summary_part.added", summary(JsonValue.Obj.builder()).put("part", summaryPart("")));
                }
                itemText.append(r.text());
                reasoning.append(r.text());
                send("response.reasoning_summary_text.delta", summary(JsonValue.Obj.builder()).put("delta", r.text()));
            }
            case Delta.Text t -> {
                if (open != Item.MESSAGE) {
                    close();
                    open = Item.MESSAGE;
                    added(json.message(null, "in_progress"));
                    send("response.content_part.added", content(JsonValue.Obj.builder()).put("part", ResponsesJson.outputText("")));
                }
                itemText.append(t.text());
                text.append(t.text());
                send("response.output_text.delta", content(JsonValue.Obj.builder()).put("delta", t.text()));
            }
            case Delta.Call c -> {
                close();
                int n = calls.size();
                calls.add(c.call());
                added(json.functionCall(c.call(), n, "in_progress"));
                String itemId = json.itemId("fc", n);
                send("response.function_call_arguments.delta", JsonValue.Obj.builder().put("item_id", itemId)
                        .put("output_index", done.size()).put("delta", c.call().argumentsJson()));
                send("response.function_call_arguments.done", JsonValue.Obj.builder().put("item_id", itemId)
                        .put("output_index", done.size()).put("arguments", c.call().argumentsJson()));
                itemDone(json.functionCall(c.call(), n, "completed"));
            }
        }
    }

    @Override
    public void finish(FinishReason finish, String stopSequence, Usage usage) throws IOException {
        close();
        Answer answer = new Answer(text.toString(), reasoning.toString(), calls, finish, stopSequence, usage);
        String type = finish == FinishReason.LENGTH ? "response.incomplete" : "response.completed";
        send(type, JsonValue.Obj.builder().put("response", json.response(done, answer)));
    }

    @Override
    public void fail(ApiError error) throws IOException {
        send("response.failed", JsonValue.Obj.builder().put("response", json.failed(error)));
    }

    private void added(JsonValue.Obj item) throws IOException {
        send("response.output_item.added", JsonValue.Obj.builder().put("output_index", done.size()).put("item", item));
    }

    private void itemDone(JsonValue.Obj item) throws IOException {
        send("response.output_item.done", JsonValue.Obj.builder().put("output_index", done.size()).put("item", item));
        done.add(item);
    }

    /** Ends the open reasoning or message item with its done events. */
    private void close() throws IOException {
        String t = itemText.toString();
        switch (open) {
            case NONE -> { return; }
            case REASONING -> {
                send("response.reasoning_summary_text.done", summary(JsonValue.Obj.builder()).put("text", t));
                send("response.reasoning_summary_part.done", summary(JsonValue.Obj.builder()).put("part", summaryPart(t)));
                open = Item.NONE;
                itemDone(json.reasoning(t));
            }
            case MESSAGE -> {
                send("response.output_text.done", content(JsonValue.Obj.builder()).put("text", t));
                send("response.content_part.done", content(JsonValue.Obj.builder()).put("part", ResponsesJson.outputText(t)));
                open = Item.NONE;
                itemDone(json.message(t, "completed"));
            }
        }
        itemText.setLength(0);
    }

    private JsonValue.Builder summary(JsonValue.Builder b) {
        return b.put("item_id", json.itemId("rs", 0)).put("output_index", done.size()).put("summary_index", 0);
    }

    private JsonValue.Builder content(JsonValue.Builder b) {
        return b.put("item_id", json.itemId("msg", 0)).put("output_index", done.size()).put("content_index", 0);
    }

    private static JsonValue.Obj summaryPart(String text) {
        return JsonValue.Obj.builder().put("type", "summary_text").put("text", text).build();
    }

    private void send(String type, JsonValue.Builder body) throws IOException {
        JsonValue.Obj fields = body.build();
        JsonValue.Builder b = JsonValue.Obj.builder().put("type", type).put("sequence_number", sequence++);
        for (var e : fields.members().entrySet()) b.put(e.getKey(), e.getValue());
        out.write(SseFormat.event(type, null, b.build().write()));
    }
}
