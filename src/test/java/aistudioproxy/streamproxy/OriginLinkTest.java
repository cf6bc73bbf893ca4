package aistudioproxy.streamproxy;

import aistudioproxy.tls.CertificateAuthority;
import aistudioproxy.tls.ServerContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intercepted connection's link to the origin, against an origin that drops every kept-alive
 * connection shortly after answering on it (as servers do to idle connections), without saying so.
 */
class OriginLinkTest {
    static final String ANSWER = "[[[[[[null,\"Hi\"]],\"model\"]]],null,[1,1,2]]]";

    @TempDir
    static Path dataDir;
    static SSLServerSocket origin;
    static final AtomicInteger accepted = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        var ctx = ServerContexts.forIssued(CertificateAuthority.create("closing origin CA").issue("127.0.0.1"));
        origin = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!origin.isClosed()) {
                try {
                    Socket s = origin.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> answerOnceThenDrop(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws IOException {
        origin.close();
    }

    /** One answer with keep-alive framing, then the connection is closed 100 ms later, unannounced. */
    static void answerOnceThenDrop(Socket s) {
        try (s) {
            ((SSLSocket) s).startHandshake();
            InputStream in = new BufferedInputStream(s.getInputStream());
            HttpHead req = HttpHead.read(in);
            if (req == null) return;
            in.readNBytes((int) Math.max(0, req.contentLength()));
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json+protobuf\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            Thread.sleep(100);
        } catch (IOException | InterruptedException e) {
            // the proxy went away first
        }
    }

    @Test
    void requestMeetingAClosedLinkIsSentAgainOnANewOne() throws Exception {
        int port = origin.getLocalPort();
        try (StreamProxy proxy = new StreamProxy(new ProxyOptions("127.0.0.1", 0, List.of("127.0.0.1:" + port), null, dataDir, true))) {
            proxy.start();
            EventHub.Subscriber events = proxy.hub().subscribe();
            Socket s = new Socket("127.0.0.1", proxy.port());
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes());
            assertEquals(200, HttpHead.read(s.getInputStream()).status());
            SSLSocket tls = (SSLSocket) StreamProxyTest.trusting(proxy.caCertificate()).getSocketFactory().createSocket(s, "127.0.0.1", port, true);
            tls.startHandshake();
            var conn = new StreamProxyTest.Conn(tls, new BufferedInputStream(tls.getInputStream()), tls.getOutputStream(), "");
            try (tls) {
                int before = accepted.get();
                assertEquals("200 " + ANSWER, StreamProxyTest.exchange(conn, "POST", "/$rpc/x.MakerSuiteService/GenerateContent", "[1]"));
                Thread.sleep(400); // the origin has dropped the link by now
                assertEquals("200 " + ANSWER, StreamProxyTest.exchange(conn, "POST", "/$rpc/x.MakerSuiteService/GenerateContent", "[2]"),
                        "the browser's second request on its kept-alive connection is answered");
                assertEquals(2, accepted.get() - before, "one new link for the second request");
            }
            StringBuilder kinds = new StringBuilder();
            for (ProxyEvent e; (e = events.poll(0)) != null; ) kinds.append(e.kind()).append(e instanceof ProxyEvent.Text t ? ":" + t.text() : "").append(' ');
            assertEquals("start text:Hi done start text:Hi done ", kinds.toString(), "no error for the dropped link");
        }
    }

    @Test
    void linkIdleLongerThanOriginsKeepAliveIsReplacedBeforeTheNextRequest() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        try (OriginLink link = new OriginLink(new Upstream(null, true), "127.0.0.1", origin.getLocalPort(), now::get)) {
            Socket first = link.forRequest();
            assertFalse(link.reused());
            link.answered();
            now.addAndGet(OriginLink.MAX_IDLE_NANOS / 2);
            assertSame(first, link.forRequest(), "a recently used link is kept");
            assertTrue(link.reused());
            link.answered();
            now.addAndGet(OriginLink.MAX_IDLE_NANOS + 1);
            Socket second = link.forRequest();
            assertNotSame(first, second);
            assertTrue(first.isClosed(), "the idle link was closed");
            assertFalse(link.reused(), "a new link has answered nothing yet");
        }
    }
}
