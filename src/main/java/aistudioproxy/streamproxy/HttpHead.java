package aistudioproxy.streamproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and headers of an HTTP/1.x message, read up to the blank line (at most
 * {@link #MAX_HEAD} bytes). Header order and spelling are kept so a forwarded head is what the
 * peer sent.
 */
record HttpHead(String startLine, List<String[]> headers) {
    static final int MAX_HEAD = 64 * 1024;

    /** Reads a head; null when the stream ends before any byte (peer closed an idle connection). */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(512);
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) return null;
                throw new IOException("connection closed inside an HTTP head");
            }
            b.write(c);
            if (b.size() > MAX_HEAD) throw new IOException("HTTP head larger than " + MAX_HEAD + " bytes");
            state = switch (state) {
                case 0, 2 -> c == '\r' ? state + 1 : c == '\n' && state == 0 ? 2 : c == '\n' ? 4 : 0;
                case 1, 3 -> c == '\n' ? state + 1 : 0;
                default -> state;
            };
            if (state == 2 && b.size() == 1) state = 0; // a lone LF before anything
        }
        String[] lines = b.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            int colon = lines[i].indexOf(':');
            if (colon <= 0) throw new IOException("malformed header line");
            headers.add(new String[] {lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()});
        }
        return new HttpHead(lines[0], headers);
    }

    String header(String name) {
        for (String[] h : headers) if (h[0].equalsIgnoreCase(name)) return h[1];
        return null;
    }

    String method() {
        return startLine.substring(0, Math.max(0, startLine.indexOf(' ')));
    }

    String target() {
        String[] p = startLine.split(" ");
        return p.length > 1 ? p[1] : "";
    }

    int status() {
        String[] p = startLine.split(" ");
        try {
            return p.length > 1 ? Integer.parseInt(p[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    boolean chunked() {
        String te = header("Transfer-Encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    long contentLength() {
        String cl = header("Content-Length");
        if (cl == null) return -1;
        try {
            return Long.parseLong(cl.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    HttpHead withStartLine(String line) {
        return new HttpHead(line, headers);
    }

    /** This head without the named headers (e.g. hop-by-hop {@code Proxy-*} ones). */
    HttpHead without(String... names) {
        List<String[]> kept = new ArrayList<>();
        outer:
        for (String[] h : headers) {
            for (String n : names) if (h[0].equalsIgnoreCase(n)) continue outer;
            kept.add(h);
        }
        return new HttpHead(startLine, kept);
    }

    HttpHead with(String name, String value) {
        List<String[]> h = new ArrayList<>(headers);
        h.add(new String[] {name, value});
        return new HttpHead(startLine, h);
    }

    byte[] bytes() {
        StringBuilder s = new StringBuilder(startLine).append("\r\n");
        for (String[] h : headers) s.append(h[0]).append(": ").append(h[1]).append("\r\n");
        return s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
