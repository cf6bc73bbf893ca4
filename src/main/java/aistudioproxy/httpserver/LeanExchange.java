package aistudioproxy.httpserver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and its response on a {@link ServerConnection}. Follows the
 * {@link HttpExchange} contract: {@code sendResponseHeaders(code, 0)} streams a chunked body,
 * {@code -1} sends none, a positive length a body of exactly that size; {@link #close()} ends
 * the exchange (and may be called from any thread, once the handler has returned or not).
 */
final class LeanExchange extends HttpExchange {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final RequestHead head;
    private final HttpContext context;
    private final ServerConnection connection;
    private final OutputStream wire;
    private final Headers responseHeaders = new Headers();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final BodyInput body;
    private InputStream requestStream;
    private OutputStream responseStream;
    private OutputStream responseBody;
    private boolean continueSent;
    private int responseCode = -1;
    private boolean closeAfter;
    private Map<String, Object> attributes;

    LeanExchange(RequestHead head, HttpContext context, ServerConnection connection, InputStream in, OutputStream wire) throws IOException {
        this.head = head;
        this.context = context;
        this.connection = connection;
        this.wire = wire;
        this.closeAfter = head.wantsClose();
        String chunked = head.headers().getFirst("Transfer-Encoding");
        String length = head.headers().getFirst("Content-Length");
        if (chunked != null) {
            if (!chunked.equalsIgnoreCase("chunked")) throw new MalformedRequestException(501, "Unsupported Transfer-Encoding " + chunked + ".");
            if (length != null) throw new MalformedRequestException(400, "Both Content-Length and Transfer-Encoding.");
            body = new ChunkedInput(in);
        } else if (length != null) {
            long n;
            // RFC 9110 §8.6: 1*DIGIT; a sign ("+5", "-0") is refused, not parsed.
            if (!length.strip().matches("[0-9]{1,18}")) throw new MalformedRequestException(400, "Invalid Content-Length header.");
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new MalformedRequestException(400, "Invalid Content-Length header.");
            }
            if (n < 0 || head.headers().get("Content-Length").size() > 1) throw new MalformedRequestException(400, "Invalid Content-Length header.");
            body = new FixedLengthInput(in, n);
        } else {
            body = new FixedLengthInput(in, 0);
        }
        this.requestStream = new ContinueOnRead();
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public InputStream getRequestBody() {
        return requestStream;
    }

    @Override
    public OutputStream getResponseBody() {
        if (responseStream == null) responseStream = new ResponseStream();
        return responseStream;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) throw new IOException("response headers already sent");
        if (code < 100 || code > 999) throw new IllegalArgumentException("status code " + code);
        responseCode = code;
        boolean noBody = code < 200 || code == 204 || code == 304;
        boolean head = this.head.method().equals("HEAD");
        StringBuilder h = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ').append(Reasons.of(code)).append("\r\n");
        h.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        responseHeaders.remove("Content-Length");
        responseHeaders.remove("Transfer-Encoding");
        if (noBody) {
            responseBody = new FixedLengthOutput(wire, 0);
        } else if (length > 0) {
            h.append("Content-Length: ").append(length).append("\r\n");
            responseBody = head ? OutputStream.nullOutputStream() : new FixedLengthOutput(wire, length);
        } else if (length < 0) {
            h.append("Content-Length: 0\r\n");
            responseBody = new FixedLengthOutput(wire, 0);
        } else if (head) {
            responseBody = OutputStream.nullOutputStream();
        } else if (this.head.version().equals("HTTP/1.1")) {
            h.append("Transfer-Encoding: chunked\r\n");
            responseBody = new ChunkedOutput(wire);
        } else {
            closeAfter = true;
            responseBody = new CloseDelimitedOutput(wire);
        }
        String connectionHeader = responseHeaders.getFirst("Connection");
        if (connectionHeader != null && connectionHeader.equalsIgnoreCase("close")) closeAfter = true;
        if (closeAfter) responseHeaders.set("Connection", "close");
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            for (String v : e.getValue()) {
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) throw new IllegalArgumentException("line break in header " + e.getKey());
                appendName(h, e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        wire.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (length < 0 || noBody) wire.flush();
    }

    /**
     * A header name as people write it ({@code Content-Type}, {@code X-Request-Id}): {@link Headers}
     * keeps names as {@code Content-type}, which is valid (names are case-insensitive) but odd to read.
     */
    private static StringBuilder appendName(StringBuilder h, String name) {
        boolean wordStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            h.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = c == '-';
        }
        return h;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return connection.localAddress();
    }

    @Override
    public String getProtocol() {
        return head.version();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (attributes == null) attributes = new HashMap<>();
        if (value == null) attributes.remove(name);
        else attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) requestStream = i;
        if (o != null) responseStream = o;
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    /**
     * Ends the exchange: finishes the response body (a handler that never sent headers gets a 500
     * and the connection closes) and tells the connection whether it can carry another request.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) return;
        try {
            if (responseCode < 0) {
                closeAfter = true;
                responseHeaders.clear();
                sendResponseHeaders(500, -1);
            }
            responseBody.close();
            wire.flush(); // a HEAD answer's headers, say, sit in the buffer with no body to push them
            if (responseBody instanceof FixedLengthOutput f && !f.complete()) closeAfter = true;
            if (!closeAfter && !drainRequestBody()) closeAfter = true;
        } catch (IOException | RuntimeException e) {
            closeAfter = true;
        } finally {
            closed.countDown();
        }
    }

    /** Reads what the handler left of the request body, up to a limit, so the next request can follow. */
    private boolean drainRequestBody() throws IOException {
        if (!continueSent && head.headers().containsKey("Expect")) return false; // the client still waits to send it
        byte[] buf = new byte[512];
        long budget = 64 * 1024;
        for (int n; budget > 0 && (n = body.read(buf)) > 0; ) budget -= n;
        return body.finished();
    }

    /** Blocks until the exchange is closed; true if the connection may carry the next request. */
    boolean awaitClose() throws InterruptedException {
        closed.await();
        return !closeAfter;
    }

    /** The request body; sends {@code 100 Continue} before the first read when the client asked for it. */
    private final class ContinueOnRead extends InputStream {
        private void beforeRead() throws IOException {
            if (continueSent) return;
            continueSent = true;
            String expect = head.headers().getFirst("Expect");
            if (expect != null && expect.equalsIgnoreCase("100-continue") && responseCode < 0) {
                wire.write(CONTINUE);
                wire.flush();
            }
        }

        @Override
        public int read() throws IOException {
            beforeRead();
            return body.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            beforeRead();
            return body.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return continueSent ? body.available() : 0;
        }
    }

    /** What {@link #getResponseBody()} hands out: refuses writes until the headers are sent. */
    private final class ResponseStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (responseBody == null) throw new IOException("sendResponseHeaders must come before the body");
            responseBody.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (responseBody == null) wire.flush();
            else responseBody.flush();
        }

        @Override
        public void close() {
            LeanExchange.this.close();
        }
    }
}
