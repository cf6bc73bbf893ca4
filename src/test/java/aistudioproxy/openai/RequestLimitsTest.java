package aistudioproxy.openai;

import aistudioproxy.chat.InvalidRequestException;
import aistudioproxy.chat.RequestLimits;
import aistudioproxy.json.Json;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request too big in messages, text or images is a 400 naming the setting, decided before anything is queued. */
class RequestLimitsTest {
    private static InvalidRequestException refused(String body, RequestLimits limits) {
        return assertThrows(InvalidRequestException.class, () -> ChatRequestParser.parse(Json.parse(body), limits));
    }

    @Test
    void eachLimitIsNamed() {
        RequestLimits small = new RequestLimits(2, 10, 1);
        String three = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"},{\"role\":\"user\",\"content\":\"c\"}]}";
        assertTrue(refused(three, small).getMessage().contains("MAX_MESSAGES"));
        String longText = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(11) + "\"}]}";
        assertTrue(refused(longText, small).getMessage().contains("MAX_PROMPT_CHARS"));
        String img = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}}";
        String twoImages = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[" + img + "," + img + "]}]}";
        InvalidRequestException e = refused(twoImages, small);
        assertTrue(e.getMessage().contains("MAX_IMAGES") && e.error().status() == 400 && "messages".equals(e.error().param()), e.getMessage());
    }

    /** 100,000 short messages (4 MB): refused with a 400 at once, and the next request is served. */
    @Test
    void aHundredThousandMessagesAreRefusedAndTheNextRequestServed() throws Exception {
        ScriptedTier tier = new ScriptedTier(TierName.PAGE);
        try (TestServer server = new TestServer(List.of(tier), TestServer.settings(), List.of(), Duration.ofSeconds(5), 8 << 20)) {
            StringBuilder b = new StringBuilder("{\"model\":\"gemini-2.5-pro\",\"messages\":[");
            for (int i = 0; i < 100_000; i++) b.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"message ").append(i).append("\"}");
            String body = b.append("]}").toString();
            assertTrue(body.length() > 3_000_000, "about 4 MB: " + body.length());
            long t0 = System.nanoTime();
            try (Socket s = Http.rawPost(server.port(), "/v1/chat/completions", body)) {
                InputStream in = s.getInputStream();
                String response = Http.readUntil(in, "}}");
                assertTrue(response.startsWith("HTTP/1.1 400 "), response);
                assertTrue(response.contains("MAX_MESSAGES") && response.contains("\"param\":\"messages\""), response);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5000, "refused in " + ms + " ms");
            assertEquals(0, tier.started.size(), "nothing reached a tier");
            var next = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("echo still here", false));
            assertEquals(200, next.statusCode(), next.body());
        }
    }
}
