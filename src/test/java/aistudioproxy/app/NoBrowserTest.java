package aistudioproxy.app;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server where no browser can be had (system browser kept out of the search, Playwright's
 * download refused): it still starts and listens, says so in its log, and /health and every chat
 * request (503) name the fix instead of Playwright's "Executable doesn't exist".
 */
class NoBrowserTest {
    @Test
    void withoutABrowserHealthAndRequestsNameTheFix(@TempDir Path tmp) throws Exception {
        ProcessBuilder pb = ServerProcess.onTestClasspath("--simulator", "--port", "0", "--stream-port", "0",
                "--key-file", tmp.resolve("none").toString(), "--data-dir", tmp.toString(), "--browser-source", "playwright");
        pb.environment().put("PLAYWRIGHT_BROWSERS_PATH", tmp.resolve("browsers").toString());
        pb.environment().put("PLAYWRIGHT_DOWNLOAD_HOST", "http://127.0.0.1:1"); // refused at once
        try (ServerProcess server = ServerProcess.start(pb)) {
            String log = server.startOutput();
            assertTrue(log.contains("browser_missing") && log.contains("apt-get install chromium"), log);
            var health = Http.get(server.base() + "/health");
            long end = System.nanoTime() + 30_000_000_000L;
            while (!health.body().contains("no browser found") && System.nanoTime() < end) {
                Thread.sleep(100);
                health = Http.get(server.base() + "/health");
            }
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("no browser found") && health.body().contains("BROWSER_EXECUTABLE_PATH"), health.body());
            var chat = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("hello", false));
            assertEquals(503, chat.statusCode(), chat.body());
            assertTrue(chat.body().contains("apt-get install chromium"), chat.body());
            assertTrue(!chat.body().contains("Executable doesn't exist"), chat.body());
        }
    }
}
