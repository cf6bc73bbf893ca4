package aistudioproxy.httpserver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static aistudioproxy.httpserver.LeanHttpServerTest.closedByServer;
import static aistudioproxy.httpserver.LeanHttpServerTest.read;
import static aistudioproxy.httpserver.LeanHttpServerTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server against clients that mean harm, on raw sockets: heads sent a byte at a time
 * (slowloris), more connections than the cap, heads RFC 9112 says to refuse. Each refusal is
 * logged (here: recorded) and answered in the JSON error shape.
 */
class HostileClientsTest {
    private LeanHttpServer server;
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = LeanHttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.setHeadDeadlineMillis(1000);
        server.setRefusals((why, from) -> refusals.add(why));
        server.createContext("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] out = ("[" + new String(body, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.getAddress().getPort());
        s.setSoTimeout(5000);
        return s;
    }

    /** 500 heads that trickle in are cut off by the head deadline (408) while a normal request is served at once. */
    @Test
    void slowlorisHeadsAreCutOffWhileOthersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                Socket s = connect();
                send(s, "GET /echo HTTP/1.1\r\nHost: t\r\nX-Slow: ");
                slow.add(s);
            }
            long t0 = System.nanoTime();
            try (Socket s = connect()) {
                send(s, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
                assertEquals(200, read(s.getInputStream()).status());
            }
            long servedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(servedMs < 1000, "a normal request among 500 slow ones took " + servedMs + " ms");
            // keep trickling one byte per 300 ms: the per-read timeout alone would never fire
            for (int round = 0; round < 3; round++) {
                Thread.sleep(300);
                for (Socket s : slow) {
                    try {
                        send(s, "a");
                    } catch (IOException closedAlready) {
                        // cut off
                    }
                }
            }
            int cut = 0;
            for (Socket s : slow) {
                try {
                    var r = read(s.getInputStream());
                    if (r.status() == 408 && closedByServer(s)) cut++;
                } catch (IOException reset) {
                    cut++; // the 408 was written before our last bytes; the kernel reset the rest
                }
            }
            assertEquals(500, cut, "every slow head was cut off");
            assertTrue(refusals.stream().filter(r -> r.equals("head_deadline")).count() >= 490, "refusals are logged: " + refusals.size());
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    @Test
    void connectionsBeyondTheCapGetA503() throws Exception {
        server.setMaxConnections(5);
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Socket s = connect();
                send(s, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
                assertEquals(200, read(s.getInputStream()).status()); // kept alive: still counted
                open.add(s);
            }
            try (Socket s = connect()) {
                var r = read(s.getInputStream());
                assertEquals(503, r.status());
                assertTrue(r.body().startsWith("{\"error\":") && r.headers().contains("retry-after: 1"), r.headers() + r.body());
                assertTrue(closedByServer(s));
            }
            assertTrue(refusals.contains("connection_cap max=5"), refusals.toString());
            open.removeFirst().close();
            long end = System.nanoTime() + 5_000_000_000L;
            int status = 0;
            while (status != 200 && System.nanoTime() < end) {
                try (Socket s = connect()) {
                    send(s, "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n");
                    status = read(s.getInputStream()).status();
                } catch (IOException refusedMeanwhile) {
                    status = 0;
                }
            }
            assertEquals(200, status, "a freed slot is usable again");
        } finally {
            for (Socket s : open) s.close();
        }
    }

    @Test
    void headsRfc9112RefusesAreA400() throws Exception {
        String[] cases = {
                "GET /echo HTTP/1.1\r\nHost: t\r\nX-A: a\0b\r\n\r\n",
                "GET /echo HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n",
                "GET /echo HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                "GET /echo HTTP/1.1\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: +1\r\n\r\na",
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
        };
        for (String c : cases) {
            try (Socket s = connect()) {
                send(s, c);
                var r = read(s.getInputStream());
                assertEquals(400, r.status(), c.replace("\r", "\\r").replace("\0", "\\0"));
                assertTrue(r.body().startsWith("{\"error\":"), r.body());
                assertTrue(closedByServer(s));
            }
        }
        // HTTP/1.0 needs no Host.
        try (Socket s = connect()) {
            send(s, "GET /echo HTTP/1.0\r\n\r\n");
            assertEquals(200, read(s.getInputStream()).status());
        }
        assertTrue(refusals.stream().allMatch(r -> r.startsWith("malformed_head status=400")), refusals.toString());
    }

    /** A body that stops coming ends the handler's read with a timeout (the API answers it with a 408). */
    @Test
    void aStalledBodyTimesOutTheRead() throws Exception {
        server.setReadTimeoutMillis(300);
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        server.createContext("/read", ex -> {
            try {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, -1);
            } catch (IOException e) {
                seen.add(e);
                ex.sendResponseHeaders(408, -1);
            }
            ex.close();
        });
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            send(s, "POST /read HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly ten b");
            assertEquals(408, read(s.getInputStream()).status());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 250 && ms < 3000, "timed out after " + ms + " ms");
            assertTrue(seen.getFirst() instanceof java.net.SocketTimeoutException, seen.toString());
        }
    }

    /** Broken chunked framing reaches the handler as a MalformedRequestException with a 400. */
    @Test
    void brokenChunkFramingIsA400ForTheHandler() throws Exception {
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        server.createContext("/chunks", ex -> {
            try {
                ex.getRequestBody().readAllBytes();
                statuses.add(200);
            } catch (MalformedRequestException e) {
                statuses.add(e.status());
            }
            ex.sendResponseHeaders(statuses.getLast(), -1);
            ex.close();
        });
        for (String body : new String[] {"zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcXX0\r\n\r\n", "-3\r\nabc\r\n0\r\n\r\n"}) {
            try (Socket s = connect()) {
                send(s, "POST /chunks HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
                assertEquals(400, read(s.getInputStream()).status(), body);
            }
        }
        assertEquals(List.of(400, 400, 400), statuses);
    }
}
