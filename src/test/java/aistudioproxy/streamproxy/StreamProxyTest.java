package aistudioproxy.streamproxy;

import aistudioproxy.tls.CertificateAuthority;
import aistudioproxy.tls.ServerContexts;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy on raw sockets: one battery of exchanges, run through each way of getting to the origin. */
class StreamProxyTest {
    enum Mode { PLAIN_FORWARD, CONNECT_TUNNEL, MITM, MITM_VIA_UPSTREAM }

    @TempDir
    static Path dataDir;
    static HttpServer plainOrigin;
    static HttpsServer tlsOrigin;
    static X509Certificate originCa;
    static StreamProxy proxy;
    static StreamProxy chained;
    static StreamProxy tunnelling;
    static ServerSocket upstreamProxy;
    static final List<String> upstreamSaw = new CopyOnWriteArrayList<>();
    static final Semaphore partSeen = new Semaphore(0);

    @BeforeAll
    static void start() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("test origin CA");
        originCa = ca.certificate();
        plainOrigin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        tlsOrigin = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        tlsOrigin.setHttpsConfigurator(new HttpsConfigurator(ServerContexts.forIssued(ca.issue("127.0.0.1"))));
        for (HttpServer s : List.of(plainOrigin, tlsOrigin)) {
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.createContext("/hello", ex -> {
                byte[] b = "hello".getBytes();
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            });
            s.createContext("/echo", ex -> {
                byte[] b = ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                ex.close();
            });
            s.createContext("/stream", ex -> {
                ex.sendResponseHeaders(200, 0);
                for (int i = 0; i < 5; i++) {
                    ex.getResponseBody().write(("part" + i + ";").getBytes());
                    ex.getResponseBody().flush();
                }
                ex.close();
            });
            s.createContext("/lockstep", ex -> {
                // Each part is sent only once the client has seen the one before it.
                ex.sendResponseHeaders(200, 0);
                try {
                    for (int i = 0; i < 3; i++) {
                        if (i > 0 && !partSeen.tryAcquire(5, TimeUnit.SECONDS)) break;
                        ex.getResponseBody().write(("part" + i + ";").getBytes());
                        ex.getResponseBody().flush();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
            });
            s.createContext("/_/AiStudioUi/jserror", ex -> {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            s.createContext("/$rpc/x.MakerSuiteService/GenerateContent", ex -> {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write("[[[[[[null,\"Hi \"]],\"model\"]]],null,[1,1,2]],".getBytes());
                ex.getResponseBody().flush();
                ex.getResponseBody().write("[[[[[[null,\"there\"]],\"model\"]]],null,[1,2,3]],[null,null,[1,2,3],\"x\",1]]".getBytes());
                ex.close();
            });
            s.start();
        }
        proxy = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of("127.0.0.1:" + tlsOrigin.getAddress().getPort()), null, dataDir, true,
                List.of(plainOrigin.getAddress().getPort())));
        proxy.start();
        tunnelling = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of(), null, dataDir.resolve("tunnel"), true,
                List.of(tlsOrigin.getAddress().getPort(), plainOrigin.getAddress().getPort())));
        tunnelling.start();
        upstreamProxy = new ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(StreamProxyTest::runRecordingUpstream);
        chained = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of("127.0.0.1:" + tlsOrigin.getAddress().getPort()),
                java.net.URI.create("http://user:p%40ss@127.0.0.1:" + upstreamProxy.getLocalPort()), dataDir.resolve("chained"), true));
        chained.start();
    }

    /** A minimal upstream proxy: records each CONNECT line and Proxy-Authorization, then tunnels. */
    static void runRecordingUpstream() {
        while (!upstreamProxy.isClosed()) {
            try {
                Socket c = upstreamProxy.accept();
                Thread.ofVirtual().start(() -> {
                    try (c) {
                        BufferedInputStream in = new BufferedInputStream(c.getInputStream());
                        HttpHead head = HttpHead.read(in);
                        upstreamSaw.add(head.startLine() + " auth=" + head.header("Proxy-Authorization"));
                        String[] hp = head.target().split(":");
                        Socket up = new Socket("127.0.0.1", Integer.parseInt(hp[1]));
                        c.getOutputStream().write("HTTP/1.1 200 OK\r\n\r\n".getBytes());
                        c.getOutputStream().flush();
                        Tunnel.pipe(c, in, up);
                    } catch (IOException ignored) {
                        // test peer went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        chained.close();
        tunnelling.close();
        upstreamProxy.close();
        plainOrigin.stop(0);
        tlsOrigin.stop(0);
    }

    /** A client connection in the given mode, ready for origin-form (TLS) or absolute-form (plain) requests. */
    record Conn(Socket socket, InputStream in, OutputStream out, String prefix) {}

    static Conn open(Mode mode) throws Exception {
        StreamProxy via = switch (mode) {
            case MITM_VIA_UPSTREAM -> chained;
            case CONNECT_TUNNEL -> tunnelling;
            default -> proxy;
        };
        Socket s = new Socket("127.0.0.1", via.port());
        s.setSoTimeout(10_000);
        if (mode == Mode.PLAIN_FORWARD) {
            return new Conn(s, new BufferedInputStream(s.getInputStream()), s.getOutputStream(), "http://127.0.0.1:" + plainOrigin.getAddress().getPort());
        }
        String authority = "127.0.0.1:" + tlsOrigin.getAddress().getPort();
        s.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes());
        InputStream raw = s.getInputStream();
        HttpHead ok = HttpHead.read(raw);
        assertEquals(200, ok.status());
        X509Certificate trusted = mode == Mode.CONNECT_TUNNEL ? originCa : via.caCertificate();
        SSLSocket tls = (SSLSocket) trusting(trusted).getSocketFactory().createSocket(s, "127.0.0.1", tlsOrigin.getAddress().getPort(), true);
        tls.startHandshake();
        return new Conn(tls, new BufferedInputStream(tls.getInputStream()), tls.getOutputStream(), "");
    }

    static SSLContext trusting(X509Certificate ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static String exchange(Conn c, String method, String path, String body) throws IOException {
        String req = method + " " + c.prefix() + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (body == null ? "" : "Content-Length: " + body.getBytes().length + "\r\n") + "\r\n" + (body == null ? "" : body);
        c.out().write(req.getBytes(StandardCharsets.UTF_8));
        c.out().flush();
        HttpHead resp = HttpHead.read(c.in());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        BodyRelay.relay(resp, true, c.in(), b, BodyRelay.Tap.NONE);
        String raw = b.toString(StandardCharsets.UTF_8);
        if (resp.chunked()) raw = raw.replaceAll("(?m)^[0-9a-fA-F]+\r\n", "").replace("\r\n", "");
        return resp.status() + " " + raw;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sameBatteryPassesInEveryMode(Mode mode) throws Exception {
        Conn c = open(mode);
        try (Socket s = c.socket()) {
            assertEquals("200 hello", exchange(c, "GET", "/hello", null));
            assertEquals("200 ping-pong ünïcode", exchange(c, "POST", "/echo", "ping-pong ünïcode"), "request bodies pass");
            assertEquals("200 part0;part1;part2;part3;part4;", exchange(c, "GET", "/stream", null), "chunked responses pass");
            assertEquals("200 hello", exchange(c, "GET", "/hello", null), "the connection is kept alive");
        }
    }

    /** A streamed body is never held back: the origin sends each part only after the client has read the previous one. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamedPartsPassOneAtATime(Mode mode) throws Exception {
        partSeen.drainPermits();
        Conn c = open(mode);
        try (Socket s = c.socket()) {
            c.out().write(("GET " + c.prefix() + "/lockstep HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            c.out().flush();
            assertEquals(200, HttpHead.read(c.in()).status());
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                String part = "part" + i + ";";
                while (seen.indexOf(part) < 0) {
                    int b = c.in().read(); // a part held back by the proxy ends this read in the socket timeout
                    assertTrue(b >= 0, "the body ended before " + part);
                    seen.append((char) b);
                }
                partSeen.release();
            }
        }
    }

    /** Subscribes to the proxy's event channel on a raw socket; returns the stream after the response head. */
    static InputStream subscribe(Socket events) throws Exception {
        events.setSoTimeout(10_000);
        events.getOutputStream().write("GET /_events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        InputStream in = new BufferedInputStream(events.getInputStream());
        assertEquals("text/event-stream; charset=utf-8", HttpHead.read(in).header("Content-Type"));
        Thread.sleep(100); // the hub registers the subscriber after the head is written
        return in;
    }

    @Test
    void interceptedGenerateContentIsPublishedOnTheEventChannel() throws Exception {
        try (Socket events = new Socket("127.0.0.1", proxy.port())) {
            InputStream ein = subscribe(events);
            Conn c = open(Mode.MITM);
            try (Socket s = c.socket()) {
                assertTrue(exchange(c, "POST", "/$rpc/x.MakerSuiteService/GenerateContent", "[]").startsWith("200 [[[[[[null,\"Hi \"]]"));
            }
            String s = aistudioproxy.testing.Http.readUntil(ein, "\"kind\":\"done\"");
            assertTrue(s.contains("\"kind\":\"start\""), s);
            assertTrue(s.matches("(?s).*\"kind\":\"text\",\"text\":\"Hi \".*\"kind\":\"text\",\"text\":\"there\".*\"kind\":\"done\".*"), s);
        }
    }

    /** A page's failure report with quota words becomes a quota event about the generation the page ran last. */
    @Test
    void quotaWordsInAJserrorReportNameTheNewestGeneration() throws Exception {
        try (Socket events = new Socket("127.0.0.1", proxy.port())) {
            InputStream ein = subscribe(events);
            Conn c = open(Mode.MITM);
            try (Socket s = c.socket()) {
                exchange(c, "POST", "/$rpc/x.MakerSuiteService/GenerateContent", "[]");
                exchange(c, "POST", "/_/AiStudioUi/jserror?error=TypeError", "x is undefined");
                exchange(c, "POST", "/_/AiStudioUi/jserror?error=Failed%20to%20generate%20content", "RESOURCE_EXHAUSTED: You exceeded your current quota");
            }
            String s = aistudioproxy.testing.Http.readUntil(ein, "\"kind\":\"quota\"");
            var start = java.util.regex.Pattern.compile("\"gen\":(\\d+),\"kind\":\"start\"").matcher(s);
            var quota = java.util.regex.Pattern.compile("\"gen\":(\\d+),\"kind\":\"quota\"[^\\n]*RESOURCE_EXHAUSTED").matcher(s);
            assertTrue(start.find() && quota.find(), s);
            assertEquals(start.group(1), quota.group(1), s);
            assertEquals(1, s.split("\"kind\":\"quota\"", -1).length - 1, "the harmless report raised nothing: " + s);
        }
    }

    @Test
    void upstreamProxyGetsTheConnectWithBasicAuth() throws Exception {
        upstreamSaw.clear();
        Conn c = open(Mode.MITM_VIA_UPSTREAM);
        try (Socket s = c.socket()) {
            assertEquals("200 hello", exchange(c, "GET", "/hello", null));
        }
        assertEquals(1, upstreamSaw.size(), upstreamSaw.toString());
        assertTrue(upstreamSaw.getFirst().startsWith("CONNECT 127.0.0.1:" + tlsOrigin.getAddress().getPort()));
        assertTrue(upstreamSaw.getFirst().endsWith("auth=Basic " + java.util.Base64.getEncoder().encodeToString("user:p@ss".getBytes())));
    }

    @Test
    void caKeyIsPrivateToTheUser() throws Exception {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dataDir.resolve("proxy-ca/ca.key"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
    }

    /** The event channel carries every answer: with a token set, a request without it is refused. */
    @Test
    void theEventChannelNeedsItsToken() throws Exception {
        try (StreamProxy guarded = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of(), null, dataDir.resolve("token"), true, List.of(),
                new ProxyAccess(null, "s3cret"), ProxyOptions.DEFAULT_MAX_CONNECTIONS))) {
            guarded.start();
            for (String[] c : new String[][] {{"", "HTTP/1.1 403"}, {"X-Events-Token: wrong\r\n", "HTTP/1.1 403"}, {"X-Events-Token: s3cret\r\n", "HTTP/1.1 200"}}) {
                try (Socket s = new Socket("127.0.0.1", guarded.port())) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(("GET /_events HTTP/1.1\r\nHost: x\r\n" + c[0] + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    assertEquals(c[1], new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.ISO_8859_1), c[0]);
                }
            }
        }
    }

    /**
     * With a credential set, every proxied request must carry it: CONNECT and absolute-form
     * requests without it, or with a wrong one, get a 407 with the Basic challenge (what makes the
     * browser answer with the credential it was given); a kept-alive connection is checked on
     * each request.
     */
    @Test
    void proxiedRequestsNeedTheCredential() throws Exception {
        int plain = plainOrigin.getAddress().getPort();
        try (StreamProxy guarded = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of(), null, dataDir.resolve("credential"), true,
                List.of(plain, tlsOrigin.getAddress().getPort()), new ProxyAccess("browser:pa55", null), 8))) {
            guarded.start();
            String good = "Proxy-Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("browser:pa55".getBytes()) + "\r\n";
            String wrong = "Proxy-Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("browser:guess".getBytes()) + "\r\n";
            String get = "GET http://127.0.0.1:" + plain + "/hello HTTP/1.1\r\nHost: 127.0.0.1:" + plain + "\r\n";
            String connect = "CONNECT 127.0.0.1:" + tlsOrigin.getAddress().getPort() + " HTTP/1.1\r\nHost: x\r\n";
            for (String refused : new String[] {get + "\r\n", get + wrong + "\r\n", get + "Proxy-Authorization: Bearer x\r\n\r\n",
                    get + "Proxy-Authorization: Basic !!\r\n\r\n", connect + "\r\n", connect + wrong + "\r\n"}) {
                try (Socket s = new Socket("127.0.0.1", guarded.port())) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(refused.getBytes(StandardCharsets.ISO_8859_1));
                    HttpHead head = HttpHead.read(s.getInputStream());
                    assertEquals(407, head.status(), refused);
                    assertEquals("Basic realm=\"aistudio-proxy\"", head.header("Proxy-Authenticate"), refused);
                }
            }
            try (Socket s = new Socket("127.0.0.1", guarded.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write((connect + good + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(200, HttpHead.read(s.getInputStream()).status());
            }
            try (Socket s = new Socket("127.0.0.1", guarded.port())) {
                s.setSoTimeout(5000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                s.getOutputStream().write((get + good + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                HttpHead first = HttpHead.read(in);
                assertEquals(200, first.status());
                in.readNBytes((int) first.contentLength());
                s.getOutputStream().write((get + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(407, HttpHead.read(in).status(), "the second request on the connection is checked too");
            }
        }
    }

    /** A connection that stops talking gives its slot back: one whose TLS handshake never comes, and one idle after a request. */
    @Test
    void silentConnectionsAreClosed() throws Exception {
        proxy.deadlines(new ConnectionDeadlines(10_000, 400, 600));
        try {
            String authority = "127.0.0.1:" + tlsOrigin.getAddress().getPort();
            try (Socket s = new Socket("127.0.0.1", proxy.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                assertEquals(200, HttpHead.read(in).status());
                assertClosedAfter(in, 400, "no handshake");
            }
            for (Mode mode : List.of(Mode.MITM, Mode.PLAIN_FORWARD)) {
                Conn c = open(mode);
                try (Socket s = c.socket()) {
                    assertEquals("200 hello", exchange(c, "GET", "/hello", null));
                    assertClosedAfter(c.in(), 600, mode + ", idle after a request");
                }
            }
        } finally {
            proxy.deadlines(ConnectionDeadlines.DEFAULT);
        }
    }

    /** The peer closes the connection (EOF, or a TLS error for a close without close_notify) no sooner than {@code atLeastMs}, well within 5 s. */
    private static void assertClosedAfter(InputStream in, long atLeastMs, String what) {
        long t0 = System.nanoTime();
        int got;
        try {
            got = in.read();
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError(what + ": still open after the client's 10 s timeout");
        } catch (IOException closed) {
            got = -1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(-1, got, what + ": the proxy sent something instead of closing");
        // The proxy's idle clock starts when it sent the answer, this one when the client starts reading: a loaded machine shows it shorter.
        assertTrue(ms >= atLeastMs - 150 && ms < 5000, what + ": closed after " + ms + " ms");
    }

    /** Connections beyond the cap get a 503 at once; the held ones keep working and a slot freed is a slot for the next. */
    @Test
    void connectionsBeyondTheCapGet503() throws Exception {
        try (StreamProxy capped = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of(), null, dataDir.resolve("capped"), true,
                List.of(plainOrigin.getAddress().getPort()), ProxyAccess.OPEN, 8))) {
            capped.start();
            List<Socket> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket("127.0.0.1", capped.port());
                    held.add(s);
                }
                long end = System.nanoTime() + 5_000_000_000L;
                while (capped.openConnections() < 8 && System.nanoTime() < end) Thread.sleep(5);
                try (Socket extra = new Socket("127.0.0.1", capped.port())) {
                    extra.setSoTimeout(5000);
                    extra.getOutputStream().write("CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    assertEquals(503, HttpHead.read(extra.getInputStream()).status());
                }
                held.removeFirst().close();
                while (capped.openConnections() > 7 && System.nanoTime() < end) Thread.sleep(5);
                try (Socket next = new Socket("127.0.0.1", capped.port())) {
                    next.setSoTimeout(5000);
                    next.getOutputStream().write("GET /_health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    assertEquals(200, HttpHead.read(next.getInputStream()).status());
                }
            } finally {
                for (Socket s : held) s.close();
            }
        }
    }

    /** The browser's proxy reaches 443, 80, the intercepted hosts and configured ports only: no SSH, no internal admin ports. */
    @Test
    void otherPortsAreRefused() throws Exception {
        for (String request : new String[] {"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n",
                "GET http://127.0.0.1:6379/ HTTP/1.1\r\nHost: 127.0.0.1:6379\r\n\r\n",
                "CONNECT 127.0.0.1:notaport HTTP/1.1\r\nHost: x\r\n\r\n"}) {
            try (Socket s = new Socket("127.0.0.1", tunnelling.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String status = new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(status.equals("HTTP/1.1 403") || (request.contains("notaport") && status.equals("HTTP/1.1 400")), request + " -> " + status);
            }
        }
    }

    @Test
    void nonProxyRequestsAreRefusedClearly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            s.getOutputStream().write("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertEquals(400, HttpHead.read(s.getInputStream()).status());
        }
    }
}
