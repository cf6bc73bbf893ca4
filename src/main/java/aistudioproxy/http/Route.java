package aistudioproxy.http;

import aistudioproxy.anthropic.MessagesApi;
import aistudioproxy.api.ClientApi;
import aistudioproxy.gemini.GeminiApi;
import aistudioproxy.openai.ChatCompletionsApi;
import aistudioproxy.responses.ResponsesApi;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What a request path asks for, and of which client API, so that even its refusals (a missing
 * key, a wrong method, an unknown route) come in that API's error shape. {@code method} is the
 * one the route takes; {@code argument} is the id or model named in the path.
 *
 * <pre>
 *   POST /v1/chat/completions                      OpenAI Chat Completions
 *   POST /v1/responses                             OpenAI Responses
 *   POST /v1/messages, /v1/messages/count_tokens   Anthropic Messages
 *   POST /v1beta/models/{m}:generateContent        Gemini (also :streamGenerateContent, :countTokens; /v1/models/{m}:... too)
 *   GET  /v1/models[/{id}]                         OpenAI's listing, Anthropic's with an anthropic-version header
 *   GET  /v1beta/models[/{m}]                      Gemini's listing
 * </pre>
 */
record Route(Kind kind, String method, ClientApi api, String argument) {
    enum Kind { GENERATE, COUNT_TOKENS, MODELS, MODEL, QUEUE, ACCOUNTS, CANCEL, INFO, STATUS, TIMINGS, LOGS, NOT_FOUND }

    static Route of(String method, URI uri, String anthropicVersion) {
        String path = uri.getPath();
        if (path.startsWith("/v1beta/")) return gemini(path.substring("/v1beta".length()), uri.getRawQuery());
        if (path.startsWith("/v1/models/") && path.indexOf(':', 11) > 0) return gemini(path.substring(3), uri.getRawQuery());
        ClientApi listing = anthropicVersion != null ? MessagesApi.INSTANCE : ChatCompletionsApi.INSTANCE;
        String p = path.startsWith("/v1/") ? path.substring(3) : path;
        switch (p) {
            case "/chat/completions" -> { return new Route(Kind.GENERATE, "POST", ChatCompletionsApi.INSTANCE, null); }
            case "/responses" -> { return new Route(Kind.GENERATE, "POST", ResponsesApi.INSTANCE, null); }
            case "/messages" -> { return new Route(Kind.GENERATE, "POST", MessagesApi.INSTANCE, null); }
            case "/messages/count_tokens" -> { return new Route(Kind.COUNT_TOKENS, "POST", MessagesApi.INSTANCE, null); }
            case "/models" -> { return new Route(Kind.MODELS, "GET", listing, null); }
            default -> { }
        }
        if (p.startsWith("/models/") && p.length() > 8) return new Route(Kind.MODEL, "GET", listing, p.substring(8));
        if (p.startsWith("/responses/")) return new Route(Kind.NOT_FOUND, null, ResponsesApi.INSTANCE, null);
        if (p.startsWith("/messages/")) return new Route(Kind.NOT_FOUND, null, MessagesApi.INSTANCE, null);
        ClientApi openai = ChatCompletionsApi.INSTANCE;
        return switch (path) {
            case "/v1/queue" -> new Route(Kind.QUEUE, "GET", openai, null);
            case "/v1/accounts" -> new Route(Kind.ACCOUNTS, "GET", openai, null);
            case "/api/info" -> new Route(Kind.INFO, "GET", openai, null);
            case "/api/status" -> new Route(Kind.STATUS, "GET", openai, null);
            case "/api/timings" -> new Route(Kind.TIMINGS, "GET", openai, null);
            case "/api/logs" -> new Route(Kind.LOGS, "GET", openai, null);
            default -> path.startsWith("/v1/cancel/") && path.length() > 11
                    ? new Route(Kind.CANCEL, "POST", openai, path.substring(11))
                    : new Route(Kind.NOT_FOUND, null, openai, null);
        };
    }

    /** {@code rest}: the path after {@code /v1beta} (or {@code /v1}), starting {@code /models}. */
    private static Route gemini(String rest, String query) {
        if (rest.equals("/models")) return new Route(Kind.MODELS, "GET", GeminiApi.ERRORS, null);
        if (!rest.startsWith("/models/") || rest.length() == 8) return new Route(Kind.NOT_FOUND, null, GeminiApi.ERRORS, null);
        String name = rest.substring(8);
        int colon = name.lastIndexOf(':');
        if (colon < 0) return new Route(Kind.MODEL, "GET", GeminiApi.ERRORS, name);
        String model = name.substring(0, colon);
        boolean sse = "sse".equals(queryParameter(query, "alt"));
        return switch (name.substring(colon + 1)) {
            case "generateContent" -> new Route(Kind.GENERATE, "POST", new GeminiApi(model, false, false), model);
            case "streamGenerateContent" -> new Route(Kind.GENERATE, "POST", new GeminiApi(model, true, sse), model);
            case "countTokens" -> new Route(Kind.COUNT_TOKENS, "POST", new GeminiApi(model, false, false), model);
            default -> new Route(Kind.NOT_FOUND, null, GeminiApi.ERRORS, null);
        };
    }

    /** One parameter of a raw query string, decoded; null when absent. */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) return null;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }
}
