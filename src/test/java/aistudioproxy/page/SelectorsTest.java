package aistudioproxy.page;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelectorsTest {
    @Test
    void builtInFileHasEveryKeyWithAlternatives() {
        Selectors s = Selectors.defaults();
        for (SelectorKey k : SelectorKey.values()) assertTrue(!s.chain(k).isEmpty(), k.id());
        assertNull(s.overrideFile());
        // Current UI first, the 2025 builds' host tag later in the chain.
        List<String> run = s.chain(SelectorKey.RUN_BUTTON);
        assertTrue(run.getFirst().startsWith("ms-run-button") && run.stream().anyMatch(x -> x.startsWith("run-button")), run.toString());
    }

    @Test
    void userFileReplacesOnlyTheKeysItNames(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("selectors.json");
        Files.writeString(f, "{\"run_button\": [\"ms-go-button button\"], \"prompt_input\": \"textarea.new-prompt\"}");
        Selectors s = Selectors.load(f);
        assertEquals(List.of("ms-go-button button"), s.chain(SelectorKey.RUN_BUTTON));
        assertEquals(List.of("textarea.new-prompt"), s.chain(SelectorKey.PROMPT_INPUT));
        assertEquals(Selectors.defaults().chain(SelectorKey.STOP_CONTROL), s.chain(SelectorKey.STOP_CONTROL));
        assertEquals(f, s.overrideFile());
    }

    @Test
    void missingUserFileMeansDefaults(@TempDir Path dir) throws Exception {
        assertNull(Selectors.load(dir.resolve("selectors.json")).overrideFile());
    }

    @Test
    void unknownKeyIsRefusedByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("selectors.json");
        Files.writeString(f, "{\"run_buton\": [\"x\"]}");
        SelectorFileException e = assertThrows(SelectorFileException.class, () -> Selectors.load(f));
        assertTrue(e.getMessage().contains("unknown selector key 'run_buton'") && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void malformedFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("selectors.json");
        Files.writeString(f, "{\"run_button\": [\"x\"");
        SelectorFileException e = assertThrows(SelectorFileException.class, () -> Selectors.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(f, "{\"run_button\": []}");
        e = assertThrows(SelectorFileException.class, () -> Selectors.load(f));
        assertTrue(e.getMessage().contains("'run_button'"), e.getMessage());
        Files.writeString(f, "{\"run_button\": [1]}");
        e = assertThrows(SelectorFileException.class, () -> Selectors.load(f));
        assertTrue(e.getMessage().contains("'run_button'"), e.getMessage());
    }
}
