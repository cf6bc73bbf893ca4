package aistudioproxy.page;

import aistudioproxy.app.DoctorAccess;
import aistudioproxy.config.Setting;
import aistudioproxy.simulator.SimOptions;
import aistudioproxy.simulator.Simulator;
import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AI Studio renames an element (the simulator serves its page with "run-button" renamed): doctor
 * names the broken key, requests fail with a 502 naming it and leave a snapshot that doctor reads
 * back; an override in DATA_DIR/selectors.json makes the same requests succeed, without a rebuild.
 */
class SelectorOverrideTest {
    @TempDir
    Path dataDir;

    @Test
    void renamedElementIsNamedAndFixedByAnOverride() throws Exception {
        try (Simulator sim = Simulator.start(SimOptions.defaults().withRenames(Map.of("run-button", "go-button")))) {
            PageDoctor.Report report = PageDoctor.inspectLivePage(new PageSettings(sim.pageUrl(), aistudioproxy.page.BrowserSearch.withoutInstalling(aistudioproxy.page.BrowserSearch.Source.AUTO, ""), "", "", true, null, null, false,
                    java.time.Duration.ofSeconds(10), 65536, 1.0, 0.95, List.of(), false, 20, 250_000, Selectors.defaults(), null));
            assertEquals(List.of("run_button"), report.missingRequired());

            try (SimStack app = start(sim)) {
                var r = Http.post(app.chat(), Http.chatBody("hello", false));
                assertEquals(502, r.statusCode(), r.body());
                assertTrue(r.body().contains("selector key 'run_button'") && r.body().contains("selectors.json"), r.body());
            }
            Path snapshot;
            try (Stream<Path> s = Files.list(dataDir.resolve("snapshots"))) {
                snapshot = s.filter(p -> p.toString().endsWith("_run_button.html")).findFirst().orElseThrow();
            }
            assertTrue(Files.isRegularFile(Path.of(snapshot.toString().replace(".html", ".png"))), "screenshot beside " + snapshot);
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int code = DoctorAccess.run(new String[] {"doctor", "--page", snapshot.toString(), "--data-dir", dataDir.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("run_button"), err.toString(StandardCharsets.UTF_8));

            Files.writeString(dataDir.resolve("selectors.json"), "{\"run_button\": [\"ms-go-button button[type=\\\"submit\\\"]\"]}");
            try (SimStack app = start(sim)) {
                for (int i = 0; i < 2; i++) {
                    var r = Http.post(app.chat(), Http.chatBody("[[sim:say fixed without a rebuild]]", false));
                    assertEquals(200, r.statusCode(), r.body());
                    assertEquals("fixed without a rebuild", Http.contentOf(r.body()));
                }
            }
        }
    }

    /** A page without a thinking switch (many models have none): requests that ask to switch it still succeed. */
    @Test
    void absentOptionalControlIsSkippedNotAnError() throws Exception {
        try (Simulator sim = Simulator.start(SimOptions.defaults().withRenames(Map.of("Toggle thinking mode", "Mode")));
             SimStack app = start(sim)) {
            for (String effort : new String[] {"none", "high"}) {
                // 2.5 Flash has the switch; here it is gone (renamed), so thinking stays as the page has it.
                var r = Http.post(app.chat(), "{\"model\":\"gemini-2.5-flash\",\"reasoning_effort\":\"" + effort + "\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:echo-settings]] still answered\"}]}");
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("model=gemini-2.5-flash\\n") && r.body().contains("thinking=on"), r.body());
            }
        }
    }

    /** A page without a system-instructions control: the instruction leads the prompt instead, under a heading. */
    @Test
    void systemInstructionGoesIntoThePromptWithoutItsControl() throws Exception {
        try (Simulator sim = Simulator.start(SimOptions.defaults().withRenames(Map.of("System instructions", "Notes")));
             SimStack app = start(sim)) {
            var r = Http.post(app.chat(), "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"[[sim:echo-settings]] hi\"}]}");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("system=\\\"\\\"\\n") && r.body().contains("prompt=\\\"System instructions:\\\\nBe brief.\\\\n\\\\n---\\\\n\\\\nhi\\\""), r.body());
        }
    }

    @Test
    void badUserFileStopsStartupNamingTheKey() throws Exception {
        Files.writeString(dataDir.resolve("selectors.json"), "{\"prompt_inptu\": [\"textarea\"]}");
        IOException e = assertThrows(IOException.class, () -> new SimStack(settings(Map.of())).close());
        assertTrue(e.getMessage().contains("prompt_inptu") && e.getMessage().contains("selectors.json"), e.getMessage());
    }

    /** The server pointed at the simulator as at a real AI Studio (no simulator mode), with this test's DATA_DIR. */
    private SimStack start(Simulator sim) throws Exception {
        return new SimStack(settings(Map.of(Setting.SIMULATOR, "false", Setting.AISTUDIO_URL, sim.pageUrl().toString())));
    }

    private Map<Setting, String> settings(Map<Setting, String> extra) {
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.put(Setting.AUTH_PROFILE, "target/no-such-profile.json");
        s.put(Setting.PAGE_OPERATION_TIMEOUT_MS, "5000");
        s.put(Setting.DATA_DIR, dataDir.toString());
        s.putAll(extra);
        return s;
    }


}
