package aistudioproxy.http;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonSyntaxException;
import aistudioproxy.json.JsonValue;
import aistudioproxy.openai.ApiError;
import aistudioproxy.openai.ChatRequest;
import aistudioproxy.openai.ChatRequestParser;
import aistudioproxy.openai.CompletionJson;
import aistudioproxy.openai.InvalidRequestException;
import aistudioproxy.openai.ModelCatalog;
import aistudioproxy.openai.RequestLimits;
import aistudioproxy.queue.Job;
import aistudioproxy.queue.QueueFullException;
import aistudioproxy.queue.RequestQueue;
import aistudioproxy.sse.SseStream;
import aistudioproxy.tier.TierName;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code POST /v1/chat/completions}: validate, enqueue, then relay the job's events as SSE or
 * one JSON answer. A client that leaves is removed from the queue (or its generation stopped).
 */
final class ChatHandler {
    private static final System.Logger LOG = System.getLogger(ChatHandler.class.getName());

    private final RequestQueue queue;
    private final ModelCatalog models;
    private final ClientProbe probe;
    private final RequestLimits limits;
    private final long maxBodyBytes;
    private final Duration keepAlive;
    private final Clock clock;

    ChatHandler(RequestQueue queue, ModelCatalog models, ClientProbe probe, long maxBodyBytes, RequestLimits limits, Duration keepAlive, Clock clock) {
        this.limits = limits;
        this.queue = queue;
        this.models = models;
        this.probe = probe;
        this.maxBodyBytes = maxBodyBytes;
        this.keepAlive = keepAlive;
        this.clock = clock;
    }

    void handle(ApiExchange ex) throws IOException, InterruptedException {
        ChatRequest request;
        TierName forced;
        try {
            String body = BodyReader.read(ex.raw().getRequestBody(), ex.header("Content-Length"), maxBodyBytes);
            JsonValue json;
            try {
                json = Json.parse(body);
            } catch (JsonSyntaxException e) {
                throw new InvalidRequestException(ApiError.invalidRequest("Request body is not valid JSON: " + e.getMessage(), null));
            }
            request = ChatRequestParser.parse(json, limits);
            forced = forcedTier(ex.header("X-Tier"));
        } catch (InvalidRequestException e) {
            ex.error(e.error());
            return;
        }
        if (models.find(request.model()).isEmpty()) {
            ex.error(ApiError.modelNotFound(request.model()));
            return;
        }
        Job job;
        try {
            job = queue.submit(ex.requestId(), request, forced);
        } catch (QueueFullException e) {
            ex.error(ApiError.queueFull(queue.waitingCount()));
            return;
        }
        CompletionJson render = new CompletionJson(ex.requestId(), clock.instant().getEpochSecond(), request.model());
        ClientLink link = new ClientLink(probe, ex.raw());
        try {
            if (request.stream()) stream(ex, job, render, link, forced);
            else new BlockingAnswer(job, render, link).respond(ex);
        } catch (IOException e) {
            LOG.log(Level.INFO, "client_gone request={0} state={1}", job.id(), job.state());
            queue.cancel(job.id(), ApiError.cancelled("The client closed the connection."));
        } catch (InterruptedException e) {
            queue.cancel(job.id(), ApiError.unavailable("The server is shutting down."));
            throw e;
        }
    }

    private void stream(ApiExchange ex, Job job, CompletionJson render, ClientLink link, TierName forced)
            throws IOException, InterruptedException {
        ex.setHeader("Content-Type", "text/event-stream; charset=utf-8");
        ex.setHeader("Cache-Control", "no-cache");
        ex.setHeader("X-Accel-Buffering", "no");
        if (forced != null) ex.setHeader("X-Response-Tier", forced.wire());
        ex.send(200, 0);
        try (SseStream sse = new SseStream(ex.raw().getResponseBody())) {
            sse.flush();
            new StreamAnswer(job, sse, render, link, keepAlive).relay();
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
