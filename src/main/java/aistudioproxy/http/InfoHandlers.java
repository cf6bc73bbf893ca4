package aistudioproxy.http;

import aistudioproxy.json.JsonValue;
import aistudioproxy.openai.ApiError;
import aistudioproxy.openai.ModelCatalog;
import aistudioproxy.openai.ModelInfo;
import aistudioproxy.queue.RequestQueue;
import aistudioproxy.tier.Timeline;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The small read-only routes plus cancel: models, health, queue, info, timings. */
final class InfoHandlers {
    private final RequestQueue queue;
    private final ModelCatalog models;
    private final ServiceStatus status;
    private final long created;

    InfoHandlers(RequestQueue queue, ModelCatalog models, ServiceStatus status, Clock clock) {
        this.queue = queue;
        this.models = models;
        this.status = status;
        this.created = clock.instant().getEpochSecond();
    }

    void models(ApiExchange ex) throws IOException {
        List<JsonValue> data = new ArrayList<>();
        for (ModelInfo m : models.models()) data.add(m.toJson(created));
        ex.json(200, JsonValue.Obj.builder().put("object", "list").put("data", new JsonValue.Arr(data)).build());
    }

    void model(ApiExchange ex, String id) throws IOException {
        Optional<ModelInfo> m = models.find(id.startsWith("models/") ? id.substring(7) : id);
        if (m.isPresent()) ex.json(200, m.get().toJson(created));
        else ex.error(ApiError.modelNotFound(id));
    }

    void health(ApiExchange ex) throws IOException {
        StatusReport r = status.status();
        ex.json(r.ready() ? 200 : 503, StatusJson.health(r));
    }

    void info(ApiExchange ex) throws IOException {
        ex.json(200, StatusJson.info(status.status()));
    }

    /** The console's status view (behind the API key like everything but /health and the console's files). */
    void consoleStatus(ApiExchange ex) throws IOException {
        ex.json(200, StatusJson.console(status.status()));
    }

    /**
     * {@code GET /api/timings}: the last jobs' step breakdowns, oldest first: {@code {"jobs":[{"id",
     * "tier", "steps":{"queue":ms, "delay":ms, "handoff", "prepare", "fill", "click", "request",
     * "model", "delivery"}}]}}, each step the milliseconds spent reaching it (only the steps a job passed).
     */
    void timings(ApiExchange ex) throws IOException {
        List<JsonValue> jobs = new ArrayList<>();
        for (var t : queue.timings().snapshot()) {
            JsonValue.Builder steps = JsonValue.Obj.builder();
            for (Timeline.Step step : Timeline.Step.values()) {
                Double ms = t.steps().get(step.wire());
                if (ms != null) steps.put(step.wire(), JsonValue.Num.of(Math.round(ms * 1000) / 1000.0));
            }
            jobs.add(JsonValue.Obj.builder().put("id", t.id()).put("tier", t.tier() == null ? null : t.tier().wire()).put("steps", steps.build()).build());
        }
        ex.json(200, JsonValue.Obj.builder().put("jobs", new JsonValue.Arr(jobs)).build());
    }

    void queue(ApiExchange ex) throws IOException {
        ex.json(200, StatusJson.queue(queue.snapshot()));
    }

    void cancel(ApiExchange ex, String id) throws IOException {
        if (queue.cancel(id, ApiError.cancelled("The request was cancelled through /v1/cancel."))) {
            ex.json(200, JsonValue.Obj.builder().put("id", id).put("cancelled", true).build());
        } else {
            ex.error(ApiError.notFound("No waiting or running request has id '" + id + "'."));
        }
    }
}
