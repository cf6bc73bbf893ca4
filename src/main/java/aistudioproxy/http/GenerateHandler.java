package aistudioproxy.http;

import aistudioproxy.api.AnswerContext;
import aistudioproxy.api.ApiCall;
import aistudioproxy.api.ClientApi;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.ModelCatalog;
import aistudioproxy.chat.ModelInfo;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.models.ModelAliases;
import aistudioproxy.queue.CoolingDownException;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.QueueFullException;
import aistudioproxy.queue.JobQueue;
import aistudioproxy.sse.SseStream;
import aistudioproxy.tier.TierName;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Every generation route, whatever its API: read and parse the body in the client's API, resolve
 * the model (aliases included), enqueue, then relay the job's events streamed or as one answer,
 * each in the API's format. A client that leaves is removed from the queue (or its generation
 * stopped); an answer cut at a stop sequence stops its generation too.
 */
final class GenerateHandler {
    private static final System.Logger LOG = System.getLogger(GenerateHandler.class.getName());

    private final JobQueue queue;
    private final ModelCatalog models;
    private final ModelAliases aliases;
    private final ClientProbe probe;
    private final RequestLimits limits;
    private final long maxBodyBytes;
    private final Duration keepAlive;
    private final Clock clock;

    GenerateHandler(JobQueue queue, ModelCatalog models, ModelAliases aliases, ClientProbe probe, long maxBodyBytes,
                    RequestLimits limits, Duration keepAlive, Clock clock) {
        this.queue = queue;
        this.models = models;
        this.aliases = aliases;
        this.probe = probe;
        this.maxBodyBytes = maxBodyBytes;
        this.limits = limits;
        this.keepAlive = keepAlive;
        this.clock = clock;
    }

    void handle(ApiExchange ex, ClientApi api) throws IOException, InterruptedException {
        ApiCall call;
        TierName forced;
        try {
            call = api.parse(BodyReader.readJson(ex, maxBodyBytes), limits);
            forced = forcedTier(ex.header("X-Tier"));
        } catch (InvalidRequestException e) {
            ex.error(api, e.error());
            return;
        }
        String clientModel = call.request().model();
        Optional<ModelInfo> model = aliases.resolve(clientModel, models);
        if (model.isEmpty()) {
            ex.error(api, ApiError.modelNotFound(clientModel));
            return;
        }
        ChatRequest request = call.request().withModel(model.get().id());
        Job job;
        try {
            job = queue.submit(ex.requestId(), request, forced);
        } catch (QueueFullException e) {
            ex.error(api, ApiError.queueFull(queue.waitingCount()));
            return;
        } catch (CoolingDownException e) {
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            ex.setHeader("Retry-After", Long.toString(seconds));
            ex.error(api, ApiError.coolingDown(e.model(), seconds));
            return;
        }
        AnswerContext context = new AnswerContext(ex.requestId(), clock.instant().getEpochSecond(), clientModel, request);
        ClientLink link = new ClientLink(probe, ex.raw());
        try {
            boolean cut = request.stream() ? stream(ex, job, call, context, link, forced)
                    : new BlockingAnswer(job, api, call, context, link).respond(ex);
            if (cut) queue.cancel(job.id(), ApiError.cancelled("The answer reached a stop sequence."));
        } catch (IOException e) {
            LOG.log(Level.INFO, "client_gone request={0} state={1}", job.id(), job.state());
            queue.cancel(job.id(), ApiError.cancelled("The client closed the connection."));
        } catch (InterruptedException e) {
            queue.cancel(job.id(), ApiError.unavailable("The server is shutting down."));
            throw e;
        }
    }

    private boolean stream(ApiExchange ex, Job job, ApiCall call, AnswerContext context, ClientLink link, TierName forced)
            throws IOException, InterruptedException {
        ex.setHeader("Content-Type", call.streamContentType());
        ex.setHeader("Cache-Control", "no-cache");
        ex.setHeader("X-Accel-Buffering", "no");
        if (forced != null) ex.setHeader("X-Response-Tier", forced.wire());
        ex.send(200, 0);
        try (SseStream sse = new SseStream(ex.raw().getResponseBody())) {
            sse.flush();
            return new StreamAnswer(job, sse, call.stream(context, sse::write), context.request(), link, keepAlive).relay();
        }
    }

    private static TierName forcedTier(String header) throws InvalidRequestException {
        if (header == null || header.isBlank()) return null;
        TierName t = TierName.fromWire(header);
        if (t == null) {
            throw new InvalidRequestException(ApiError.invalidRequest(
                    "X-Tier must be one of stream-proxy, helper, page; got '" + header + "'.", "X-Tier"));
        }
        return t;
    }
}
