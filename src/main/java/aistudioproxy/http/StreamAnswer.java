package aistudioproxy.http;

import aistudioproxy.openai.ApiError;
import aistudioproxy.openai.CompletionJson;
import aistudioproxy.openai.Usage;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.JobEvent;
import aistudioproxy.sse.SseStream;
import aistudioproxy.tier.Delta;

import java.io.IOException;
import java.time.Duration;

/**
 * Relays a job's events to a streaming client as OpenAI chunks. Headers went out when the job
 * was accepted, so while it waits the client gets {@code : keep-alive} comments. The tier that
 * answers is announced in-band as {@code : x-response-tier: <tier>} before the first chunk
 * (the header was sent before the tier was known). Runs on the client's handler thread.
 */
final class StreamAnswer {
    /** How often the handler wakes to check the client while nothing happens. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final Job job;
    private final SseStream sse;
    private final CompletionJson render;
    private final ClientLink link;
    private final long keepAliveNanos;

    StreamAnswer(Job job, SseStream sse, CompletionJson render, ClientLink link, Duration keepAlive) {
        this.job = job;
        this.sse = sse;
        this.render = render;
        this.link = link;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /** Returns normally when the answer ended; throws IOException when the client went away. */
    void relay() throws IOException, InterruptedException {
        AnswerText answer = new AnswerText();
        boolean roleSent = false;
        Duration wait = Duration.ofNanos(Math.min(keepAliveNanos, CHECK_EVERY.toNanos()));
        while (true) {
            JobEvent ev = job.poll(wait);
            if (ev == null) {
                if (link.gone()) throw new IOException("client closed the connection");
                if (sse.nanosSinceLastWrite() >= keepAliveNanos) sse.comment("keep-alive");
                continue;
            }
            switch (ev) {
                case JobEvent.Owner o -> sse.comment("x-response-tier: " + o.tier().wire());
                case JobEvent.Output out -> {
                    if (!roleSent) {
                        sse.data(render.roleChunk().write());
                        roleSent = true;
                    }
                    Delta d = out.delta();
                    int callIndex = answer.toolCalls.size();
                    answer.add(d);
                    sse.data(switch (d) {
                        case Delta.Text t -> render.contentChunk(t.text()).write();
                        case Delta.Reasoning r -> render.reasoningChunk(r.text()).write();
                        case Delta.Call c -> render.toolCallChunk(callIndex, c.call()).write();
                    });
                }
                case JobEvent.Completed c -> {
                    if (!roleSent) sse.data(render.roleChunk().write());
                    sse.data(render.finishChunk(answer.finish(c.finish())).write());
                    if (job.request().includeUsage()) {
                        sse.data(render.usageChunk(Usage.estimate(job.request().messages(), answer.completionText())).write());
                    }
                    sse.done();
                    return;
                }
                case JobEvent.Failed f -> {
                    sendError(f.error());
                    return;
                }
            }
        }
    }

    void sendError(ApiError error) throws IOException {
        sse.data(error.toJson().write());
        sse.done();
    }
}
