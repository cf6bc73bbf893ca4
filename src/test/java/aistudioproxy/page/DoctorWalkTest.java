package aistudioproxy.page;

import aistudioproxy.app.DoctorAccess;
import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code doctor --walk} against the simulator, on both layouts: every key a request's steps use
 * is matched in the step that shows it; only keys of events a walk does not cause stay unseen.
 */
class DoctorWalkTest {
    @ParameterizedTest
    @ValueSource(strings = {"current", "legacy"})
    void everyKeyOfARequestsStepsMatches(String ui, @TempDir Path dataDir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = DoctorAccess.run(new String[] {"doctor", "--walk", "--simulator", "--simulator-ui", ui, "--json",
                        "--models", "gemini-2.5-flash,gemini-3-flash-preview", "--data-dir", dataDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + json);
        JsonValue.Obj report = (JsonValue.Obj) Json.parse(json);
        assertEquals(0, ((JsonValue.Arr) report.get("stepErrors").orElseThrow()).size(), json);
        assertEquals("```text\nOK\n```", report.string("answer").orElseThrow().strip(), "the walk's run answered: " + json);
        JsonValue.Obj keys = (JsonValue.Obj) report.get("keys").orElseThrow();
        List<String> unseen = new ArrayList<>();
        for (SelectorKey k : SelectorKey.values()) {
            boolean seen = key(keys, k.id()).string("matched").isPresent();
            switch (k.presence()) {
                case REQUIRED, PAGE, WALK, MODEL -> { if (!seen) unseen.add(k.id()); }
                case OPTIONAL, EVENT -> { }
            }
        }
        assertEquals(List.of(), unseen, ui + ": keys the walk should have shown: " + json);
        // The upload: the 2025 menu item holds a file input, today's opens a file chooser; a fresh browser asks for consent once.
        assertEquals(ui.equals("legacy"), key(keys, "file_input").string("matched").isPresent(), json);
        assertTrue(key(keys, "upload_consent").string("matched").isPresent(), json);
        assertEquals("thinking of gemini-3-flash-preview", key(keys, "thinking_level_option").string("step").orElseThrow());
        assertEquals("run", key(keys, "stop_control").string("step").orElseThrow());
    }

    private static JsonValue.Obj key(JsonValue.Obj keys, String id) {
        return (JsonValue.Obj) keys.get(id).orElseThrow(() -> new AssertionError("no key " + id));
    }
}
