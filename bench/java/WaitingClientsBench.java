import aistudioproxy.http.ApiKeys;
import aistudioproxy.http.ApiServer;
import aistudioproxy.http.ServiceStatus;
import aistudioproxy.http.StatusReport;
import aistudioproxy.json.JsonValue;
import aistudioproxy.openai.ModelInfo;
import aistudioproxy.page.PageStatus;
import aistudioproxy.queue.QueueSettings;
import aistudioproxy.queue.RequestQueue;
import aistudioproxy.queue.Ticker;
import aistudioproxy.tier.Delta;
import aistudioproxy.tier.DeltaSink;
import aistudioproxy.tier.Generation;
import aistudioproxy.tier.Tier;
import aistudioproxy.tier.TierChain;
import aistudioproxy.tier.TierName;
import aistudioproxy.tier.TierResult;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * N streaming clients wait in the queue at once. Server mode: the real HTTP server and queue with
 * a tier that holds the first job until N-1 others wait (plus a hold for keep-alives and heap
 * sampling), then answers each at once. Client mode: N non-blocking sockets; counts headers,
 * keep-alives and [DONE]s; samples the server's heap through a side port of the bench server
 * (the API's own status routes report the product, not the bench's heap).
 *
 *   java -Xmx768m -cp target/aistudio-proxy.jar bench/java/WaitingClientsBench.java server N      (prints PORT api side)
 *   java -cp target/aistudio-proxy.jar bench/java/WaitingClientsBench.java client PORT SIDE_PORT N
 */
public class WaitingClientsBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("server")) server(Integer.parseInt(args[1]));
        else client(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void server(int n) throws Exception {
        RequestQueue[] queueRef = new RequestQueue[1];
        Tier tier = new Tier() {
            boolean first = true;
            public TierName name() { return TierName.PAGE; }
            public boolean enabled() { return true; }
            public TierResult generate(Generation g, DeltaSink sink) throws InterruptedException {
                if (first) {
                    first = false;
                    long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                    while (queueRef[0].waitingCount() < n - 1 && System.nanoTime() < end) Thread.sleep(50);
                    Thread.sleep(7000); // keep-alives flow, the client samples the heap
                }
                sink.accept(new Delta.Text("ok"));
                return TierResult.STOP;
            }
        };
        TierChain chain = new TierChain(List.of(tier), Clock.systemUTC());
        RequestQueue queue = new RequestQueue(new QueueSettings(n + 10, Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofMinutes(5), false, Duration.ofSeconds(5)), chain, Ticker.SYSTEM, Clock.systemUTC());
        queueRef[0] = queue;
        queue.start();
        ServiceStatus status = () -> new StatusReport("bench", Duration.ZERO, new PageStatus(true, "bench", "gemini-2.5-pro", "none"),
                List.of(), queue.snapshot(), "bench", null, false, null);
        com.sun.net.httpserver.HttpServer side = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        side.createContext("/heap", ex -> {
            byte[] b = JsonValue.Obj.builder().put("heap_used_after_gc", heapAfterGc()).put("waiting", queue.waitingCount()).build()
                    .write().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (var out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        side.start();
        ApiServer api = new ApiServer(new ApiServer.Options("127.0.0.1", 0, 1 << 20, Duration.ofSeconds(2)), new ApiKeys(List.of()),
                queue, () -> List.of(new ModelInfo("gemini-2.5-pro", "x", "x", 1)), status, Clock.systemUTC());
        api.start();
        System.out.println("PORT " + api.port() + " " + side.getAddress().getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static final class Conn {
        final SocketChannel ch;
        final StringBuilder seen = new StringBuilder();
        boolean headers, done;
        int keepAlives;
        Conn(SocketChannel ch) { this.ch = ch; }
    }

    static void client(int port, int sidePort, int n) throws Exception {
        String body = "{\"model\":\"gemini-2.5-pro\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        byte[] req = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        Selector sel = Selector.open();
        long t0 = System.nanoTime();
        Conn[] conns = new Conn[n];
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            ch.write(ByteBuffer.wrap(req));
            ch.configureBlocking(false);
            conns[i] = new Conn(ch);
            ch.register(sel, SelectionKey.OP_READ, conns[i]);
            if (i % 500 == 499) drain(sel, 0);
        }
        long connectedMs = (System.nanoTime() - t0) / 1_000_000;
        int headers = 0;
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while ((headers = count(conns, c -> c.headers)) < n && System.nanoTime() < end) drain(sel, 100);
        long allQueuedMs = (System.nanoTime() - t0) / 1_000_000;
        long waitEnd = System.nanoTime() + Duration.ofMillis(4500).toNanos();
        while (System.nanoTime() < waitEnd) drain(sel, 100);
        int withKeepAlive = count(conns, c -> c.keepAlives > 0);
        HttpClient http = HttpClient.newHttpClient();
        String during = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidePort + "/heap")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        while (count(conns, c -> c.done) < n && System.nanoTime() < end) drain(sel, 100);
        long allServedMs = (System.nanoTime() - t0) / 1_000_000;
        int done = count(conns, c -> c.done);
        String after = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidePort + "/heap")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        System.out.printf("{\"clients\":%d,\"connect_ms\":%d,\"all_queued_ms\":%d,\"headers\":%d,\"with_keepalive\":%d,"
                        + "\"served\":%d,\"all_served_ms\":%d,\"server_while_waiting\":%s,\"server_after\":%s}%n",
                n, connectedMs, allQueuedMs, headers, withKeepAlive, done, allServedMs, during, after);
        for (Conn c : conns) c.ch.close();
    }

    interface Pred { boolean test(Conn c); }

    static int count(Conn[] conns, Pred p) {
        int k = 0;
        for (Conn c : conns) if (c != null && p.test(c)) k++;
        return k;
    }

    static final ByteBuffer BUF = ByteBuffer.allocate(65536);

    static void drain(Selector sel, long timeoutMs) throws Exception {
        if (timeoutMs == 0) sel.selectNow(); else sel.select(timeoutMs);
        for (SelectionKey k : sel.selectedKeys()) {
            Conn c = (Conn) k.attachment();
            BUF.clear();
            int r = c.ch.read(BUF);
            if (r < 0) { k.cancel(); continue; }
            String s = new String(BUF.array(), 0, r, StandardCharsets.UTF_8);
            c.seen.append(s);
            if (!c.headers && c.seen.indexOf("\r\n\r\n") >= 0) c.headers = true;
            int from = 0;
            while ((from = s.indexOf(": keep-alive", from)) >= 0) { c.keepAlives++; from++; }
            if (c.seen.indexOf("data: [DONE]") >= 0) { c.done = true; c.seen.setLength(0); }
            else if (c.seen.length() > 4096) c.seen.delete(0, c.seen.length() - 64);
        }
        sel.selectedKeys().clear();
    }
}
