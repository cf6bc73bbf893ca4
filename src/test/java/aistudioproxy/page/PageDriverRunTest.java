package aistudioproxy.page;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starting a run when the click on Run does not: the driver waits for Run to be enabled, then
 * tries a script click, Enter and Ctrl+Enter, as the live page also takes them, and says which
 * key failed when nothing starts the run. Each page records how its run was started.
 */
class PageDriverRunTest {
    /** A prompt box whose Run is enabled once text is typed; {@code how(x)} records the start and empties the box. */
    private static final String BOX = """
            <ms-chunk-editor><ms-autosize-textarea><textarea class="textarea"></textarea></ms-autosize-textarea></ms-chunk-editor>
            <ms-run-button><button type="submit" class="ms-button-primary" disabled>Run</button></ms-run-button>
            <script>
              window.started = [];
              const t = document.querySelector('textarea'), b = document.querySelector('button');
              t.addEventListener('input', () => { b.disabled = !t.value; });
              window.how = (x) => { started.push(x + ':' + t.value); t.value = ''; };
            </script>""";

    static TestBrowser browser;

    @BeforeAll
    static void launch() throws PageException {
        browser = new TestBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    private static Page page(String script) {
        return browser.page(BOX + "<script>" + script + "</script>");
    }

    private static PageDriver driver(Page page) {
        return new PageDriver(page, Selectors.defaults(), new HashSet<>(), 3000);
    }

    @Test
    void aClickOnRunStartsIt() throws PageException {
        Page page = page("b.addEventListener('click', () => how('click'));");
        driver(page).submit("hello");
        assertEquals(java.util.List.of("click:hello"), page.evaluate("started"));
    }

    /** A tooltip left over Run swallows the pointer: the script click gets through. */
    @Test
    void aCoveredRunIsClickedByScript() throws PageException {
        Page page = page("""
                b.addEventListener('click', () => how('click'));
                const r = b.getBoundingClientRect(), cover = document.createElement('div');
                cover.className = 'mat-mdc-tooltip';
                cover.style = `position:fixed;left:${r.left - 5}px;top:${r.top - 5}px;width:${r.width + 10}px;height:${r.height + 10}px;z-index:9`;
                document.body.append(cover);""");
        driver(page).submit("covered");
        assertEquals(java.util.List.of("click:covered"), page.evaluate("started"));
    }

    /** A Run that ignores clicks on a page that runs on Ctrl+Enter: Enter adds a line break (put back), Ctrl+Enter runs. */
    @Test
    void aDeafRunFallsBackToTheShortcut() throws PageException {
        Page page = page("t.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); how('shortcut'); } });");
        driver(page).submit("by keyboard");
        assertEquals(java.util.List.of("shortcut:by keyboard"), page.evaluate("started"));
    }

    @Test
    void nothingStartsTheRunNamesTheKey() {
        Page page = page("");
        PageException e = assertThrows(PageException.class, () -> driver(page).submit("never"));
        assertEquals(SelectorKey.RUN_BUTTON, e.key());
        assertTrue(e.getMessage().contains("started the run"), e.getMessage());
    }

    @Test
    void aRunThatStaysDisabledIsNamed() {
        Page page = page("t.addEventListener('input', () => { b.disabled = true; });");
        PageException e = assertThrows(PageException.class, () -> driver(page).submit("disabled"));
        assertEquals(SelectorKey.RUN_BUTTON, e.key());
        assertTrue(e.getMessage().contains("stayed disabled"), e.getMessage());
    }
}
