package aistudioproxy.realpage;

import aistudioproxy.config.Config;
import aistudioproxy.page.PageDoctor;
import aistudioproxy.page.PageSettings;
import aistudioproxy.page.Selectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's read steps on every real saved AI Studio page (loaded in Chromium with all network
 * refused) give what a person reads there: the state, the last answer without its thoughts, hidden
 * code-block text or repeats, the thinking, the A/B view, no toast or callout where there is none,
 * and every required selector key matched.
 */
class RealPageReadTest {
    private static RealPages pages;
    /** Every page read in one browser (a context each), in the order of {@code pages}. */
    private static List<PageDoctor.Report> reports;

    @BeforeAll
    static void load() throws Exception {
        pages = RealPages.load();
        reports = PageDoctor.inspectSavedPages(settings(), pages.entries().stream().map(RealPages.Entry::html).toList());
    }

    static PageSettings settings() {
        Config c = Config.defaults();
        return new PageSettings(c.aistudioUrl(), aistudioproxy.page.BrowserSearch.withoutInstalling(aistudioproxy.page.BrowserSearch.Source.AUTO, ""), "", "", true, null, null, false, Duration.ofSeconds(10), 65536, 1.0, 0.95,
                List.of(), false, 20, 250_000, Selectors.defaults(), null);
    }

    @TestFactory
    Stream<DynamicTest> readsWhatAPersonReads() {
        List<RealPages.Entry> entries = pages.entries();
        return java.util.stream.IntStream.range(0, entries.size()).mapToObj(i -> DynamicTest.dynamicTest(
                entries.get(i).html().getFileName().toString(), () -> check(entries.get(i), reports.get(i))));
    }

    @SuppressWarnings("unchecked")
    static void check(RealPages.Entry e, PageDoctor.Report r) {
        String name = e.html().getFileName().toString();
        assertEquals(List.of(), r.missingRequired(), name + ": required keys");
        assertEquals(e.state(), r.state().get("phase"), name + ": state");
        assertEquals(Boolean.TRUE, r.state().get("signedIn"), name + ": signed in");
        assertEquals(e.modelId(), r.state().get("model"), name + ": model id");
        Map<String, Object> shown = (Map<String, Object>) r.state().get("settings");
        if (e.temperature() != null) assertEquals(e.temperature(), ((Number) shown.get("temperature")).doubleValue(), name + ": temperature");
        if (e.topP() != null) assertEquals(e.topP(), ((Number) shown.get("topP")).doubleValue(), name + ": top P");
        Map<String, Object> a = r.answer();
        Map<String, Object> ab = (Map<String, Object>) a.get("comparison");
        assertEquals(e.comparison(), ab.get("shown"), name + ": A/B view");
        if (e.comparison()) {
            List<Map<String, Object>> c = (List<Map<String, Object>>) ab.get("candidates");
            assertEquals(e.candidates().size(), c.size(), name + ": candidates");
            for (int i = 0; i < c.size(); i++) assertEquals(RealPages.norm(e.candidates().get(i)), RealPages.norm((String) c.get(i).get("text")), name + ": candidate " + i);
            // One answer taken, never both: the first candidate, as the driver returns it.
            assertEquals(RealPages.norm(e.candidates().getFirst()), RealPages.norm((String) a.get("text")), name + ": answer taken from the A/B view");
            assertTrue(String.valueOf(a.get("source")).startsWith("ab:"), name + ": " + a.get("source"));
        } else {
            assertEquals(RealPages.norm(e.answer()), RealPages.norm((String) a.get("text")), name + ": answer text");
        }
        assertEquals(RealPages.norm(e.thinking()), RealPages.norm((String) a.get("thinking")), name + ": thinking");
        if (e.answer() == null && !e.comparison() && r.state().get("turns") instanceof Number n && n.intValue() > 0) {
            assertEquals(Boolean.TRUE, a.get("virtualized"), name + ": an unreadable answer is reported as virtualised");
        }
        if (e.toast() == null) assertEquals(List.of(), a.get("toasts"), name + ": toasts");
        if (e.callout() == null) assertEquals("", a.get("quota"), name + ": callout");
        String text = String.valueOf(a.get("text"));
        assertFalse(text.contains("IGNORE_WHEN_COPYING") || text.contains("Use code with caution"), name + ": hidden code-block text leaked");
        assertNull(((Map<String, Object>) r.selectors().get("prompt_input")).get("error"), name);
    }
}
