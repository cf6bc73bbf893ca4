package aistudioproxy.httpserver;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server on raw sockets: framing both ways, keep-alive, and every refusal before a handler runs. */
class LeanHttpServerTest {
    static LeanHttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = LeanHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/echo", ex -> {
            ex.getResponseHeaders().set("x-test-name", "1");
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] out = (ex.getRequestMethod() + " " + ex.getRequestURI() + " [" + new String(body, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        });
        server.createContext("/stream", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream o = ex.getResponseBody()) {
                o.write("one".getBytes());
                o.flush();
                o.write("two".getBytes());
            }
        });
        server.createContext("/ignore-body", ex -> respond(ex, 413, "too big"));
        server.createContext("/crash", ex -> {
            throw new IllegalStateException("handler bug");
        });
        server.createContext("/silent", HttpExchange::close);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void respond(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.getAddress().getPort());
        s.setSoTimeout(5000);
        return s;
    }

    static void send(Socket s, String raw) throws IOException {
        s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** One response: status line, headers (lower-cased names), and body by its framing. */
    record Response(int status, String headers, String body) {}

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        StringBuilder headers = new StringBuilder();
        long length = -1;
        boolean chunked = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            String lower = h.toLowerCase();
            headers.append(lower).append('\n');
            if (lower.startsWith("content-length:")) length = Long.parseLong(h.substring(15).strip());
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(line(in), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                assertEquals("", line(in));
            }
            assertEquals("", line(in));
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else if (status >= 200 && status != 204 && status != 304) {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers.toString(), body.toString(StandardCharsets.UTF_8));
    }

    static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("closed after [" + s + "]");
            if (c != '\r') s.append((char) c);
        }
        return s.toString();
    }

    static boolean closedByServer(Socket s) throws IOException {
        return s.getInputStream().read() < 0;
    }

    @Test
    void keepsTheConnectionForTheNextRequest() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST /echo?a=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            assertEquals("POST /echo?a=1 [hello]", read(s.getInputStream()).body());
            send(s, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("GET /echo []", read(s.getInputStream()).body());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\naGET /echo/2 HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals("POST /echo [a]", read(s.getInputStream()).body());
            assertEquals("GET /echo/2 []", read(s.getInputStream()).body());
        }
    }

    @Test
    void chunkedRequestBodiesAreDecoded() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: x\r\n\r\n");
            assertEquals("POST /echo [abcde]", read(s.getInputStream()).body());
            send(s, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(200, read(s.getInputStream()).status(), "the connection survives a chunked body");
        }
    }

    @Test
    void headerNamesAreWrittenAsPeopleWriteThem() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
            InputStream in = s.getInputStream();
            assertEquals("HTTP/1.1 200 OK", line(in));
            StringBuilder names = new StringBuilder();
            for (String h; !(h = line(in)).isEmpty(); ) names.append(h, 0, h.indexOf(':')).append(' ');
            assertTrue(names.toString().contains("Content-Length ") && names.toString().contains("X-Test-Name "), names.toString());
        }
    }

    @Test
    void streamedResponsesAreChunked() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /stream HTTP/1.1\r\nHost: t\r\n\r\n");
            Response r = read(s.getInputStream());
            assertTrue(r.headers().contains("transfer-encoding: chunked"), r.headers());
            assertEquals("onetwo", r.body());
        }
    }

    @Test
    void http10ClientsGetABodyEndedByClose() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /stream HTTP/1.0\r\n\r\n");
            Response r = read(s.getInputStream());
            assertTrue(r.headers().contains("connection: close"), r.headers());
            assertEquals("onetwo", r.body());
        }
    }

    @Test
    void expectContinueGetsAContinueBeforeTheBodyIsRead() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, read(s.getInputStream()).status());
            send(s, "ok");
            assertEquals("POST /echo [ok]", read(s.getInputStream()).body());
        }
    }

    @Test
    void aRefusalBeforeReadingTheBodySendsNoContinue() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 999999\r\nExpect: 100-continue\r\n\r\n");
            Response r = read(s.getInputStream());
            assertEquals(413, r.status());
            assertTrue(closedByServer(s), "the unsent body cannot be skipped, so the connection ends");
        }
    }

    @Test
    void aSmallUnreadBodyIsSkippedAndTheConnectionKept() throws Exception {
        try (Socket s = connect()) {
            send(s, "POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nabcd");
            assertEquals(413, read(s.getInputStream()).status());
            send(s, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals("GET /echo []", read(s.getInputStream()).body());
        }
    }

    @Test
    void headRequestsGetNoBody() throws Exception {
        try (Socket s = connect()) {
            send(s, "HEAD /echo HTTP/1.1\r\nHost: t\r\n\r\nGET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
            InputStream in = s.getInputStream();
            assertEquals("HTTP/1.1 200 OK", line(in));
            while (!line(in).isEmpty()) {
                // headers of the HEAD response
            }
            assertEquals("HTTP/1.1 200 OK", line(in), "the next response follows the HEAD headers directly");
        }
    }

    @Test
    void malformedHeadsAreRefusedWithAJsonBodyAndTheConnectionClosed() throws Exception {
        String longHeader = "X-Long: " + "a".repeat(RequestHead.MAX_LINE + 10) + "\r\n";
        String manyHeaders = "X-H: 1\r\n".repeat(RequestHead.MAX_HEADERS + 1);
        String[][] cases = {
                {"GARBAGE\r\n\r\n", "400"},
                {"GET /echo HTTP/2.0\r\n\r\n", "505"},
                {"GET /a b HTTP/1.1\r\nHost: t\r\n\r\n", "400"},
                {"GET /echo HTTP/1.1\r\nHost: t\r\nNoColon\r\n\r\n", "400"},
                {"GET /echo HTTP/1.1\r\nHost: t\r\n" + longHeader + "\r\n", "431"},
                {"GET /echo HTTP/1.1\r\nHost: t\r\n" + manyHeaders + "\r\n", "431"},
                {"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", "400"},
                {"POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", "400"},
                {"POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", "501"},
                {"GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n", "404"},
        };
        for (String[] c : cases) {
            try (Socket s = connect()) {
                send(s, c[0]);
                Response r = read(s.getInputStream());
                assertEquals(Integer.parseInt(c[1]), r.status(), c[0].substring(0, Math.min(40, c[0].length())));
                assertTrue(r.body().startsWith("{\"error\":"), r.body());
                assertTrue(closedByServer(s));
            }
        }
    }

    @Test
    void aHandlerThatThrowsGetsA500AndTheConnectionEnds() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /crash HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(500, read(s.getInputStream()).status());
            assertTrue(closedByServer(s));
        }
    }

    @Test
    void aHandlerThatClosesWithoutAnsweringGetsA500() throws Exception {
        try (Socket s = connect()) {
            send(s, "GET /silent HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(500, read(s.getInputStream()).status());
        }
    }

    @Test
    void aClientThatLeavesMidRequestDoesNotDisturbOthers() throws Exception {
        try (Socket gone = connect()) {
            send(gone, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
        }
        try (Socket s = connect()) {
            send(s, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(200, read(s.getInputStream()).status());
        }
    }

    @Test
    void stopClosesIdleConnections() throws Exception {
        LeanHttpServer own = LeanHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        own.createContext("/", ex -> respond(ex, 200, "ok"));
        own.start();
        try (Socket s = new Socket("127.0.0.1", own.getAddress().getPort())) {
            s.setSoTimeout(5000);
            send(s, "GET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals("ok", read(s.getInputStream()).body());
            own.stop(0);
            assertTrue(closedByServer(s));
        }
    }
}
