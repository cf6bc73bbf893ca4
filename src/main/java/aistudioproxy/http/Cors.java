package aistudioproxy.http;

import java.io.IOException;

/** CORS preflight answers, so browser-based clients (web UIs) can call the API from another origin. */
final class Cors {
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-Api-Key, X-Goog-Api-Key, Anthropic-Version, Anthropic-Beta, X-Tier, X-Request-Id";

    private Cors() {}

    static void preflight(ApiExchange ex) throws IOException {
        String requested = ex.header("Access-Control-Request-Headers");
        ex.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ex.setHeader("Access-Control-Allow-Headers", requested == null || requested.isBlank() ? ALLOWED_HEADERS : requested);
        ex.setHeader("Access-Control-Max-Age", "86400");
        ex.empty(204);
    }
}
