package aistudioproxy.streamproxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code GET /_events}: the event channel as SSE, with a keep-alive comment every 5 s. Ends when the client leaves. */
final class EventsEndpoint {
    private static final long KEEPALIVE_MS = 5000;
    private final EventHub hub;

    EventsEndpoint(EventHub hub) {
        this.hub = hub;
    }

    void serve(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
                + "Connection: close\r\n\r\n: connected\n\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        try (EventHub.Subscriber sub = hub.subscribe()) {
            while (!sub.overflowed()) {
                ProxyEvent e = sub.poll(KEEPALIVE_MS);
                out.write((e == null ? ": keep-alive\n\n" : "data: " + ProxyEventCodec.encode(e) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
