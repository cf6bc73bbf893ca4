package aistudioproxy.http;

import aistudioproxy.json.JsonValue;
import aistudioproxy.sse.SseStream;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/logs}: the log tail, then each new line, as SSE ({@code data: {"line":…}}),
 * with keep-alive comments between; ends when the client goes away (a failed write). A client
 * that reads slower than the server logs loses lines, counted in a {@code {"dropped":N}} event,
 * never holding up the logger.
 */
final class LogStream {
    private static final int BACKLOG = 1000;

    private final LogFeed feed;
    private final Duration keepAlive;

    LogStream(LogFeed feed, Duration keepAlive) {
        this.feed = feed;
        this.keepAlive = keepAlive;
    }

    void serve(ApiExchange ex) throws IOException, InterruptedException {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(BACKLOG);
        AtomicInteger dropped = new AtomicInteger();
        ex.setHeader("Content-Type", "text/event-stream; charset=utf-8");
        ex.setHeader("Cache-Control", "no-cache");
        ex.send(200, 0);
        try (SseStream out = new SseStream(ex.raw().getResponseBody());
             AutoCloseable subscription = feed.subscribe(l -> {
                 if (!lines.offer(l)) dropped.incrementAndGet();
             })) {
            for (String l : feed.recent()) out.data(line(l));
            while (true) {
                String l = lines.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                int lost = dropped.getAndSet(0);
                if (lost > 0) out.data(JsonValue.Obj.builder().put("dropped", lost).build().write());
                if (l == null) out.comment("keep-alive");
                else out.data(line(l));
            }
        } catch (IOException e) {
            // the client went away
        } catch (Exception e) {
            if (e instanceof InterruptedException ie) throw ie;
            throw new IOException(e);
        }
    }

    private static String line(String l) {
        return JsonValue.Obj.builder().put("line", l).build().write();
    }
}
