package aistudioproxy.app;

import aistudioproxy.page.BrowserChoice;
import aistudioproxy.page.BrowserSearch;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.ServerProcess;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's two commands on a machine without a browser: {@code ./run.sh --simulator}, then
 * its curl request. The machine's own Chromium is kept out of the search
 * ({@code BROWSER_SOURCE=playwright}) and Playwright's browser cache is empty (fresh
 * {@code HOME} and {@code PLAYWRIGHT_BROWSERS_PATH}), so the browser has to come through
 * Playwright's installer inside the jar. This machine has no internet: a local mirror on
 * loopback ({@code PLAYWRIGHT_DOWNLOAD_HOST}) stands in for Playwright's CDN, serving archives in
 * its layout whose executable starts the system Chromium. Runs after {@code package}: it needs
 * the jar {@code run.sh} starts.
 */
class FreshMachineTest {
    @Test
    void runShFetchesABrowserAndTheReadmeRequestIsAnswered(@TempDir Path tmp) throws Exception {
        Path jar = Path.of("target/aistudio-proxy.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar.toAbsolutePath());
        Path chromium = ((BrowserChoice.Executable) BrowserSearch.withoutInstalling(BrowserSearch.Source.SYSTEM, "")).path();
        List<String> served = new CopyOnWriteArrayList<>();
        HttpServer mirror = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        byte[] shell = zip("chrome-headless-shell-linux64/chrome-headless-shell", "#!/bin/sh\nexec " + chromium + " \"$@\"\n");
        byte[] ffmpeg = zip("ffmpeg-linux", "#!/bin/sh\nexit 0\n");
        mirror.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            served.add(path);
            byte[] body = path.endsWith("/chrome-headless-shell-linux64.zip") ? shell : path.endsWith("/ffmpeg-linux.zip") ? ffmpeg : null;
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        mirror.start();
        Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder("./run.sh", "--simulator", "--port", "0", "--stream-port", "0",
                "--data-dir", tmp.resolve("data").toString(), "--key-file", tmp.resolve("no-keys").toString());
        Map<String, String> env = pb.environment();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("PLAYWRIGHT_BROWSERS_PATH", tmp.resolve("browsers").toString());
        env.put("PLAYWRIGHT_DOWNLOAD_HOST", "http://127.0.0.1:" + mirror.getAddress().getPort());
        env.put("BROWSER_SOURCE", "playwright");
        env.put("JAVA_HOME", Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString());
        env.remove("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD");
        try (ServerProcess server = ServerProcess.start(pb)) {
            String output = server.startOutput();
            assertTrue(output.contains("browser: Playwright's Chromium"), output);
            assertTrue(served.stream().anyMatch(p -> p.endsWith("/chrome-headless-shell-linux64.zip")), "downloaded through the mirror: " + served);
            assertTrue(Files.isDirectory(tmp.resolve("browsers")), "installed into Playwright's cache");
            long end = System.nanoTime() + 90_000_000_000L;
            while (Http.get(server.base() + "/health").statusCode() != 200 && System.nanoTime() < end) Thread.sleep(100);
            assertEquals(200, Http.get(server.base() + "/health").statusCode(), Http.get(server.base() + "/health").body());
            // The README's curl request, as it stands there.
            var r = Http.post(server.base() + "/v1/chat/completions",
                    "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}],\"stream\":true}");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"content\"") && r.body().endsWith("data: [DONE]\n\n"), r.body());
            output.lines().filter(l -> l.contains("browser")).forEach(l -> System.out.println("fresh_machine " + l));
        } finally {
            mirror.stop(0);
        }
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return b.toByteArray();
    }
}
