package aistudioproxy.page;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cleanup's Stop against a run that ends at the same moment. AI Studio's Run button is one
 * element that turns into Stop ("Stop generating") while generating and back into Run when the run ends; tier 1 often
 * has the whole answer before the page does, so the cleanup's Stop meets a run that is ending.
 */
class PageDriverStopTest {
    /** A Run/Stop button like AI Studio's; every click is recorded with the label it landed on. */
    private static final String PAGE = """
            <ms-run-button><button type="submit" aria-label="Run">Run</button></ms-run-button>
            <script>
              window.clicks = [];
              const b = document.querySelector('button');
              b.addEventListener('click', () => clicks.push(b.getAttribute('aria-label')));
              window.generate = (endsWhenThePointerArrives) => {
                b.setAttribute('aria-label', 'Stop generating');
                // the run ends by itself the moment anything moves over the button
                if (endsWhenThePointerArrives) b.addEventListener('pointermove', () => b.setAttribute('aria-label', 'Run'), { once: true });
              };
            </script>""";

    static TestBrowser browser;
    Page page;

    @BeforeAll
    static void launch() throws PageException {
        browser = new TestBrowser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @BeforeEach
    void freshPage() {
        page = browser.page(PAGE);
        page.setDefaultTimeout(3000);
    }

    private PageDriver driver() {
        return new PageDriver(page, Selectors.defaults(), new java.util.HashSet<>(), 3000);
    }

    @Test
    void noRunningGenerationMeansNoClick() {
        assertFalse(driver().stop());
        assertEquals(0, ((Number) page.evaluate("clicks.length")).intValue());
    }

    @Test
    void runningGenerationIsStopped() {
        page.evaluate("generate(false)");
        assertTrue(driver().stop());
        assertEquals(java.util.List.of("Stop generating"), page.evaluate("clicks"));
    }

    /** A click that first moves the pointer would land on a button that has just turned back into Run (a new submission). */
    @Test
    void stopNeverLandsOnTheRunButtonOfARunThatJustEnded() {
        page.evaluate("generate(true)");
        assertTrue(driver().stop());
        assertEquals(java.util.List.of("Stop generating"), page.evaluate("clicks"));
    }
}
