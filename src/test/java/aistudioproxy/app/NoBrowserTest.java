package aistudioproxy.app;

import aistudioproxy.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server where no browser can be had (system browser kept out of the search, Playwright's
 * download refused): it still starts and listens, says so in its log, and /health and every chat
 * request (503) name the fix instead of Playwright's "Executable doesn't exist".
 */
class NoBrowserTest {
    private static final Pattern LISTENING = Pattern.compile("listening url=http://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void withoutABrowserHealthAndRequestsNameTheFix(@TempDir Path tmp) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--simulator", "--port", "0", "--stream-port", "0", "--key-file", tmp.resolve("none").toString(),
                "--data-dir", tmp.toString(), "--browser-source", "playwright").redirectErrorStream(true);
        pb.environment().put("PLAYWRIGHT_BROWSERS_PATH", tmp.resolve("browsers").toString());
        pb.environment().put("PLAYWRIGHT_DOWNLOAD_HOST", "http://127.0.0.1:1"); // refused at once
        Process server = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder log = new StringBuilder();
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                log.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            assertTrue(port > 0, "it listens anyway:\n" + log);
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
            assertTrue(log.toString().contains("browser_missing") && log.toString().contains("apt-get install chromium"), log.toString());
            String base = "http://127.0.0.1:" + port;
            var health = Http.get(base + "/health");
            long end = System.nanoTime() + 30_000_000_000L;
            while (!health.body().contains("no browser found") && System.nanoTime() < end) {
                Thread.sleep(100);
                health = Http.get(base + "/health");
            }
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("no browser found") && health.body().contains("BROWSER_EXECUTABLE_PATH"), health.body());
            var chat = Http.post(base + "/v1/chat/completions", Http.chatBody("hello", false));
            assertEquals(503, chat.statusCode(), chat.body());
            assertTrue(chat.body().contains("apt-get install chromium"), chat.body());
            assertTrue(!chat.body().contains("Executable doesn't exist"), chat.body());
        } finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }
}
