package aistudioproxy.http;

import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.ApiCall;
import aistudioproxy.api.ClientApi;
import aistudioproxy.chat.FinishReason;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.JobEvent;

import java.io.IOException;
import java.time.Duration;

/**
 * Collects a job's events into one answer in the client's API. Nothing can be written to the
 * client before the answer, so a hang-up is noticed through {@link ClientLink}. Runs on the
 * client's handler thread.
 */
final class BlockingAnswer {
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final Job job;
    private final ClientApi api;
    private final ApiCall call;
    private final AnswerContext context;
    private final ClientLink link;

    BlockingAnswer(Job job, ClientApi api, ApiCall call, AnswerContext context, ClientLink link) {
        this.job = job;
        this.api = api;
        this.call = call;
        this.context = context;
        this.link = link;
    }

    /**
     * Writes the answer or the error; true when the answer ended at a stop sequence while the job
     * still runs (the caller stops it). Throws IOException when the client went away first.
     */
    boolean respond(ApiExchange ex) throws IOException, InterruptedException {
        AnswerShaper shaper = new AnswerShaper(context.request());
        while (true) {
            JobEvent ev = job.poll(CHECK_EVERY);
            if (ev == null) {
                if (link.gone()) throw new IOException("client closed the connection");
                continue;
            }
            switch (ev) {
                case JobEvent.Owner o -> ex.setHeader("X-Response-Tier", o.tier().wire());
                case JobEvent.Output out -> {
                    shaper.accept(out.delta());
                    if (shaper.cut()) {
                        ex.json(200, call.answer(context, shaper.answer(FinishReason.STOP)));
                        return true;
                    }
                }
                case JobEvent.Completed c -> {
                    ex.setHeader("X-Response-Tier", c.tier().wire());
                    shaper.flush();
                    ex.json(200, call.answer(context, shaper.answer(c.finish())));
                    return false;
                }
                case JobEvent.Failed f -> {
                    ClientApi.ErrorReply reply = api.error(f.error());
                    ex.json(reply.status(), reply.body());
                    return false;
                }
            }
        }
    }
}
