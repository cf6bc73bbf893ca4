package aistudioproxy.testing;

import aistudioproxy.http.ApiKeys;
import aistudioproxy.http.ApiServer;
import aistudioproxy.http.ServiceStatus;
import aistudioproxy.http.StatusReport;
import aistudioproxy.page.PageStatus;
import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ModelCatalog;
import aistudioproxy.chat.ModelInfo;
import aistudioproxy.queue.QueueSettings;
import aistudioproxy.queue.RequestQueue;
import aistudioproxy.queue.Ticker;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.tier.PromptRun;
import aistudioproxy.tier.Tier;
import aistudioproxy.tier.TierChain;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The HTTP API and queue on a loopback port 0, with in-test tiers. */
public final class TestServer implements AutoCloseable {
    public static final List<ModelInfo> MODELS = List.of(
            new ModelInfo("gemini-2.5-pro", "Gemini 2.5 Pro", "test", 65536),
            new ModelInfo("gemini-2.5-flash", "Gemini 2.5 Flash", "test", 65536));

    public final RequestQueue queue;
    public final ApiServer server;
    public final TierChain chain;

    public TestServer(List<Tier> tiers, QueueSettings settings, List<String> keys, Duration keepAlive) throws IOException {
        this(tiers, settings, keys, keepAlive, 64 * 1024);
    }

    public TestServer(List<Tier> tiers, QueueSettings settings, List<String> keys, Duration keepAlive, long maxBody) throws IOException {
        this(tiers, PromptRun.Opener.NONE, settings, keys, keepAlive, maxBody);
    }

    public TestServer(List<Tier> tiers, PromptRun.Opener runs, QueueSettings settings, List<String> keys, Duration keepAlive, long maxBody) throws IOException {
        this(tiers, runs, settings, keys, new ApiServer.Options("127.0.0.1", 0, maxBody, keepAlive));
    }

    public TestServer(List<Tier> tiers, PromptRun.Opener runs, QueueSettings settings, List<String> keys, ApiServer.Options options) throws IOException {
        chain = new TierChain(tiers, runs, Clock.systemUTC());
        queue = new RequestQueue(settings, chain, Ticker.SYSTEM, Clock.systemUTC());
        queue.start();
        ModelCatalog models = () -> MODELS;
        ServiceStatus status = () -> new StatusReport("test", Duration.ZERO, new PageStatus(true, null, null, "test"), chain.status(),
                queue.snapshot(), "test", null, false, null);
        server = new ApiServer(options, new ApiKeys(keys), queue, models, status, Clock.systemUTC());
        server.start();
    }

    public static QueueSettings settings() {
        return new QueueSettings(100, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), false, Duration.ofSeconds(2));
    }

    public static TestServer withTiers(Tier... tiers) throws IOException {
        return new TestServer(List.of(tiers), settings(), List.of(), Duration.ofSeconds(5));
    }

    /** A server that drops a client whose answer has not been read for {@code writeStall}. */
    public static TestServer withWriteStall(Duration writeStall, Tier... tiers) throws IOException {
        return new TestServer(List.of(tiers), PromptRun.Opener.NONE, settings(), List.of(),
                new ApiServer.Options("127.0.0.1", 0, 64 * 1024, Duration.ofSeconds(5), 20_000, writeStall, RequestLimits.DEFAULTS));
    }

    /** A server whose jobs run their prompts on {@code runs} (a page), with the given tiers. */
    public static TestServer withPage(PromptRun.Opener runs, Tier... tiers) throws IOException {
        return new TestServer(List.of(tiers), runs, settings(), List.of(), Duration.ofSeconds(5), 64 * 1024);
    }

    public int port() {
        return server.port();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
        queue.close();
    }
}
