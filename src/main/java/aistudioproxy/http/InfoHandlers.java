package aistudioproxy.http;

import aistudioproxy.anthropic.MessagesApi;
import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.gemini.GeminiApi;
import aistudioproxy.json.JsonValue;
import aistudioproxy.models.ModelAliases;
import aistudioproxy.chat.ApiError;
import aistudioproxy.chat.ModelCatalog;
import aistudioproxy.chat.ModelInfo;
import aistudioproxy.queue.JobQueue;
import aistudioproxy.tier.Timeline;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The small routes that generate nothing: models, token counts, health, queue, info, timings, cancel. */
final class InfoHandlers {
    private final JobQueue queue;
    private final ModelCatalog models;
    private final ServiceStatus status;
    private final ModelAliases aliases;
    private final long maxBodyBytes;
    private final RequestLimits limits;
    private final long created;

    InfoHandlers(JobQueue queue, ModelCatalog models, ModelAliases aliases, ServiceStatus status, long maxBodyBytes,
                 RequestLimits limits, Clock clock) {
        this.queue = queue;
        this.models = models;
        this.aliases = aliases;
        this.status = status;
        this.maxBodyBytes = maxBodyBytes;
        this.limits = limits;
        this.created = clock.instant().getEpochSecond();
    }

    /** The model list in the route's API: OpenAI's, Anthropic's or Gemini's, the same models. */
    void models(ApiExchange ex, Route route) throws IOException {
        List<ModelInfo> list = models.models();
        switch (route.api()) {
            case MessagesApi a -> ex.json(200, MessagesApi.models(list, created));
            case GeminiApi g -> ex.json(200, GeminiApi.models(list));
            default -> {
                List<JsonValue> data = new ArrayList<>();
                for (ModelInfo m : list) data.add(m.toJson(created));
                ex.json(200, JsonValue.Obj.builder().put("object", "list").put("data", new JsonValue.Arr(data)).build());
            }
        }
    }

    /** One model, by its id or an alias (answered under the name asked for). */
    void model(ApiExchange ex, Route route) throws IOException {
        String id = route.argument().startsWith("models/") ? route.argument().substring(7) : route.argument();
        Optional<ModelInfo> m = aliases.resolve(id, models)
                .map(found -> new ModelInfo(id, found.displayName(), found.description(), found.maxOutputTokens()));
        if (m.isEmpty()) {
            ex.error(route.api(), ApiError.modelNotFound(id));
            return;
        }
        switch (route.api()) {
            case MessagesApi a -> ex.json(200, MessagesApi.model(m.get(), created));
            case GeminiApi g -> ex.json(200, GeminiApi.model(m.get()));
            default -> ex.json(200, m.get().toJson(created));
        }
    }

    /** Anthropic's count_tokens and Gemini's countTokens: the same estimate the answers' usage gives. */
    void countTokens(ApiExchange ex, Route route) throws IOException {
        try {
            JsonValue json = BodyReader.readJson(ex, maxBodyBytes);
            if (route.api() instanceof GeminiApi g) {
                if (aliases.resolve(route.argument(), models).isEmpty()) {
                    ex.error(g, ApiError.modelNotFound(route.argument()));
                    return;
                }
                ex.json(200, g.countTokens(json, limits));
            } else {
                ex.json(200, MessagesApi.countTokens(json, limits));
            }
        } catch (InvalidRequestException e) {
            ex.error(route.api(), e.error());
        }
    }

    void health(ApiExchange ex) throws IOException {
        StatusReport r = status.status();
        JsonValue.Obj health = StatusJson.health(r);
        List<AccountReport> accounts = status.accounts();
        if (accounts.size() > 1) {
            JsonValue.Builder b = JsonValue.Obj.builder();
            health.members().forEach(b::put);
            health = b.put("accounts", StatusJson.accounts(accounts)).build();
        }
        ex.json(r.ready() ? 200 : 503, health);
    }

    /** {@code GET /v1/accounts}: {@code {"accounts":[{name, state, detail, waiting, running, requests, quota_hits, cooldown_until}]}}. */
    void accounts(ApiExchange ex) throws IOException {
        ex.json(200, JsonValue.Obj.builder().put("accounts", StatusJson.accounts(status.accounts())).build());
    }

    void info(ApiExchange ex) throws IOException {
        ex.json(200, StatusJson.info(status.status()));
    }

    /** The console's status view (behind the API key like everything but /health and the console's files). */
    void consoleStatus(ApiExchange ex) throws IOException {
        JsonValue.Obj s = StatusJson.console(status.status());
        JsonValue.Builder b = JsonValue.Obj.builder();
        s.members().forEach(b::put);
        ex.json(200, b.put("accounts", StatusJson.accounts(status.accounts())).build());
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
