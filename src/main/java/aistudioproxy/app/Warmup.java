package aistudioproxy.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The server's own request path run once at start, off any client's path: {@code /health},
 * {@code /v1/models} and a chat request refused as invalid, over a plain loopback socket. The
 * HTTP parsing, JSON, the request parser and the error replies then have their classes loaded and
 * their first runs behind them when the first client comes. Nothing is queued and no page is touched.
 */
final class Warmup {
    private static final System.Logger LOG = System.getLogger(Warmup.class.getName());
    private static final int READ_TIMEOUT_MS = 5000;

    private Warmup() {}

    /**
     * Starts the warm-up on its own virtual thread; failures are logged at debug level and
     * otherwise ignored. It sends no key: with API keys required, the chat request stops at the 401.
     */
    static void start(int port) {
        Thread.ofVirtual().name("warm-up").start(() -> {
            long t0 = System.nanoTime();
            try {
                exchange(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                exchange(port, "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                String body = "{\"model\":\"gemini-2.5-pro\",\"stream\":true,\"temperature\":0.5,\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"warm up\"}]},"
                        // An unknown role: refused by the parser after it read the rest, so nothing is ever queued.
                        + "{\"role\":\"narrator\",\"content\":\"x\"}]}";
                exchange(port, "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
                LOG.log(Level.DEBUG, "warm_up_done ms={0}", (System.nanoTime() - t0) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "warm_up_skipped why={0}", e.toString());
            }
        });
    }

    /** Sends one request and reads the answer to its end (the server closes the connection). */
    private static void exchange(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] b = new byte[4096];
            while (in.read(b) >= 0) {
                // drained
            }
        }
    }
}
