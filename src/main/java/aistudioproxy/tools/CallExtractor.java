package aistudioproxy.tools;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ToolCall;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.DeltaSink;


/**
 * Reads emulated calls ({@link CallProtocol}) out of an answer's text as it streams, in front of
 * the job's sink. Text passes on at once, except a line that may be opening a call's fence, held
 * until it is one or is not; a fenced block is held to its closing fence, then becomes a
 * {@link Delta.Call} when it is one JSON object {@code {"name": <a declared function>,
 * "arguments": {…}}} (arguments given as a JSON string of an object are taken too), else it is
 * passed on as the text it was. Text and blocks outside calls stay content; nothing malformed
 * throws. Blank text after a call (the lines between blocks, the end of the answer) is dropped
 * unless more text follows, so an answer of calls alone has no content. {@link #finish()} passes
 * on whatever is still held (an unclosed block is text). Other
 * deltas (thinking, a tier's own calls) pass through. One per tier attempt; single-threaded, as
 * a tier emits.
 */
public final class CallExtractor implements DeltaSink {
    private final ToolPlan plan;
    private final DeltaSink out;
    /** Text of the current line not yet passed on (it may be the start of a fence). */
    private final StringBuilder line = new StringBuilder();
    /** The block being held, from its opening fence line on; null outside a block. */
    private StringBuilder block;
    private boolean atLineStart = true;
    /** Blank text since the last call, passed on only if text that is not blank follows. */
    private final StringBuilder afterCall = new StringBuilder();
    private boolean sawCall;

    public CallExtractor(ToolPlan plan, DeltaSink out) {
        this.plan = plan;
        this.out = out;
    }

    @Override
    public void accept(Delta delta) {
        if (delta instanceof Delta.Text t) text(t.text());
        else out.accept(delta);
    }

    private void text(String s) {
        StringBuilder pass = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (block != null) {
                block.append(c);
                if (c == '\n') closeIfFenceEnds();
                continue;
            }
            if (atLineStart || !line.isEmpty()) {
                line.append(c);
                String l = line.toString();
                if (c == '\n') {
                    if (isOpeningFence(l)) {
                        flush(pass);
                        block = new StringBuilder(l);
                    } else {
                        pass.append(l);
                    }
                    line.setLength(0);
                    atLineStart = true;
                } else if (!fencePrefix(l)) {
                    pass.append(l);
                    line.setLength(0);
                    atLineStart = false;
                }
                continue;
            }
            pass.append(c);
            if (c == '\n') atLineStart = true;
        }
        flush(pass);
    }

    /** Whether {@code l} (no newline yet) could still become the opening fence line. */
    private static boolean fencePrefix(String l) {
        String t = l.stripLeading();
        return t.isEmpty() || CallProtocol.FENCE.startsWith(t) || t.startsWith(CallProtocol.FENCE) && t.substring(CallProtocol.FENCE.length()).isBlank();
    }

    private static boolean isOpeningFence(String l) {
        return l.strip().equals(CallProtocol.FENCE);
    }

    /** After a newline inside a block: a line of just ``` closes it. */
    private void closeIfFenceEnds() {
        int end = block.length() - 1;
        int start = block.lastIndexOf("\n", end - 1) + 1;
        if (start == 0) return; // the opening line itself
        if (!block.substring(start, end).strip().equals("```")) return;
        String raw = block.toString();
        block = null;
        atLineStart = true;
        String json = raw.substring(raw.indexOf('\n') + 1, start);
        emitBlock(parse(json), raw);
    }

    private void emitBlock(ToolCall call, String raw) {
        if (call != null) {
            afterCall.setLength(0);
            sawCall = true;
            out.accept(new Delta.Call(call));
        } else {
            emitText(raw);
        }
    }

    private void emitText(String s) {
        if (sawCall && s.isBlank()) {
            afterCall.append(s);
            return;
        }
        if (!afterCall.isEmpty()) {
            s = afterCall + s;
            afterCall.setLength(0);
        }
        sawCall = false;
        out.accept(new Delta.Text(s));
    }

    /** The call a block's body holds, or null when it is not exactly one call of a declared function. */
    private ToolCall parse(String json) {
        JsonValue v;
        try {
            v = Json.parse(json.strip());
        } catch (JsonSyntaxException e) {
            return null;
        }
        if (!(v instanceof JsonValue.Obj o) || !(o.get("name").orElse(null) instanceof JsonValue.Str name) || !plan.declares(name.value())) return null;
        JsonValue args = o.get("arguments").orElse(JsonValue.Obj.builder().build());
        if (args instanceof JsonValue.Str s) {
            try {
                args = Json.parse(s.value());
            } catch (JsonSyntaxException e) {
                return null;
            }
        }
        if (!(args instanceof JsonValue.Obj)) return null;
        return new ToolCall(ToolCall.newId(), name.value(), args.write());
    }

    private void flush(StringBuilder pass) {
        if (!pass.isEmpty()) {
            emitText(pass.toString());
            pass.setLength(0);
        }
    }

    /** The answer is complete: what is held goes on as text. */
    public void finish() {
        if (block != null) {
            // A last block whose closing fence has no newline after it.
            String raw = block.toString();
            block = null;
            int last = raw.lastIndexOf('\n');
            if (last > 0 && raw.substring(last + 1).strip().equals("```")) {
                emitBlock(parse(raw.substring(raw.indexOf('\n') + 1, last + 1)), raw);
            } else {
                emitText(raw);
            }
        }
        if (!line.isEmpty()) {
            String l = line.toString();
            line.setLength(0);
            emitText(l);
        }
    }
}
