package aistudioproxy.page;

import aistudioproxy.config.Setting;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BROWSER_CDP_ENDPOINT: the server drives a Chromium it did not start. */
class ConnectOverCdpTest {
    @Test
    void drivesARunningChromeOverCdp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path profile = Files.createTempDirectory("cdp-profile");
        List<String> cmd = new ArrayList<>(List.of(BrowserSearch.systemBrowser().toString(), "--headless", "--remote-debugging-port=" + port,
                "--user-data-dir=" + profile, "about:blank"));
        cmd.addAll(1, BrowserLauncher.CHROMIUM_ARGS);
        Process chrome = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end) {
                try {
                    if (Http.get("http://127.0.0.1:" + port + "/json/version").statusCode() == 200) break;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(100);
                }
            }
            try (SimStack stack = new SimStack(Map.of(Setting.BROWSER_CDP_ENDPOINT, "http://127.0.0.1:" + port))) {
                var r = Http.post(stack.chat(), "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:say over cdp]]\"}]}");
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"content\":\"over cdp\""), r.body());
            }
            assertTrue(chrome.isAlive(), "a browser we did not start is left running");
        } finally {
            chrome.destroyForcibly();
        }
    }
}
