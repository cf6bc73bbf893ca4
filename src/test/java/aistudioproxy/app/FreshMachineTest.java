package aistudioproxy.app;

import aistudioproxy.page.BrowserChoice;
import aistudioproxy.page.BrowserSearch;
import aistudioproxy.testing.Http;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern LISTENING = Pattern.compile("listening url=http://127\\.0\\.0\\.1:(\\d+)");

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
                "--data-dir", tmp.resolve("data").toString(), "--key-file", tmp.resolve("no-keys").toString())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("PLAYWRIGHT_BROWSERS_PATH", tmp.resolve("browsers").toString());
        env.put("PLAYWRIGHT_DOWNLOAD_HOST", "http://127.0.0.1:" + mirror.getAddress().getPort());
        env.put("BROWSER_SOURCE", "playwright");
        env.put("JAVA_HOME", Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent().toString());
        env.remove("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD");
        Process server = pb.start();
        StringBuilder output = new StringBuilder();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                output.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            assertTrue(port > 0, "the server said where it listens:\n" + output);
            Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
            assertTrue(output.toString().contains("browser: Playwright's Chromium"), output.toString());
            assertTrue(served.stream().anyMatch(p -> p.endsWith("/chrome-headless-shell-linux64.zip")), "downloaded through the mirror: " + served);
            assertTrue(Files.isDirectory(tmp.resolve("browsers")), "installed into Playwright's cache");
            String base = "http://127.0.0.1:" + port;
            long end = System.nanoTime() + 90_000_000_000L;
            while (Http.get(base + "/health").statusCode() != 200 && System.nanoTime() < end) Thread.sleep(100);
            assertEquals(200, Http.get(base + "/health").statusCode(), Http.get(base + "/health").body());
            // The README's curl request, as it stands there.
            var r = Http.post(base + "/v1/chat/completions",
                    "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}],\"stream\":true}");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"content\"") && r.body().endsWith("data: [DONE]\n\n"), r.body());
            output.toString().lines().filter(l -> l.contains("browser")).forEach(l -> System.out.println("fresh_machine " + l));
        } finally {
            server.toHandle().descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) server.destroyForcibly();
            server.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
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
