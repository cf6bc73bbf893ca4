package aistudioproxy.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events from a byte stream (WHATWG HTML §9.2.6): lines end in LF, CR or CRLF;
 * {@code data:} lines accumulate, a blank line dispatches; lines starting with {@code :} are
 * comments (reported, since keep-alives matter to callers). Lines longer than {@code maxLine}
 * are an error, so a hostile peer cannot grow memory without bound.
 */
public final class SseParser {
    /** One dispatched item: an event's data, or a comment. */
    public sealed interface Item {
        record Event(String event, String data) implements Item {}

        record Comment(String text) implements Item {}
    }

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[8192];
    private int pos, len;
    private boolean lastWasCr;

    public SseParser(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next event or comment; null at end of stream. */
    public Item next() throws IOException {
        StringBuilder data = null;
        String event = null;
        while (true) {
            String line = readLine();
            if (line == null) return data == null ? null : new Item.Event(event, data.toString());
            if (line.isEmpty()) {
                if (data != null) return new Item.Event(event, data.toString());
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') return new Item.Comment(line.substring(1).strip());
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "data" -> {
                    if (data == null) data = new StringBuilder();
                    else data.append('\n');
                    data.append(value);
                    if (data.length() > maxLine) throw new IOException("SSE event larger than " + maxLine + " characters");
                }
                case "event" -> event = value;
                default -> { /* id, retry and unknown fields are not used here */ }
            }
        }
    }

    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(128);
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
            }
            byte b = buf[pos++];
            if (b == '\n') {
                if (lastWasCr && line.size() == 0) {
                    lastWasCr = false;
                    continue;
                }
                lastWasCr = false;
                return line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\r') {
                lastWasCr = true;
                return line.toString(StandardCharsets.UTF_8);
            }
            lastWasCr = false;
            if (line.size() >= maxLine) throw new IOException("SSE line longer than " + maxLine + " bytes");
            line.write(b);
        }
    }
}
