package aistudioproxy.http;

import aistudioproxy.api.AnswerStream;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.JobEvent;
import aistudioproxy.sse.SseStream;
import aistudioproxy.tier.Delta;

import java.io.IOException;
import java.time.Duration;

/**
 * Relays a job's events to a streaming client through its API's {@link AnswerStream}. Headers
 * went out when the job was accepted, so while it waits the client gets the API's keep-alives.
 * The tier that answers is announced in-band before the first delta (the header was sent before
 * the tier was known). Runs on the client's handler thread.
 */
final class StreamAnswer {
    /** How often the handler wakes to check the client while nothing happens. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final Job job;
    private final SseStream out;
    private final AnswerStream render;
    private final ChatRequest request;
    private final ClientLink link;
    private final long keepAliveNanos;

    StreamAnswer(Job job, SseStream out, AnswerStream render, ChatRequest request, ClientLink link, Duration keepAlive) {
        this.job = job;
        this.out = out;
        this.render = render;
        this.request = request;
        this.link = link;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /**
     * Returns when the answer ended: true when it ended at a stop sequence while the job still runs
     * (the caller stops it). Throws IOException when the client went away.
     */
    boolean relay() throws IOException, InterruptedException {
        AnswerShaper shaper = new AnswerShaper(request);
        render.open();
        Duration wait = Duration.ofNanos(Math.min(keepAliveNanos, CHECK_EVERY.toNanos()));
        while (true) {
            JobEvent ev = job.poll(wait);
            if (ev == null) {
                if (link.gone()) throw new IOException("client closed the connection");
                if (out.nanosSinceLastWrite() >= keepAliveNanos) render.keepAlive();
                continue;
            }
            switch (ev) {
                case JobEvent.Owner o -> render.tier(o.tier().wire());
                case JobEvent.Output o -> {
                    for (Delta d : shaper.accept(o.delta())) render.delta(d);
                    if (shaper.cut()) {
                        render.finish(shaper.finish(FinishReason.STOP), shaper.stopSequence(), shaper.usage());
                        return true;
                    }
                }
                case JobEvent.Completed c -> {
                    for (Delta d : shaper.flush()) render.delta(d);
                    render.finish(shaper.finish(c.finish()), shaper.stopSequence(), shaper.usage());
                    return false;
                }
                case JobEvent.Failed f -> {
                    render.fail(f.error());
                    return false;
                }
            }
        }
    }
}
