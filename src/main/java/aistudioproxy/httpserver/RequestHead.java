package aistudioproxy.httpserver;

import com.sun.net.httpserver.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed request line and header block. Parsing is bounded: a line longer than
 * {@link #MAX_LINE}, more than {@link #MAX_HEADERS} header lines, or more than
 * {@link #MAX_HEAD_BYTES} in all is a {@link MalformedRequestException}, never an unbounded buffer.
 */
record RequestHead(String method, URI uri, String version, Headers headers) {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;
    static final int MAX_HEAD_BYTES = 64 * 1024;

    /** Reads the next request head; null when the peer closed the connection between requests. */
    static RequestHead read(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String requestLine;
        do {
            requestLine = line(in, budget, true); // RFC 9112 §2.2: ignore empty lines before a request line
            if (requestLine == null) return null;
        } while (requestLine.isEmpty());
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[0].chars().allMatch(RequestHead::isTokenChar)) {
            throw new MalformedRequestException(400, "Malformed request line.");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new MalformedRequestException(505, "Unsupported HTTP version " + version + "; use HTTP/1.1.");
        }
        URI uri;
        try {
            uri = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw new MalformedRequestException(400, "Malformed request target.");
        }
        Headers headers = new Headers();
        int count = 0;
        for (String line; !(line = line(in, budget, false)).isEmpty(); ) {
            if (++count > MAX_HEADERS) throw new MalformedRequestException(431, "Too many request headers.");
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || Character.isWhitespace(line.charAt(colon - 1))) {
                throw new MalformedRequestException(400, "Malformed request header.");
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        // RFC 9112 §3.2: a request has one Host; an HTTP/1.1 request without one is refused.
        int hosts = headers.get("Host") == null ? 0 : headers.get("Host").size();
        if (hosts > 1) throw new MalformedRequestException(400, "More than one Host header.");
        if (hosts == 0 && version.equals("HTTP/1.1")) throw new MalformedRequestException(400, "An HTTP/1.1 request needs a Host header.");
        return new RequestHead(parts[0], uri, version, headers);
    }

    /** True when the client asked for the connection to end after this exchange. */
    boolean wantsClose() {
        String connection = headers.getFirst("Connection");
        boolean close = connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        boolean keepAlive = connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
        return close || (version.equals("HTTP/1.0") && !keepAlive);
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /**
     * One CRLF- (or LF-) terminated line in ISO-8859-1. At end of stream: null if nothing was read
     * and {@code eofAllowed}, else an error.
     */
    private static String line(InputStream in, int[] budget, boolean eofAllowed) throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (eofAllowed && s.isEmpty()) return null;
                throw new MalformedRequestException(400, "Connection closed inside the request head.");
            }
            if (--budget[0] < 0) throw new MalformedRequestException(431, "Request head too large.");
            if (c == '\n') {
                int len = s.length();
                if (len > 0 && s.charAt(len - 1) == '\r') s.setLength(len - 1);
                return s.toString();
            }
            if (s.length() >= MAX_LINE) throw new MalformedRequestException(431, "Request line or header too long.");
            // RFC 9112 §2.2: a bare CR or a NUL in the head is refused, never passed on.
            if (c == 0) throw new MalformedRequestException(400, "NUL in the request head.");
            if (s.length() > 0 && s.charAt(s.length() - 1) == '\r') throw new MalformedRequestException(400, "Bare CR in the request head.");
            s.append((char) c);
        }
    }
}
