package aistudioproxy.streamproxy;

import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * One client connection to the proxy, on its own thread.
 *
 * <pre>
 *   read first request ─┬─ CONNECT, host intercepted ──▶ 200 ─▶ TLS (our cert) ─▶ relay requests, tap responses
 *                       ├─ CONNECT, other host ────────▶ 200 ─▶ tunnel bytes untouched
 *                       ├─ absolute-form http:// ───────▶ forward, relay response (repeat while kept alive)
 *                       ├─ GET /_events (loopback) ─────▶ event stream
 *                       └─ anything else ───────────────▶ 400
 * </pre>
 * CONNECT and absolute-form requests need the proxy's credential (407 without); the first head,
 * a TLS handshake and the wait for a kept-alive connection's next request are bounded
 * ({@link ConnectionDeadlines}).
 */
final class ProxyConnection implements Runnable {
    private static final int JSERROR_BODY_LIMIT = 64 * 1024;
    private static final String[] QUOTA_WORDS = {"exceeded quota", "exceeded your current quota", "resource_exhausted", "failed to generate content"};

    private final Socket client;
    /** The label of the browser this connection's proxied requests come from ("" with no credential). */
    private String browser = "";
    private final StreamProxy proxy;

    ProxyConnection(Socket client, StreamProxy proxy) {
        this.client = client;
        this.proxy = proxy;
    }

    @Override
    public void run() {
        try (Socket c = client) {
            c.setTcpNoDelay(true);
            HeadDeadline deadline = new HeadDeadline(c, proxy.deadlines().headMs());
            BufferedInputStream in = new BufferedInputStream(deadline);
            OutputStream out = new BufferedOutputStream(c.getOutputStream());
            HttpHead head = HttpHead.read(in);
            if (head == null) return;
            deadline.disarm();
            String target = head.target();
            boolean proxied = head.method().equals("CONNECT") || target.startsWith("http://");
            if (proxied) browser = proxy.access().browserOf(head.header("Proxy-Authorization"));
            if (proxied && browser == null) {
                refuseUnauthenticated(out, target);
            } else if (head.method().equals("CONNECT")) {
                connect(head, in, out);
            } else if (target.startsWith("http://")) {
                forwardPlain(head, in, out);
            } else if (target.equals("/_events") && head.method().equals("GET")) {
                if (!c.getInetAddress().isLoopbackAddress()) respond(out, 403, "the event channel answers loopback only");
                else if (!proxy.access().eventsAllowed(head.header("X-Events-Token"))) respond(out, 403, "the event channel needs its token");
                else new EventsEndpoint(proxy.hub()).serve(out);
            } else if (target.equals("/_health")) {
                respond(out, 200, "ok");
            } else {
                respond(out, 400, "this is a proxy: send absolute-form or CONNECT requests");
            }
        } catch (IOException e) {
            ProxyLog.log(ProxyLog.Level.DEBUG, "ProxyConnection", "proxy_connection_closed why=" + e.getMessage());
        } catch (RuntimeException e) {
            ProxyLog.log(ProxyLog.Level.WARNING, "ProxyConnection", "proxy_connection_failed", e);
        }
    }

