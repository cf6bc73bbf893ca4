package aistudioproxy.app;

import aistudioproxy.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static aistudioproxy.testing.JsonPath.at;
import static aistudioproxy.testing.JsonPath.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --login --profile NAME} against the simulator's page: the login lands whole in {@code NAME.json}, and only there. */
class LoginProfileTest {
    @Test
    void theLoginIsSavedUnderItsName() throws Exception {
        Path dir = Path.of("target", "login-profiles-" + System.nanoTime());
        int code = Main.run(new String[] {"--login", "--simulator", "--profile", "work", "--headless", "true", "--auth-profiles-dir", dir.toString()});
        assertEquals(0, code);
        Path saved = dir.resolve("work.json");
        assertTrue(Files.isRegularFile(saved), "saved as work.json");
        JsonValue state = parse(Files.readString(saved));
        boolean sapisid = false;
        for (JsonValue c : ((JsonValue.Arr) at(state, "cookies")).items()) sapisid |= "SAPISID".equals(((JsonValue.Obj) c).string("name").orElse(""));
        assertTrue(sapisid, "the simulator's login cookie is in it: " + state.write());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing else (no partial file) left behind");
        }
        assertEquals(2, Main.run(new String[] {"--login", "--simulator", "--profile", "../escape", "--auth-profiles-dir", dir.toString()}));
        assertFalse(Files.exists(dir.resolve("../escape.json")));
    }
}
