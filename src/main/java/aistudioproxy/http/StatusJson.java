package aistudioproxy.http;

import aistudioproxy.json.JsonValue;
import aistudioproxy.queue.QueueSnapshot;
import aistudioproxy.tier.TierStatus;

import java.util.ArrayList;
import java.util.List;

/** The JSON of {@code /health}, {@code /api/info}, {@code /v1/queue} and the console's {@code /api/status}, from one {@link StatusReport}. */
final class StatusJson {
    private StatusJson() {}

    static JsonValue.Obj health(StatusReport r) {
        JsonValue.Builder tiers = JsonValue.Obj.builder();
        for (TierStatus t : r.tiers()) {
            JsonValue.Builder b = JsonValue.Obj.builder().put("enabled", t.enabled()).put("healthy", t.enabled() && t.healthy());
            if (t.enabled()) {
                b.put("last_error", t.stats().lastError()).put("last_used", t.stats().lastUsed() == null ? null : t.stats().lastUsed().toString());
            }
            tiers.put(t.name().wire(), b.build());
        }
        return JsonValue.Obj.builder()
                .put("status", r.ready() ? "ok" : "starting")
                .put("version", r.version())
                .put("uptime_seconds", r.uptime().toSeconds())
                .put("browser", JsonValue.Obj.builder().put("ready", r.page().ready()).put("detail", r.page().detail()).build())
                .put("tiers", tiers.build())
                .put("queue", JsonValue.Obj.builder()
                        .put("length", r.queue().waiting().size())
                        .put("processing", r.queue().running() == null ? null : r.queue().running().id())
                        .build())
                .build();
    }

    /** {@code GET /v1/accounts} and the accounts of /health: each account's state, queue, counters, cooldowns. */
    static JsonValue.Arr accounts(java.util.List<AccountReport> accounts) {
        java.util.List<JsonValue> out = new java.util.ArrayList<>();
        for (AccountReport a : accounts) {
            JsonValue.Builder cool = JsonValue.Obj.builder();
            a.cooldowns().forEach((model, until) -> cool.put(model, until.toString()));
            out.add(JsonValue.Obj.builder().put("name", a.name()).put("state", a.state()).put("detail", a.detail())
                    .put("waiting", a.waiting()).put("running", a.running()).put("requests", a.requests())
                    .put("quota_hits", a.quotaHits()).put("cooldown_until", cool.build()).build());
        }
        return new JsonValue.Arr(out);
    }

    static JsonValue.Obj info(StatusReport r) {
        JsonValue.Builder counters = JsonValue.Obj.builder();
        for (TierStatus t : r.tiers()) {
            counters.put(t.name().wire(), JsonValue.Obj.builder()
                    .put("answers", t.stats().answers()).put("fallbacks", t.stats().fallbacks()).put("failures", t.stats().failures()).build());
        }
        return JsonValue.Obj.builder()
                .put("version", r.version())
                .put("config", r.config())
                .put("simulator", r.simulator())
                .put("models_source", r.modelsFromPage() ? "ai_studio" : "built_in")
                .put("model_current", r.page().model())
                .put("tiers", counters.build())
                .build();
    }

    static JsonValue.Obj queue(QueueSnapshot s) {
        List<JsonValue> waiting = new ArrayList<>();
        for (QueueSnapshot.Waiting w : s.waiting()) {
            waiting.add(JsonValue.Obj.builder().put("id", w.id()).put("waited_ms", w.waitedMillis()).put("stream", w.stream()).build());
        }
        JsonValue running = s.running() == null ? null : JsonValue.Obj.builder()
                .put("id", s.running().id())
                .put("age_ms", s.running().ageMillis())
                .put("tier", s.running().tier() == null ? null : s.running().tier().wire())
                .put("stream", s.running().stream())
                .build();
        return JsonValue.Obj.builder()
                .put("queue_length", waiting.size())
                .put("processing", running)
                .put("waiting", new JsonValue.Arr(waiting))
                .put("cleaning_up", s.cleaningUp())
                .build();
    }

    /** The console's view: health, info, the queue in full, the browser and the login in use. */
    static JsonValue.Obj console(StatusReport r) {
        List<JsonValue> tiers = new ArrayList<>();
        for (TierStatus t : r.tiers()) {
            tiers.add(JsonValue.Obj.builder().put("name", t.name().wire()).put("enabled", t.enabled()).put("healthy", t.enabled() && t.healthy())
                    .put("last_error", t.stats().lastError()).put("last_used", t.stats().lastUsed() == null ? null : t.stats().lastUsed().toString())
                    .put("answers", t.stats().answers()).put("fallbacks", t.stats().fallbacks()).put("failures", t.stats().failures()).build());
        }
        return JsonValue.Obj.builder()
                .put("status", r.ready() ? "ok" : "starting")
                .put("version", r.version())
                .put("uptime_seconds", r.uptime().toSeconds())
                .put("page", JsonValue.Obj.builder().put("ready", r.page().ready()).put("detail", r.page().detail())
                        .put("model", r.page().model()).put("browser", r.page().browser()).build())
                .put("tiers", new JsonValue.Arr(tiers))
                .put("queue", queue(r.queue()))
                .put("auth_profile", r.authProfile())
                .put("simulator", r.simulator())
                .put("models_source", r.modelsFromPage() ? "ai_studio" : "built_in")
                .put("config", r.config())
                .build();
    }
}
