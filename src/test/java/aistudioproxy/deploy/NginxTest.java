package aistudioproxy.deploy;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.ScriptedTier;
import aistudioproxy.testing.SseEvents;
import aistudioproxy.testing.TestServer;
import aistudioproxy.tier.TierName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's nginx recipe ({@code docs/nginx.conf}, as it is) in front of two instances:
 * requests are shared between them, streams come through whole, and with one instance stopped
 * every request is answered by the other. nginx is the distribution's ({@code .ci/run} installs it).
 */
class NginxTest {
    private Process nginx;
    private final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(5, TimeUnit.SECONDS)) nginx.destroyForcibly();
        }
        servers.forEach(TestServer::close);
    }

    static Path nginxBinary() {
        for (String p : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) if (Files.isExecutable(Path.of(p))) return Path.of(p);
        throw new AssertionError("nginx is not installed (apt-get install nginx; .ci/run does it)");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts nginx with the recipe, the two upstreams and a free port; returns that port once nginx accepts on it. */
    int startNginx(int upstream1, int upstream2) throws Exception {
        Path prefix = Path.of("target", "nginx-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(prefix);
        int port = freePort();
        String conf = Files.readString(Path.of("docs", "nginx.conf"))
                .replace("__PREFIX__", prefix.toString())
                .replace("__UPSTREAM_1__", "127.0.0.1:" + upstream1)
                .replace("__UPSTREAM_2__", "127.0.0.1:" + upstream2)
                .replace("__LISTEN__", "127.0.0.1:" + port);
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        nginx = new ProcessBuilder(nginxBinary().toString(), "-p", prefix.toString(), "-e", prefix.resolve("error.log").toString(),
                "-c", file.toString(), "-g", "daemon off; master_process off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException e) {
                if (!nginx.isAlive()) throw new AssertionError("nginx exited: " + Files.readString(prefix.resolve("stdout.log")) + Files.readString(prefix.resolve("error.log")));
                if (System.nanoTime() > end) throw new AssertionError("nginx did not listen");
                Thread.sleep(20);
            }
        }
    }

    static HttpResponse<String> ask(int port, String prompt, boolean stream) {
        try {
            return Http.post("http://127.0.0.1:" + port + "/v1/chat/completions", Http.chatBody(prompt, stream));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void twoInstancesShareTheLoadAndAStoppedOneIsRoutedAround() throws Exception {
        ScriptedTier a = new ScriptedTier(TierName.PAGE), b = new ScriptedTier(TierName.PAGE);
        servers.add(TestServer.withTiers(a));
        servers.add(TestServer.withTiers(b));
        int port = startNginx(servers.get(0).port(), servers.get(1).port());

        // Eight requests at once, each holding its instance for a while: least_conn spreads them.
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            calls.add(CompletableFuture.supplyAsync(() -> ask(port, "slow " + (300 + n), false)));
        }
        for (var c : calls) assertEquals(200, c.get(30, TimeUnit.SECONDS).statusCode());
        assertTrue(a.started.size() >= 2 && b.started.size() >= 2, "both instances answered: " + a.started.size() + " / " + b.started.size());
        assertEquals(8, a.started.size() + b.started.size(), "each request answered once");

        // A stream passes through unbuffered and whole.
        HttpResponse<String> streamed = ask(port, "echo through the balancer", true);
        assertEquals(200, streamed.statusCode());
        List<SseEvents.Event> events = SseEvents.parse(streamed.body()).events;
        assertEquals("[DONE]", events.getLast().rawData());
        assertTrue(streamed.body().contains("\"content\":\"balancer\""), streamed.body());

        // One instance stops: every later request is answered by the other, none fails.
        servers.get(0).close();
        int before = b.started.size();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = ask(port, "echo after " + i, false);
            assertEquals(200, r.statusCode(), r.body());
        }
        assertEquals(before + 6, b.started.size(), "the stopped instance was routed around");
    }
}
