package aistudioproxy.streamproxy;

import aistudioproxy.json.JsonValue;

/**
 * One event on the {@code /_events} channel (SPEC §5):
 * {@code {"seq","gen","kind","text"?,"name"?,"args"?,"status"?,"message"?}}. {@code gen} numbers
 * the GenerateContent requests; {@code start} opens one when the page's request arrives,
 * {@code done} or {@code error} closes it; {@code quota} comes from the page's jserror reports and
 * carries the newest generation at the time of the report (0 before any).
 */
record ProxyEvent(long seq, long gen, String kind, String text, String name, JsonValue args, Integer status, String message) {

    static ProxyEvent of(long seq, long gen, String kind) {
        return new ProxyEvent(seq, gen, kind, null, null, null, null, null);
    }

    String toJson() {
        JsonValue.Builder b = JsonValue.Obj.builder().put("seq", seq).put("gen", gen).put("kind", kind);
        if (text != null) b.put("text", text);
        if (name != null) b.put("name", name);
        if (args != null) b.put("args", args);
        if (status != null) b.put("status", (long) status);
        if (message != null) b.put("message", message);
        return b.build().write();
    }
}
