package aistudioproxy.streamproxy;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;

import java.util.HashSet;
import java.util.Set;

/**
 * Incremental parser of AI Studio's GenerateContent response body (SPEC §5). Text is fed in
 * arbitrary pieces; every unit {@code X = [[P],"model"]} is emitted as soon as its closing bracket
 * arrives, classified by the shape of {@code P}: text {@code [null,"t"]}, function call (11
 * elements, {@code P[1]} null, {@code P[10] = [name, args]}), thinking (any other {@code P} with
 * more than 2 elements, text in {@code P[1]}). Repeated function calls are emitted once.
 *
 * <p>Memory is bounded: text outside units is dropped as it is scanned, and a unit larger than
 * {@code maxUnitChars} is reported as an error and skipped. Not thread-safe: one per response.
 */
final class GenerateContentParser {
    static final String UNIT_START = "[[[null,";

    /** Receives parsed parts. */
    interface Listener {
        void text(String text);

        void reasoning(String text);

        void toolCall(String name, JsonValue.Obj args);

        void error(String message);
    }

    private final Listener listener;
    private final int maxUnitChars;
    private final StringBuilder buf = new StringBuilder();
    private final Set<String> seenCalls = new HashSet<>();
    /** Start of the unit being scanned in {@code buf}, or -1 while searching. */
    private int unitStart = -1;
    private int scan;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean skipping;

    GenerateContentParser(Listener listener, int maxUnitChars) {
        this.listener = listener;
        this.maxUnitChars = maxUnitChars;
    }

    void feed(CharSequence chunk) {
        buf.append(chunk);
        while (true) {
            if (unitStart < 0) {
                int i = buf.indexOf(UNIT_START);
                if (i < 0) {
                    int keep = Math.min(buf.length(), UNIT_START.length() - 1);
                    buf.delete(0, buf.length() - keep);
                    return;
                }
                buf.delete(0, i);
                unitStart = 0;
                scan = 0;
                depth = 0;
                inString = false;
                escaped = false;
            }
            int end = scanToEnd();
            if (end < 0) {
                if (buf.length() > maxUnitChars) {
                    if (!skipping) listener.error("a response part exceeds " + maxUnitChars + " characters");
                    skipping = true;
                    // Drop what was scanned; keep matching brackets to find where the giant unit ends.
                    buf.delete(0, scan);
                    scan = 0;
                }
                return;
            }
            String unit = buf.substring(0, end);
            buf.delete(0, end);
            unitStart = -1;
            if (skipping) {
                skipping = false;
                continue;
            }
            emit(unit);
        }
    }

    /** Call at the end of the body: an unfinished unit means the response was cut. */
    void finish() {
        if (unitStart >= 0) listener.error("the response ended inside a part (truncated or malformed)");
        unitStart = -1;
        buf.setLength(0);
    }

    private int scanToEnd() {
        for (; scan < buf.length(); scan++) {
            char c = buf.charAt(scan);
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return ++scan;
            }
        }
        return -1;
    }

    private void emit(String unit) {
        JsonValue x;
        try {
            x = Json.parse(unit);
        } catch (JsonSyntaxException e) {
            listener.error("malformed response part: " + e.getMessage());
            return;
        }
        if (!(x instanceof JsonValue.Arr xa) || xa.size() < 2 || !(xa.get(1) instanceof JsonValue.Str role) || !role.value().equals("model")
                || !(xa.get(0) instanceof JsonValue.Arr parts) || parts.size() == 0 || !(parts.get(0) instanceof JsonValue.Arr p)) {
            return;
        }
        if (p.size() == 2 && p.get(1) instanceof JsonValue.Str t) {
            listener.text(t.value());
        } else if (p.size() == 11 && p.get(1) instanceof JsonValue.Null && p.get(10) instanceof JsonValue.Arr call
                && call.size() >= 1 && call.get(0) instanceof JsonValue.Str name) {
            JsonValue.Obj args = call.size() > 1 && call.get(1) instanceof JsonValue.Arr params ? TypedArgs.arguments(params) : JsonValue.Obj.builder().build();
            if (seenCalls.add(name.value() + "\u0000" + args.write())) listener.toolCall(name.value(), args);
        } else if (p.size() > 2 && p.get(1) instanceof JsonValue.Str t) {
            listener.reasoning(t.value());
        }
    }
}
