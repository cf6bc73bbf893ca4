package aistudioproxy.http;

import aistudioproxy.api.ClientApi;
import aistudioproxy.json.JsonValue;
import aistudioproxy.chat.ApiError;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP exchange with its request id; every answer leaves through here so each carries
 * {@code X-Request-Id} and the CORS headers.
 */
final class ApiExchange {
    private final HttpExchange exchange;
    private final String requestId;
    private boolean responded;

    ApiExchange(HttpExchange exchange, String requestId) {
        this.exchange = exchange;
        this.requestId = requestId;
        var h = exchange.getResponseHeaders();
        h.set("X-Request-Id", requestId);
        h.set("Access-Control-Allow-Origin", "*");
        h.set("Access-Control-Expose-Headers", "X-Request-Id, X-Response-Tier");
    }

    HttpExchange raw() {
        return exchange;
    }

    String requestId() {
        return requestId;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    boolean responded() {
        return responded;
    }

    void json(int status, JsonValue body) throws IOException {
        byte[] bytes = body.write().getBytes(StandardCharsets.UTF_8);
        setHeader("Content-Type", "application/json; charset=utf-8");
        send(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An error in OpenAI's shape: the routes that belong to no other API. */
    void error(ApiError error) throws IOException {
        json(error.status(), error.toJson());
    }

    /** An error in the shape of the API the route belongs to. */
    void error(ClientApi api, ApiError error) throws IOException {
        ClientApi.ErrorReply reply = api.error(error);
        json(reply.status(), reply.body());
    }

    void empty(int status) throws IOException {
        send(status, -1);
        exchange.close();
    }

    /** Sends headers; {@code length} 0 means chunked (streaming), -1 no body. */
    void send(int status, long length) throws IOException {
        responded = true;
        exchange.sendResponseHeaders(status, length);
    }
}