    private void connect(HttpHead head, BufferedInputStream in, OutputStream out) throws IOException {
        String authority = head.target();
        int colon = authority.lastIndexOf(':');
        String host = colon > 0 ? authority.substring(0, colon) : authority;
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(authority.substring(colon + 1)) : 443;
        } catch (NumberFormatException e) {
            respond(out, 400, "bad CONNECT target " + authority);
            return;
        }
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (!proxy.mayConnect(host, port)) {
            refusePort(out, authority);
            return;
        }
        if (proxy.intercepts(host, port)) {
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            mitm(host, port, in);
            return;
        }
        Socket upstream;
        try {
            upstream = proxy.upstream().open(host, port, false);
        } catch (IOException e) {
            respond(out, 502, "cannot reach " + authority + ": " + e.getMessage());
            return;
        }
        out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Tunnel.pipe(client, in, upstream);
    }

    /** Terminates TLS with a certificate for {@code host}, then relays request by request. */
    private void mitm(String host, int port, BufferedInputStream in) throws IOException {
        byte[] early = in.readNBytes(in.available());
        SSLSocket tls;
        try {
            tls = (SSLSocket) proxy.certificates().contextFor(host).getSocketFactory()
                    .createSocket(client, new ByteArrayInputStream(early), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue a certificate for " + host, e);
        }
        tls.setUseClientMode(false);
        var params = tls.getSSLParameters();
        params.setApplicationProtocols(new String[] {"http/1.1"});
        tls.setSSLParameters(params);
        tls.setSoTimeout(proxy.deadlines().handshakeMs());
        tls.startHandshake();
        // From here on, reads from the browser are the next request's head or a request body: bounded by the idle deadline.
        tls.setSoTimeout(proxy.deadlines().idleMs());
        InputStream tin = new BufferedInputStream(tls.getInputStream());
        OutputStream tout = new BufferedOutputStream(tls.getOutputStream());
        try (OriginLink origin = new OriginLink(proxy.upstream(), host, port, System::nanoTime)) {
            while (true) {
                HttpHead req = HttpHead.read(tin);
                if (req == null) return;
                proxy.activity().begin();
                try {
                    if (!exchange(req, tin, tout, origin)) return;
                } finally {
                    proxy.activity().end();
                }
            }
        }
    }

    /** One request/response through an intercepted connection; false when the connection must close. */
    private boolean exchange(HttpHead req, InputStream tin, OutputStream tout, OriginLink origin) throws IOException {
        String path = req.target().toLowerCase(Locale.ROOT);
        boolean tapped = req.method().equals("POST") && path.contains("generatecontent");
        try (ResponseTap tap = tapped ? new ResponseTap(proxy.hub(), browser) : null) {
            try {
                return relayExchange(req, path, tin, tout, origin, tap);
            } catch (IOException e) {
                if (tap != null) tap.end(false);
                throw e;
            }
        }
    }

    private boolean relayExchange(HttpHead req, String path, InputStream tin, OutputStream tout, OriginLink origin, ResponseTap tap)
            throws IOException {
        Socket upstream = origin.forRequest();
        boolean reused = origin.reused();
        RequestCopy sent = new RequestCopy(new BufferedOutputStream(upstream.getOutputStream()), reused ? RequestCopy.LIMIT : 0);
        boolean jserror = path.contains("jserror");
        sent.write(req.without("Proxy-Connection", "Proxy-Authorization").bytes());
        ByteArrayOutputStream reqBody = new ByteArrayOutputStream();
        BodyRelay.Tap reqTap = jserror ? (b, off, len) -> {
            if (reqBody.size() < JSERROR_BODY_LIMIT) reqBody.write(b, off, Math.min(len, JSERROR_BODY_LIMIT - reqBody.size()));
        } : BodyRelay.Tap.NONE;
        BodyRelay.relay(req, req.chunked() || req.contentLength() > 0, tin, sent, reqTap);
        sent.flush();
        if (jserror) checkQuota(req.target() + " " + reqBody.toString(StandardCharsets.UTF_8));
        InputStream uin = new BufferedInputStream(upstream.getInputStream());
        HttpHead resp;
        try {
            resp = HttpHead.read(uin);
        } catch (IOException e) {
            if (!reused) throw e;
            resp = null; // a reset of a link the origin had already given up on
        }
        if (resp == null && reused && sent.complete()) {
            // The origin had closed the kept-alive link before our request arrived: send it again, once, on a new one.
            ProxyLog.log(ProxyLog.Level.DEBUG, "ProxyConnection", "origin_link_stale: request sent again on a new link");
            upstream = origin.reopen();
            upstream.getOutputStream().write(sent.bytes());
            upstream.getOutputStream().flush();
            uin = new BufferedInputStream(upstream.getInputStream());
            resp = HttpHead.read(uin);
        }
        if (resp == null) throw new IOException("upstream closed without a response");
        if (tap != null) tap.response(resp);
        tout.write(resp.bytes());
        tout.flush();
        int status = resp.status();
        boolean hasBody = !req.method().equals("HEAD") && status >= 200 && status != 204 && status != 304;
        boolean complete = BodyRelay.relay(resp, hasBody, uin, tout, tap == null ? BodyRelay.Tap.NONE : tap);
        if (tap != null) tap.end(complete || !resp.chunked() && resp.contentLength() < 0);
        origin.answered();
        return complete && !"close".equalsIgnoreCase(resp.header("Connection")) && !"close".equalsIgnoreCase(req.header("Connection"));
    }

    private void checkQuota(String report) {
        String r = java.net.URLDecoder.decode(report.replace("+", "%2B"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String w : QUOTA_WORDS) {
            if (r.contains(w)) {
                // The page reports a failure right after it happens: tag it with the newest generation, so
                // the main server can tell a report on its own generation from a late one on an older.
                long gen = proxy.hub().latestGeneration(browser);
                String message = report.length() > 500 ? report.substring(0, 500) : report;
                proxy.hub().publish(seq -> new ProxyEvent.Quota(seq, gen, message));
                return;
            }
        }
    }

    /** Plain HTTP in absolute form: forwarded to the origin (or the upstream proxy), kept alive while the client wants. */
    private void forwardPlain(HttpHead first, InputStream in, OutputStream out) throws IOException {
        HttpHead req = first;
        Socket upstream = null;
        String upstreamKey = null;
        boolean counted = false; // this request is counted in the proxy's activity (not the idle wait for the next)
        try {
            while (req != null) {
                proxy.activity().begin();
                counted = true;
                URI uri = URI.create(req.target());
                int port = uri.getPort() > 0 ? uri.getPort() : 80;
                String key = uri.getHost() + ":" + port;
                if (uri.getHost() == null || !proxy.mayConnect(uri.getHost(), port)) {
                    refusePort(out, key);
                    return;
                }
                if (upstream == null || !key.equals(upstreamKey)) {
                    if (upstream != null) upstream.close();
                    try {
                        upstream = proxy.upstream().viaProxy() ? proxy.upstream().openProxy() : proxy.upstream().open(uri.getHost(), port, false);
                    } catch (IOException e) {
                        respond(out, 502, "cannot reach " + key + ": " + e.getMessage());
                        return;
                    }
                    upstreamKey = key;
                }
                HttpHead outgoing = req.without("Proxy-Connection", "Proxy-Authorization");
                if (proxy.upstream().viaProxy()) {
                    String auth = proxy.upstream().proxyAuthorization();
                    if (auth != null) outgoing = outgoing.with("Proxy-Authorization", auth);
                } else {
                    String originForm = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    String[] parts = req.startLine().split(" ");
                    outgoing = outgoing.withStartLine(parts[0] + " " + originForm + " " + (parts.length > 2 ? parts[2] : "HTTP/1.1"));
                }
                if (req != first && !proxy.access().admits(req.header("Proxy-Authorization"))) {
                    refuseUnauthenticated(out, req.target());
                    return;
                }
                InputStream uin = new BufferedInputStream(upstream.getInputStream());
                OutputStream uout = new BufferedOutputStream(upstream.getOutputStream());
                uout.write(outgoing.bytes());
                BodyRelay.relay(req, req.chunked() || req.contentLength() > 0, in, uout, BodyRelay.Tap.NONE);
                uout.flush();
                HttpHead resp = HttpHead.read(uin);
                if (resp == null) throw new IOException("upstream closed without a response");
                out.write(resp.bytes());
                int status = resp.status();
                boolean hasBody = !req.method().equals("HEAD") && status >= 200 && status != 204 && status != 304;
                boolean complete = BodyRelay.relay(resp, hasBody, uin, out, BodyRelay.Tap.NONE);
                out.flush();
                if (!complete || "close".equalsIgnoreCase(resp.header("Connection")) || "close".equalsIgnoreCase(req.header("Connection"))) return;
                proxy.activity().end();
                counted = false;
                client.setSoTimeout(proxy.deadlines().idleMs());
                req = HttpHead.read(in);
            }
        } finally {
            if (counted) proxy.activity().end();
            if (upstream != null) upstream.close();
        }
    }

    /** A target on a port the proxy does not connect to: logged and refused (403). */
    private static void refusePort(OutputStream out, String target) throws IOException {
        ProxyLog.log(ProxyLog.Level.WARNING, "ProxyConnection", "proxy_refused target=" + target + " why=port");
        respond(out, 403, "this proxy connects to ports 443 and 80 only (stream-proxy --tunnel-ports for more)");
    }

    /** A proxied request without the credential: logged and refused (407 with the Basic challenge). */
    private static void refuseUnauthenticated(OutputStream out, String target) throws IOException {
        ProxyLog.log(ProxyLog.Level.WARNING, "ProxyConnection", "proxy_refused target=" + target + " why=credential");
        respond(out, 407, "this proxy serves the browser aistudio-proxy started; it needs its credential",
                "Proxy-Authenticate: Basic realm=\"aistudio-proxy\"\r\n");
    }

    static void respond(OutputStream out, int status, String message) throws IOException {
        respond(out, status, message, "");
    }

    private static void respond(OutputStream out, int status, String message, String extraHeaders) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\n" + extraHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
