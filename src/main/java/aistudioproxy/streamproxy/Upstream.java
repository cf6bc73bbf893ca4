package aistudioproxy.streamproxy;

import aistudioproxy.tls.CertificateAuthority;
import aistudioproxy.tls.ClientContexts;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * Opens outbound connections: directly, or through the configured upstream proxy (CONNECT with
 * basic auth); optionally wrapped in TLS, verifying the origin's certificate and host name
 * (except for loopback origins when told to trust them: the simulator).
 */
final class Upstream {
    private static final int CONNECT_TIMEOUT_MS = 15_000;

    private final URI proxy;
    private final boolean trustLoopback;
    private final SSLContext trusting;
    private volatile SSLContext verifying;

    Upstream(URI proxy, boolean trustLoopback) throws GeneralSecurityException {
        this.proxy = proxy;
        this.trustLoopback = trustLoopback;
        this.trusting = trustLoopback ? ClientContexts.trustingSimulator() : null;
    }

    /**
     * The JDK's default, verifying client context, made on first use: it reads the CA trust
     * store and brings in certificate-path validation (~230 classes, about 3 MB resident in the
     * proxy process, measured), which a proxy that only ever meets the simulator never needs.
     */
    private SSLContext verifying() throws IOException {
        SSLContext v = verifying;
        if (v == null) {
            try {
                verifying = v = SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IOException("no default TLS context: " + e.getMessage(), e);
            }
        }
        return v;
    }

    boolean viaProxy() {
        return proxy != null;
    }

    /** {@code Proxy-Authorization} value for the upstream proxy, or null. */
    String proxyAuthorization() {
        if (proxy == null || proxy.getRawUserInfo() == null) return null;
        String[] up = proxy.getRawUserInfo().split(":", 2);
        String user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
        String pass = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : "";
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    /** A raw TCP connection to the upstream proxy itself (for forwarding absolute-form requests). */
    Socket openProxy() throws IOException {
        return connect(proxy.getHost(), proxy.getPort() > 0 ? proxy.getPort() : 80);
    }

    /** A connection to {@code host:port}, tunnelled through the upstream proxy if there is one. */
    Socket open(String host, int port, boolean tls) throws IOException {
        Socket s;
        if (proxy == null) {
            s = connect(host, port);
        } else {
            s = openProxy();
            OutputStream out = s.getOutputStream();
            StringBuilder req = new StringBuilder("CONNECT ").append(host).append(':').append(port).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append(':').append(port).append("\r\n");
            String auth = proxyAuthorization();
            if (auth != null) req.append("Proxy-Authorization: ").append(auth).append("\r\n");
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            HttpHead resp = HttpHead.read(in);
            if (resp == null || resp.status() != 200) {
                s.close();
                throw new IOException("upstream proxy refused CONNECT " + host + ":" + port + ": " + (resp == null ? "closed" : resp.startLine()));
            }
        }
        return tls ? tls(s, host, port) : s;
    }

    private Socket tls(Socket raw, String host, int port) throws IOException {
        boolean loopback = isLoopback(host);
        SSLContext ctx = loopback && trustLoopback ? trusting : verifying();
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        if (!(loopback && trustLoopback)) p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!CertificateAuthority.isIpLiteral(host)) p.setServerNames(List.of(new SNIHostName(host)));
        p.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        return ssl;
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        return s;
    }

    static boolean isLoopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
