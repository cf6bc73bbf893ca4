package aistudioproxy.app;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as its own process, sent SIGTERM while its page is frozen in a busy loop and a
 * request waits on it: the process exits within 10 s and leaves no process of its own behind.
 */
class SigtermTest {
    @Test
    void sigtermWithAFrozenPageExitsWithinTenSeconds(@TempDir Path dataDir) throws Exception {
        ServerProcess started = ServerProcess.start(ServerProcess.onTestClasspath("--simulator", "--port", "0", "--stream-port", "0",
                "--key-file", dataDir.resolve("none").toString(), "--data-dir", dataDir.toString(), "--page-operation-timeout-ms", "15000"));
        Process server = started.process;
        try {
            String base = started.base();
            long end = System.nanoTime() + 60_000_000_000L;
            while (Http.get(base + "/health").statusCode() != 200 && System.nanoTime() < end) Thread.sleep(100);
            String chat = base + "/v1/chat/completions";
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.post(chat, Http.chatBody("[[sim:freeze]] [[sim:long=500]] [[sim:pace=50]]", false)).statusCode();
                } catch (Exception e) {
                    return -1;
                }
            });
            // The run starts, the page freezes 100 ms later and the page thread gets stuck reading it.
            Thread.sleep(3000);
            List<ProcessHandle> own = server.toHandle().descendants().toList();
            assertTrue(own.stream().anyMatch(p -> p.info().command().orElse("").contains("chrom")), "its browser runs");
            long t0 = System.nanoTime();
            server.destroy(); // SIGTERM
            boolean exited = server.waitFor(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(exited, "exited within 10 s of SIGTERM");
            System.out.println("sigterm_exit ms=" + ms + " code=" + server.exitValue());
            long gone = System.nanoTime() + 5_000_000_000L;
            while (own.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < gone) Thread.sleep(50);
            assertEquals(List.of(), own.stream().filter(ProcessHandle::isAlive).map(p -> p.info().command().orElse("?")).toList(), "nothing left behind");
            int status = waiting.get(10, TimeUnit.SECONDS);
            assertTrue(status == 503 || status == -1, "the waiting client got an end: " + status);
        } finally {
            server.destroyForcibly();
        }
    }
}
