package aistudioproxy.streamtier;

import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.sse.SseParser;
import aistudioproxy.streamproxy.ProxyEvent;
import aistudioproxy.streamproxy.ProxyEventCodec;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The main server's end of the proxy's {@code /_events} SSE channel, read with java.net.http on a
 * virtual thread and reconnected every 250 ms while the proxy is away. Events queue up for the
 * tier; the tier drains stale ones before each generation.
 */
final class EventChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventChannel.class.getName());
    private static final int MAX_EVENT = 8 * 1024 * 1024;
    private static final int MAX_QUEUED = 50_000;

    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * Bounded: while no tier-1 generation reads (e.g. requests forced to another tier) events pile
     * up until the next one drains them; past the bound they are dropped, being stale anyway.
     */
    private final LinkedBlockingQueue<ProxyEvent> events = new LinkedBlockingQueue<>(MAX_QUEUED);
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile InputStream body;
    private Thread reader;

    private final String token;

    /** {@code token}: what the proxy's event channel requires ({@code X-Events-Token}). */
    EventChannel(int port, String token) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/_events");
        this.token = token;
    }

    void start() {
        reader = Thread.ofVirtual().name("proxy-events").start(this::readLoop);
    }

    private void readLoop() {
        while (!closed) {
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).header("X-Events-Token", token).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) throw new IOException("event channel answered " + r.statusCode());
                body = r.body();
                connected = true;
                LOG.log(Level.INFO, "stream_proxy_channel_connected");
                SseParser parser = new SseParser(body, MAX_EVENT);
                for (SseParser.Item item; (item = parser.next()) != null; ) {
                    if (item instanceof SseParser.Item.Event e) {
                        try {
                            ProxyEvent event = ProxyEventCodec.decode(e.data());
                            if (event != null) events.offer(event); // null: a kind from a newer proxy, ignored
                        } catch (JsonSyntaxException bad) {
                            LOG.log(Level.WARNING, "stream_proxy_bad_event why={0}", bad.getMessage());
                        }
                    }
                }
                throw new IOException("event channel closed");
            } catch (IOException e) {
                if (connected) {
                    connected = false;
                    events.offer(new ProxyEvent.Lost("stream proxy connection lost: " + e.getMessage()));
                    LOG.log(Level.WARNING, "stream_proxy_channel_lost why={0}", e.getMessage());
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    boolean connected() {
        return connected;
    }

    /** Drops every queued event (they belong to no current generation). */
    void drain() {
        events.clear();
    }

    ProxyEvent poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        InputStream b = body;
        if (b != null) {
            try {
                b.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        if (reader != null) reader.interrupt();
    }
}
