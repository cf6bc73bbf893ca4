package aistudioproxy.page;

import aistudioproxy.models.ModelRegistry;
import aistudioproxy.chat.ContentPart;
import aistudioproxy.chat.Message;
import aistudioproxy.chat.Role;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.TestServer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images by URL cannot be turned against the server's network, nor exhaust its memory or time. */
class ImageLoaderTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4};
    private HttpServer server;
    private final AtomicInteger endlessSent = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/ok.png", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, PNG.length);
            ex.getResponseBody().write(PNG);
            ex.close();
        });
        server.createContext("/hop", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getQuery());
            ex.getResponseHeaders().set("Location", n == 0 ? "/ok.png" : "/hop?" + (n - 1));
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/endless.png", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[16 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                    endlessSent.addAndGet(chunk.length);
                }
            } catch (IOException reset) {
                // the loader gave up reading
            }
        });
        server.createContext("/page.html", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("hi".getBytes());
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static List<PagePrompt.Attachment> load(ImageLimits limits, String url) throws Exception {
        return new ImageLoader(limits).load(List.of(new Message(Role.USER, List.of(new ContentPart.Text("see"), new ContentPart.Image(url)), null, List.of(), null)));
    }

    private static PageException refused(ImageLimits limits, String url) {
        PageException e = assertThrows(PageException.class, () -> load(limits, url));
        assertEquals(PageException.Kind.BAD_INPUT, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String a : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                "224.0.0.1", "::1", "fc00::1", "fd12::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::"}) {
            assertTrue(ImageFetcher.internal(InetAddress.getByName(a)), a);
        }
        for (String a : new String[] {"8.8.8.8", "1.1.1.1", "142.250.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8", "100.128.0.1"}) {
            assertFalse(ImageFetcher.internal(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void loopbackUrlIsRefusedUnlessAllowed() throws Exception {
        PageException e = refused(new ImageLimits(1 << 20, false), url("/ok.png"));
        assertTrue(e.getMessage().contains("internal address (127.0.0.1)") && e.getMessage().contains("IMAGE_FETCH_ALLOW_PRIVATE"), e.getMessage());
        refused(new ImageLimits(1 << 20, false), "http://localhost:" + server.getAddress().getPort() + "/ok.png");
        List<PagePrompt.Attachment> got = load(new ImageLimits(1 << 20, true), url("/ok.png"));
        assertArrayEquals(PNG, got.getFirst().bytes());
        assertEquals("image/png", got.getFirst().mimeType());
    }

    @Test
    void redirectsAreFollowedThreeTimesAtMost() throws Exception {
        ImageLimits open = new ImageLimits(1 << 20, true);
        assertArrayEquals(PNG, load(open, url("/hop?2")).getFirst().bytes());
        assertTrue(refused(open, url("/hop?3")).getMessage().contains("more than 3 redirects"));
    }

    @Test
    void anEndlessBodyIsGivenUpAtTheSizeLimit() {
        PageException e = refused(new ImageLimits(256 * 1024, true), url("/endless.png"));
        assertTrue(e.getMessage().contains("MAX_IMAGE_BYTES"), e.getMessage());
        assertTrue(endlessSent.get() < 64 * 1024 * 1024, "stopped reading long before the end: " + endlessSent.get());
    }

    @Test
    void notAnImageOrNotFoundIsRefused() {
        ImageLimits open = new ImageLimits(1 << 20, true);
        assertTrue(refused(open, url("/page.html")).getMessage().contains("not an image"));
        assertTrue(refused(open, url("/missing.png")).getMessage().contains("HTTP 404"));
        assertTrue(refused(open, "http://127.0.0.1:1/closed.png").getMessage().contains("could not be fetched"));
    }

    @Test
    void dataUrlsAreCheckedForSizeAndEncoding() throws Exception {
        String big = Base64.getEncoder().encodeToString(new byte[4096]);
        assertTrue(refused(new ImageLimits(1024, false), "data:image/png;base64," + big).getMessage().contains("MAX_IMAGE_BYTES"));
        assertTrue(refused(new ImageLimits(1024, false), "data:image/png;base64,@@@@").getMessage().contains("base64"));
        assertEquals(4096, load(new ImageLimits(8192, false), "data:image/png;base64," + big).getFirst().bytes().length);
    }

    /** Through the API: the refusal is a 400 in OpenAI's error shape, before the page is touched (no browser here). */
    @Test
    void aRefusedImageIsA400() throws Exception {
        PageSettings settings = new PageSettings(URI.create("https://127.0.0.1:1/prompts/new_chat"), aistudioproxy.page.BrowserSearch.withoutInstalling(aistudioproxy.page.BrowserSearch.Source.AUTO, ""), "", "", true, null, null, false,
                Duration.ofSeconds(5), 65536, 1.0, 0.95, List.of(), true, 20, 250_000, Selectors.defaults(), null);
        try (PageController page = new PageController(settings, new ModelRegistry(Set.of()), new ImageLimits(1 << 20, false));
             TestServer api = TestServer.withPage(page::open, new PageTier(page))) {
            var r = Http.post(api.base() + "/v1/chat/completions", "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":["
                    + "{\"type\":\"text\",\"text\":\"what is this\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url("/ok.png") + "\"}}]}]}");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"type\":\"invalid_request_error\"") && r.body().contains("IMAGE_FETCH_ALLOW_PRIVATE"), r.body());
        }
    }
}
