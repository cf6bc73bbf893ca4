package aistudioproxy.anthropic;

import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.AnswerStream;
import aistudioproxy.api.EventOut;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.chat.Usage;
import aistudioproxy.json.JsonValue;
import aistudioproxy.sse.SseFormat;
import aistudioproxy.tier.Delta;

import java.io.IOException;

/**
 * A Messages stream, event by event as Anthropic sends it: {@code message_start} and a
 * {@code ping} at once; each content block opened by {@code content_block_start}, fed by
 * {@code content_block_delta} ({@code thinking_delta} then a {@code signature_delta},
 * {@code text_delta}, {@code input_json_delta}) and closed by {@code content_block_stop};
 * then {@code message_delta} with the stop reason and usage, and {@code message_stop}. While
 * nothing comes, {@code ping}s. An error is an {@code error} event, which ends the stream.
 */
final class MessagesStream implements AnswerStream {
    private enum Block { NONE, THINKING, TEXT }

    private final AnswerContext context;
    private final EventOut out;
    private final boolean showThinking;
    private Block open = Block.NONE;
    private int index = -1;
    private boolean anyBlock;

    MessagesStream(AnswerContext context, EventOut out, boolean showThinking) {
        this.context = context;
        this.out = out;
        this.showThinking = showThinking;
    }

    @Override
    public void open() throws IOException {
        send("message_start", JsonValue.Obj.builder().put("message", MessagesJson.started(context)));
        keepAlive();
    }

    @Override
    public void keepAlive() throws IOException {
        send("ping", JsonValue.Obj.builder());
    }

    @Override
    public void tier(String tier) throws IOException {
        out.write(SseFormat.comment("x-response-tier: " + tier));
    }

    @Override
    public void delta(Delta delta) throws IOException {
        switch (delta) {
            case Delta.Reasoning r -> {
                if (!showThinking) return;
                if (open != Block.THINKING) start(Block.THINKING, JsonValue.Obj.builder().put("type", "thinking").put("thinking", "").build());
                blockDelta(JsonValue.Obj.builder().put("type", "thinking_delta").put("thinking", r.text()).build());
            }
            case Delta.Text t -> {
                if (open != Block.TEXT) start(Block.TEXT, JsonValue.Obj.builder().put("type", "text").put("text", "").build());
                blockDelta(JsonValue.Obj.builder().put("type", "text_delta").put("text", t.text()).build());
            }
            case Delta.Call c -> {
                close();
                JsonValue.Obj block = JsonValue.Obj.builder().put("type", "tool_use").put("id", c.call().id())
                        .put("name", c.call().name()).put("input", JsonValue.Obj.builder().build()).build();
                start(Block.NONE, block);
                blockDelta(JsonValue.Obj.builder().put("type", "input_json_delta").put("partial_json", MessagesJson.input(c.call()).write()).build());
                stopBlock();
            }
        }
    }

    @Override
    public void finish(FinishReason finish, String stopSequence, Usage usage) throws IOException {
        close();
        if (!anyBlock) {
            start(Block.NONE, JsonValue.Obj.builder().put("type", "text").put("text", "").build());
            stopBlock();
        }
        send("message_delta", JsonValue.Obj.builder()
                .put("delta", JsonValue.Obj.builder().put("stop_reason", MessagesJson.stopReason(finish)).put("stop_sequence", stopSequence).build())
                .put("usage", JsonValue.Obj.builder().put("output_tokens", usage.completionTokens()).build()));
        send("message_stop", JsonValue.Obj.builder());
    }

    @Override
    public void fail(ApiError error) throws IOException {
        JsonValue.Obj body = (JsonValue.Obj) MessagesApi.INSTANCE.error(error).body();
        out.write(SseFormat.event("error", null, body.write()));
    }

    /** Opens block {@code kind} (NONE for a tool_use, which is closed at once), closing the one open. */
    private void start(Block kind, JsonValue.Obj block) throws IOException {
        close();
        index++;
        anyBlock = true;
        open = kind;
        send("content_block_start", JsonValue.Obj.builder().put("index", index).put("content_block", block));
    }

    private void blockDelta(JsonValue.Obj delta) throws IOException {
        send("content_block_delta", JsonValue.Obj.builder().put("index", index).put("delta", delta));
    }

    private void close() throws IOException {
        if (open == Block.NONE) return;
        if (open == Block.THINKING) {
            blockDelta(JsonValue.Obj.builder().put("type", "signature_delta").put("signature", MessagesJson.signature(context)).build());
        }
        stopBlock();
    }

    private void stopBlock() throws IOException {
        open = Block.NONE;
        send("content_block_stop", JsonValue.Obj.builder().put("index", index));
    }

    private void send(String type, JsonValue.Builder body) throws IOException {
        JsonValue.Obj typed = JsonValue.Obj.builder().put("type", type).build();
        java.util.LinkedHashMap<String, JsonValue> members = new java.util.LinkedHashMap<>(typed.members());
        members.putAll(body.build().members());
        out.write(SseFormat.event(type, null, new JsonValue.Obj(members).write()));
    }
}
