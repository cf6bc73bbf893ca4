package aistudioproxy.app;

import aistudioproxy.config.ConfigException;
import aistudioproxy.config.Setting;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @Test
    void flagsAndSettingsAreParsed() throws Exception {
        CommandLine c = CommandLine.parse(new String[] {"--simulator", "--headed", "--port", "9000", "--queue-max=5"});
        assertEquals("serve", c.command());
        assertEquals("true", c.settings().get(Setting.SIMULATOR));
        assertEquals("false", c.settings().get(Setting.HEADLESS));
        assertEquals("9000", c.settings().get(Setting.PORT));
        assertEquals("5", c.settings().get(Setting.QUEUE_MAX));
        assertEquals("simulator", CommandLine.parse(new String[] {"simulator"}).command());
    }

    @Test
    void doctorTakesAPageAndJson() throws Exception {
        CommandLine c = CommandLine.parse(new String[] {"doctor", "--page", "saved.html", "--json", "--simulator"});
        assertEquals("doctor", c.command());
        assertEquals("saved.html", c.page());
        assertTrue(c.json());
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"--json"}));
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"doctor", "--page"}));
        assertEquals(2, Main.run(new String[] {"doctor", "--page", "target/no-such-page.html"}));
    }

    /** run.sh asks "browser" followed by the arguments it was given, a command word and doctor's flags included. */
    @Test
    void browserTakesTheArgumentsOfTheCommandItPreparesFor() throws Exception {
        CommandLine c = CommandLine.parse(new String[] {"browser", "doctor", "--walk", "--headed", "--browser-source", "system"});
        assertEquals("browser", c.command());
        assertEquals("false", c.settings().get(Setting.HEADLESS));
        assertEquals("system", c.settings().get(Setting.BROWSER_SOURCE));
        assertEquals("browser", CommandLine.parse(new String[] {"browser", "serve", "--login"}).command());
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"serve", "browser"}));
        ConfigException bad = assertThrows(ConfigException.class, () -> aistudioproxy.config.ConfigLoader.load(
                java.util.Map.of(Setting.BROWSER_SOURCE, "snap"), java.util.Map.of(), java.util.Map.of()));
        assertTrue(bad.getMessage().contains("BROWSER_SOURCE"), bad.getMessage());
    }

    @Test
    void doctorWalkTakesModels() throws Exception {
        CommandLine c = CommandLine.parse(new String[] {"doctor", "--walk", "--models", "gemini-2.5-flash, gemini-3-pro-preview,"});
        assertTrue(c.walk());
        assertEquals(java.util.List.of("gemini-2.5-flash", "gemini-3-pro-preview"), c.models());
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"doctor", "--models", "x"}), "--models needs --walk");
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"doctor", "--walk", "--page", "a.html"}));
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"serve", "--walk"}));
        assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"doctor", "--walk", "--models"}));
        assertTrue(CommandLine.usage().contains("--walk") && CommandLine.usage().contains("--models"));
    }

    @Test
    void helpListsEveryOption() {
        String usage = CommandLine.usage();
        for (Setting s : Setting.values()) assertTrue(usage.contains(s.option()) && usage.contains(s.name()), s.name());
        for (String flag : new String[] {"--simulator", "--headed", "--login", "--help"}) assertTrue(usage.contains(flag));
    }

    @Test
    void mistakesAreClearErrors() {
        assertTrue(assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"--prot", "1"})).getMessage().contains("--prot"));
        assertTrue(assertThrows(ConfigException.class, () -> CommandLine.parse(new String[] {"--port"})).getMessage().contains("needs a value"));
        assertEquals(2, Main.run(new String[] {"--port", "notaport"}));
        assertEquals(0, Main.run(new String[] {"--help"}));
    }
}
