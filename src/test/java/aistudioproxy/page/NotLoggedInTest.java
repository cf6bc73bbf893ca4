package aistudioproxy.page;

import aistudioproxy.models.ModelRegistry;
import aistudioproxy.simulator.SimOptions;
import aistudioproxy.simulator.Simulator;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An expired login: the page lands on Google's sign-in; the server says so and answers 503. */
class NotLoggedInTest {
    @Test
    void signInRedirectIsReportedAsNotReadyAnd503() throws Exception {
        try (Simulator sim = Simulator.start(SimOptions.defaults())) {
            sim.state().requireLogin(true);
            PageSettings settings = new PageSettings(sim.pageUrl(), aistudioproxy.page.BrowserSearch.withoutInstalling(aistudioproxy.page.BrowserSearch.Source.AUTO, ""), "", "", true, null, null, false, Duration.ofSeconds(10),
                    65536, 1.0, 0.95, List.of(), true, 20, 250_000, aistudioproxy.page.Selectors.defaults(), null);
            try (PageController page = new PageController(settings, new ModelRegistry(Set.of()), new ImageLimits(1 << 20, false));
                 TestServer server = TestServer.withPage(page::open, new PageTier(page))) {
                page.start();
                long end = System.nanoTime() + 30_000_000_000L;
                while ((page.notReadyReason() == null || page.notReadyReason().startsWith("starting the browser")) && System.nanoTime() < end) Thread.sleep(50);
                assertFalse(page.ready());
                assertTrue(page.notReadyReason().contains("Not logged in"), page.notReadyReason());
                var r = Http.post(server.base() + "/v1/chat/completions", Http.chatBody("hello", false));
                assertEquals(503, r.statusCode(), r.body());
                assertTrue(r.body().contains("Not logged in to AI Studio") && r.body().contains("--login"), r.body());
            }
        }
    }
}
