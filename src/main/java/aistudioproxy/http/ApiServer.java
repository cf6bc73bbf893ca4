package aistudioproxy.http;

import aistudioproxy.httpserver.LeanHttpServer;
import aistudioproxy.chat.ApiError;
import aistudioproxy.models.ModelAliases;
import aistudioproxy.chat.ModelCatalog;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.queue.JobQueue;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP API (SPEC §3): OpenAI Chat Completions and Responses, Anthropic Messages and Gemini, on the {@code com.sun.net.httpserver} API, served by
 * {@link LeanHttpServer} (small per-connection buffers: thousands of clients wait cheaply), one
 * virtual thread per connection. Owns routing, request ids, CORS, API-key checks and the last-resort error
 * boundary: no exception reaches a client as a stack trace.
 */
public final class ApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * {@code maxConnections}: client connections open at once (503 beyond); {@code writeStall}:
     * longest blocked write to a client; {@code limits}: how big a chat request may be.
     */
    public record Options(String host, int port, long maxBodyBytes, Duration keepAlive, int maxConnections, Duration writeStall,
                          RequestLimits limits, ModelAliases aliases) {
        public Options(String host, int port, long maxBodyBytes, Duration keepAlive) {
            this(host, port, maxBodyBytes, keepAlive, 20_000, Duration.ofSeconds(30), RequestLimits.DEFAULTS);
        }

        public Options(String host, int port, long maxBodyBytes, Duration keepAlive, int maxConnections, Duration writeStall, RequestLimits limits) {
            this(host, port, maxBodyBytes, keepAlive, maxConnections, writeStall, limits, ModelAliases.NONE);
        }
    }

    private final Options options;
    private final ApiKeys keys;
    private final GenerateHandler generate;
    private final InfoHandlers info;
    private final LogStream logs;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private LeanHttpServer server;

    public ApiServer(Options options, ApiKeys keys, JobQueue queue, ModelCatalog models, ServiceStatus status, Clock clock) {
        this(options, keys, queue, models, status, LogFeed.NONE, clock);
    }

    public ApiServer(Options options, ApiKeys keys, JobQueue queue, ModelCatalog models, ServiceStatus status, LogFeed logFeed, Clock clock) {
        this.options = options;
        this.logs = new LogStream(logFeed, options.keepAlive());
        this.keys = keys;
        ClientProbe probe = new ClientProbe(Duration.ofMillis(200).toNanos());
        this.generate = new GenerateHandler(queue, models, options.aliases(), probe, options.maxBodyBytes(), options.limits(),
                options.keepAlive(), clock);
        this.info = new InfoHandlers(queue, models, options.aliases(), status, options.maxBodyBytes(), options.limits(), clock);
    }

    public void start() throws IOException {
        server = LeanHttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        server.setExecutor(executor);
        server.setRejectionBody((status, message) -> new ApiError(status, "invalid_request_error", "invalid_request", message, null).toJson().write());
        server.setHandlerFailures(e -> LOG.log(Level.ERROR, "handler_crashed", e));
        server.setMaxConnections(options.maxConnections());
        server.setWriteStallMillis((int) Math.min(Integer.MAX_VALUE, options.writeStall().toMillis()));
        server.setRefusals((why, from) -> LOG.log(Level.WARNING, "http_refused {0} from={1}", why, from));
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange raw) {
        String path = raw.getRequestURI().getPath();
        Route route = Route.of(raw.getRequestMethod(), raw.getRequestURI(), raw.getRequestHeaders().getFirst("anthropic-version"));
        String id = route.api().idPrefix() + HexFormat.of().formatHex(randomId());
        ApiExchange ex = new ApiExchange(raw, id);
        try {
            route(ex, route);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "exchange_io_error request={0}: {1}", id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "handler_crashed request=" + id, e);
            if (!ex.responded()) {
                try {
                    ex.error(route.api(), ApiError.internal("Internal server error (request " + id + ")."));
                } catch (IOException ignored) {
                    // The client is gone; nothing left to tell it.
                }
            }
        } finally {
            raw.close();
        }
    }

    private void route(ApiExchange ex, Route route) throws IOException, InterruptedException {
        String method = ex.method();
        String path = ex.path();
        if (method.equals("OPTIONS")) {
            Cors.preflight(ex);
            return;
        }
        if (path.equals("/health")) {
            if (requireMethod(ex, route, "GET")) info.health(ex);
            return;
        }
        if (ConsoleFiles.serves(path)) {
            if (requireMethod(ex, route, "GET")) ConsoleFiles.serve(ex, path);
            return;
        }
        if (keys.required() && !keys.accepts(presentedKey(ex))) {
            ex.setHeader("WWW-Authenticate", "Bearer");
            ex.error(route.api(), ApiError.unauthorized());
            return;
        }
        if (!requireMethod(ex, route, route.method())) return;
        switch (route.kind()) {
            case GENERATE -> generate.handle(ex, route.api());
            case COUNT_TOKENS -> info.countTokens(ex, route);
            case MODELS -> info.models(ex, route);
            case MODEL -> info.model(ex, route);
            case QUEUE -> info.queue(ex);
            case ACCOUNTS -> info.accounts(ex);
            case CANCEL -> info.cancel(ex, route.argument());
            case INFO -> info.info(ex);
            case STATUS -> info.consoleStatus(ex);
            case TIMINGS -> info.timings(ex);
            case LOGS -> logs.serve(ex);
            case NOT_FOUND -> ex.error(route.api(), ApiError.notFound("Unknown route " + method + " " + path + "."));
        }
    }

    private static boolean requireMethod(ApiExchange ex, Route route, String method) throws IOException {
        if (method == null || ex.method().equals(method)) return true;
        ex.setHeader("Allow", method + ", OPTIONS");
        ex.error(route.api(), ApiError.methodNotAllowed(ex.method()));
        return false;
    }

    /**
     * The key as each API's clients send it: {@code Authorization: Bearer} (OpenAI), {@code x-api-key}
     * (Anthropic), {@code x-goog-api-key} or {@code ?key=} (Google).
     */
    private static String presentedKey(ApiExchange ex) {
        String auth = ex.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7);
        String key = ex.header("x-api-key");
        if (key == null) key = ex.header("x-goog-api-key");
        if (key == null) key = Route.queryParameter(ex.raw().getRequestURI().getRawQuery(), "key");
        return key;
    }

    /** 96 random bits: request ids are also what /v1/cancel takes, so they must not be guessable. */
    private static byte[] randomId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        executor.shutdownNow();
    }
}
