package aistudioproxy.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void commandLineBeatsEnvironmentBeatsDotEnvBeatsDefault() throws Exception {
        Map<String, String> dotEnv = Map.of("PORT", "1111", "QUEUE_MAX", "7", "HOST", "127.0.0.2");
        Map<String, String> env = Map.of("PORT", "2222", "QUEUE_MAX", "8");
        Config c = ConfigLoader.load(Map.of(Setting.PORT, "3333"), env, dotEnv);
        assertEquals(3333, c.port());
        assertEquals(8, c.queueMax());
        assertEquals("127.0.0.2", c.host());
        assertEquals(Duration.ofMillis(5000), c.keepAliveInterval(), "default");
        assertNull(c.helperEndpoint(), "empty URL means disabled");
    }

    @Test
    void invalidValuesStopLoadingNamingTheKey() {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Map.of("PORT", "70000"), Map.of()));
        assertTrue(e.getMessage().contains("PORT=70000"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Map.of("SMART_DELAY", "maybe"), Map.of()));
        assertTrue(e.getMessage().contains("SMART_DELAY"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Map.of("GUI_DEFAULT_HELPER_ENDPOINT", "ftp://x"), Map.of()));
        assertTrue(e.getMessage().contains("GUI_DEFAULT_HELPER_ENDPOINT"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Map.of("DEFAULT_TEMPERATURE", "3"), Map.of()));
        assertTrue(e.getMessage().contains("DEFAULT_TEMPERATURE"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), Map.of("UNIFIED_PROXY_CONFIG", "http://u:secret@"), Map.of()));
        assertTrue(!e.getMessage().contains("secret"), "passwords are not echoed: " + e.getMessage());
    }

    @Test
    void listsAndUrlsAreParsed() throws Exception {
        Config c = ConfigLoader.load(Map.of(), Map.of("API_KEYS", " a, b ,,c", "UNIFIED_PROXY_CONFIG", "http://u:p@127.0.0.1:8080"), Map.of());
        assertEquals(List.of("a", "b", "c"), c.apiKeys());
        assertEquals(8080, c.upstreamProxy().getPort());
        assertTrue(!c.summary().contains("p@"), "summary has no secrets");
    }

    @Test
    void dotEnvFileIsRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve(".env");
        Files.writeString(f, "# comment\nexport PORT=4444\nHOST=\"0.0.0.0\"\nAPI_KEYS=k1 # trailing comment\n\n");
        Map<String, String> m = DotEnv.read(f);
        assertEquals("4444", m.get("PORT"));
        assertEquals("0.0.0.0", m.get("HOST"));
        assertEquals("k1", m.get("API_KEYS"));
        assertTrue(DotEnv.read(dir.resolve("missing")).isEmpty());
    }

    @Test
    void envExampleDocumentsEveryKeyWithItsDefault() throws Exception {
        String example = Files.readString(Path.of(".env.example"));
        for (Setting s : Setting.values()) {
            assertTrue(example.contains("\n" + s.name() + "=" + s.defaultValue() + "\n"), ".env.example lacks " + s.name() + "=" + s.defaultValue());
        }
    }

    @Test
    void everySettingHasACommandLineOption() {
        assertEquals(Setting.QUEUE_MAX, Setting.fromOption("--queue-max"));
        for (Setting s : Setting.values()) assertEquals(s, Setting.fromOption(s.option()));
    }
}
