package aistudioproxy.page;

import aistudioproxy.testing.Http;
import aistudioproxy.testing.SimStack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings section starts collapsed, as on the live page (its Top P, output length and stop
 * inputs are not in the DOM then): the driver opens it before touching them, so every setting
 * still reaches the model.
 */
class CollapsedSettingsTest {
    @Test
    void collapsedSectionIsOpenedBeforeItsSettingsAreApplied() throws Exception {
        try (SimStack stack = new SimStack()) {
            Object before = stack.app.page().onPage(p -> {
                p.evaluate("() => { const pref = JSON.parse(localStorage.getItem('aiStudioUserPreference') || '{}');"
                        + " pref.isAdvancedOpen = false; localStorage.setItem('aiStudioUserPreference', JSON.stringify(pref)); }");
                p.reload();
                // The model as the driver reads it (either layout), once the page has loaded its models.
                Object model = PageScripts.run(p, Selectors.defaults(), "return await L.until(() => L.state().model, 10000);");
                return java.util.List.of(p.evaluate("() => document.querySelectorAll('input[aria-label=\"Maximum output tokens\"], input[aria-label=\"Add stop token\"]').length"),
                        String.valueOf(model));
            });
            java.util.List<?> seen = (java.util.List<?>) before;
            assertEquals(0, ((Number) seen.get(0)).intValue(), "collapsed: the inputs are not in the DOM");
            // The model the page shows already: no switch, so no reload that would open the section by preference.
            String body = "{\"model\":\"" + seen.get(1) + "\",\"top_p\":0.5,\"max_tokens\":321,\"stop\":[\"zz\"],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:echo-settings]]\"}]}";
            var r = Http.post(stack.chat(), body);
            assertEquals(200, r.statusCode(), r.body());
            String echo = Http.contentOf(r.body());
            assertTrue(echo.contains("top_p=0.50") && echo.contains("max_tokens=321") && echo.contains("stop=[\\\"zz\\\"]"), echo);
        }
    }
}
