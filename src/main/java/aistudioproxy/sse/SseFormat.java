package aistudioproxy.sse;

/**
 * Pure formatting of Server-Sent Events (WHATWG HTML §9.2). No I/O.
 * Multi-line data becomes several {@code data:} lines; CR/LF are stripped from {@code event}
 * and {@code id} so a field can never inject another.
 */
public final class SseFormat {
    public static final String DONE = "data: [DONE]\n\n";

    private SseFormat() {}

    public static String data(String data) {
        return event(null, null, data);
    }

    public static String event(String event, String id, String data) {
        StringBuilder out = new StringBuilder(data.length() + 16);
        if (id != null) out.append("id: ").append(singleLine(id)).append('\n');
        if (event != null) out.append("event: ").append(singleLine(event)).append('\n');
        int start = 0;
        for (int i = 0; i <= data.length(); i++) {
            if (i == data.length() || data.charAt(i) == '\n' || data.charAt(i) == '\r') {
                out.append("data: ").append(data, start, i).append('\n');
                if (i < data.length() && data.charAt(i) == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        return out.append('\n').toString();
    }

    /** A comment line, ignored by clients; used as keep-alive. */
    public static String comment(String text) {
        return ": " + singleLine(text) + "\n\n";
    }

    static String singleLine(String s) {
        return s.replace("\r", "").replace("\n", "");
    }
}
