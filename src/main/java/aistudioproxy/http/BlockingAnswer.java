package aistudioproxy.http;

import aistudioproxy.openai.CompletionJson;
import aistudioproxy.openai.Usage;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.JobEvent;

import java.io.IOException;
import java.time.Duration;

/**
 * Collects a job's events into one {@code chat.completion}. Nothing can be written to the client
 * before the answer, so a hang-up is noticed through {@link ClientLink}. Runs on the client's
 * handler thread.
 */
final class BlockingAnswer {
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    private final Job job;
    private final CompletionJson render;
    private final ClientLink link;

    BlockingAnswer(Job job, CompletionJson render, ClientLink link) {
        this.job = job;
        this.render = render;
        this.link = link;
    }

    /** Writes the answer or the error; throws IOException when the client went away first. */
    void respond(ApiExchange ex) throws IOException, InterruptedException {
        AnswerText answer = new AnswerText();
        while (true) {
            JobEvent ev = job.poll(CHECK_EVERY);
            if (ev == null) {
                if (link.gone()) throw new IOException("client closed the connection");
                continue;
            }
            switch (ev) {
                case JobEvent.Owner o -> ex.setHeader("X-Response-Tier", o.tier().wire());
                case JobEvent.Output out -> answer.add(out.delta());
                case JobEvent.Completed c -> {
                    ex.setHeader("X-Response-Tier", c.tier().wire());
                    String content = answer.content.toString();
                    ex.json(200, render.completion(content, answer.reasoning.toString(), answer.toolCalls,
                            answer.finish(c.finish()), Usage.estimate(job.request().messages(), answer.completionText())));
                    return;
                }
                case JobEvent.Failed f -> {
                    ex.error(f.error());
                    return;
                }
            }
        }
    }
}
