package aistudioproxy.http;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API keys and CORS. */
class AccessTest {

    @Test
    void keysAreRequiredOnV1ButNotOnHealth() throws Exception {
        try (TestServer server = new TestServer(List.of(new ScriptedTier(TierName.PAGE)), TestServer.settings(),
                List.of("sk-one", "sk-two"), Duration.ofSeconds(5))) {
            String chat = server.base() + "/v1/chat/completions";
            var none = Http.post(chat, Http.chatBody("echo hi", false));
            assertEquals(401, none.statusCode());
            assertTrue(none.body().contains("\"code\":\"invalid_api_key\""));
            assertTrue(none.headers().firstValue("X-Request-Id").isPresent());
            assertEquals(401, Http.post(chat, Http.chatBody("echo hi", false), Map.of("Authorization", "Bearer sk-wrong")).statusCode());
            assertEquals(401, Http.post(chat, Http.chatBody("echo hi", false), Map.of("Authorization", "Bearer sk-on")).statusCode());
            assertEquals(200, Http.post(chat, Http.chatBody("echo hi", false), Map.of("Authorization", "Bearer sk-two")).statusCode());
            assertEquals(200, Http.post(chat, Http.chatBody("echo hi", false), Map.of("x-api-key", "sk-one")).statusCode());
            assertEquals(401, Http.get(server.base() + "/v1/models").statusCode());
            assertEquals(401, Http.get(server.base() + "/api/info").statusCode());
            assertEquals(200, Http.get(server.base() + "/health").statusCode());
        }
    }

    @Test
    void noKeysMeansOpen() throws Exception {
        try (TestServer server = TestServer.withTiers(new ScriptedTier(TierName.PAGE))) {
            assertEquals(200, Http.get(server.base() + "/v1/models").statusCode());
        }
    }

    @Test
    void corsPreflightIsAnsweredWithoutAKey() throws Exception {
        try (TestServer server = new TestServer(List.of(new ScriptedTier(TierName.PAGE)), TestServer.settings(),
                List.of("sk-one"), Duration.ofSeconds(5))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/chat/completions"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:3000")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, r.statusCode());
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
            assertEquals("authorization, content-type", r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
            var models = Http.get(server.base() + "/v1/models", Map.of("Authorization", "Bearer sk-one", "Origin", "http://x"));
            assertEquals("*", models.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertTrue(models.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("X-Response-Tier"));
        }
    }

    @Test
    void modelsListHasOpenAiShape() throws Exception {
        try (TestServer server = TestServer.withTiers(new ScriptedTier(TierName.PAGE))) {
            var r = Http.get(server.base() + "/v1/models");
            assertTrue(r.body().startsWith("{\"object\":\"list\",\"data\":[{\"id\":\"gemini-2.5-pro\",\"object\":\"model\",\"created\":"), r.body());
            assertTrue(r.body().contains("\"owned_by\":\"google\""));
            assertEquals(200, Http.get(server.base() + "/v1/models/gemini-2.5-flash").statusCode());
            assertEquals(404, Http.get(server.base() + "/v1/models/nope").statusCode());
        }
    }
}
