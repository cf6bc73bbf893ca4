package aistudioproxy.page;

import aistudioproxy.json.Json;
import aistudioproxy.json.JsonValue;
import aistudioproxy.models.ModelRegistry;
import com.microsoft.playwright.Page;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code doctor --walk}: goes through a request's steps on a chat page as the driver does them
 * (settings section, a stop sequence added and removed, temporary chat, system instructions, each
 * given model's thinking controls, an image attached, one short run, a new chat) while a recorder
 * in the page notes, for each selector key, which alternative first matched and in which step.
 * Keys whose element the walk should have brought out and did not are reported missing. On the
 * live page the walk costs one short run of the account's quota.
 */
public final class DoctorWalk {
    /** The prompt of the walk's run: short, and with a code block (code block keys) in the answer. */
    static final String PROMPT = "Reply with the word OK inside a fenced code block, and nothing else.";
    /** A 1x1 PNG, attached in the walk's upload step. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** One key's outcome: matched (with step) or not, and what its absence means. */
    public record KeyResult(SelectorKey key, String matched, String step, int count) {
        public boolean seen() {
            return matched != null;
        }

        /**
         * Not seen where the walk should have shown it. Model keys are never missing (the models
         * walked may have none of them), nor optional and event keys.
         */
        public boolean missing() {
            if (seen()) return false;
            return switch (key.presence()) {
                case REQUIRED, PAGE, WALK -> true;
                case MODEL, OPTIONAL, EVENT -> false;
            };
        }
    }

    public record Report(List<KeyResult> keys, List<String> steps, String answer, List<String> stepErrors) {
        public List<String> missing() {
            return keys.stream().filter(KeyResult::missing).map(k -> k.key().id()).toList();
        }

        public JsonValue toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> keyMap = new LinkedHashMap<>();
            for (KeyResult k : keys) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("presence", k.key().presence().id());
                e.put("matched", k.matched());
                e.put("step", k.step());
                e.put("count", k.count());
                keyMap.put(k.key().id(), e);
            }
            m.put("keys", keyMap);
            m.put("steps", steps);
            m.put("answer", answer);
            m.put("stepErrors", stepErrors);
            m.put("missing", missing());
            return Json.fromPlain(m);
        }
    }

    private final Page page;
    private final PageDriver driver;
    private final Selectors selectors;
    private final PageSettings settings;
    private final Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
    private final List<String> steps = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private DoctorWalk(Page page, PageSettings settings) {
        this.page = page;
        this.settings = settings;
        this.selectors = settings.selectors();
        this.driver = new PageDriver(page, selectors, new HashSet<>(), settings.operationTimeout().toMillis());
    }

    /** Opens the configured page as the server does and walks it; {@code models}: whose thinking controls to show (may be empty). */
    public static Report walkLivePage(PageSettings settings, List<String> models) throws PageException {
        try (BrowserSession session = new BrowserSession(settings, new ModelRegistry(Set.of()))) {
            Page page = session.page();
            return new DoctorWalk(page, settings).walk(models);
        }
    }

    private Report walk(List<String> models) {
        driver.dismissOverlays();
        step("page", () -> {});
        step("settings", () -> {
            driver.openAdvancedSettings();
            String input = driver.resolve(SelectorKey.STOP_INPUT);
            if (input == null) return;
            page.locator(input).first().fill("WALK");
            page.locator(input).first().press("Enter");
            PageScripts.run(page, selectors, "await L.until(() => L.resolve('stop_chip_remove'), 1000); return L.removeStop('WALK');");
        });
        step("temporary chat", driver::keepTemporaryChat);
        step("system instructions", () -> {
            String button = driver.resolve(SelectorKey.SYSTEM_INSTRUCTIONS_BUTTON);
            if (button == null) return;
            if (driver.resolve(SelectorKey.SYSTEM_INSTRUCTIONS_INPUT) == null) page.locator(button).first().click();
            PageScripts.run(page, selectors, "return await L.until(() => L.resolve('system_instructions_input'), 2000);");
            driver.dismissOverlays();
        });
        for (String model : models) {
            step("thinking of " + model, () -> {
                collect(); // the switch reloads the page, and the recorder with it
                driver.switchModel(model, settings.url());
                record("thinking of " + model);
                showThinkingControls();
                driver.keepTemporaryChat();
            });
        }
        step("attach", () -> driver.prompt().attach(List.of(new PagePrompt.Attachment("walk.png", "image/png", PNG))));
        String[] answer = {null};
        step("run", () -> {
            int before = ((Number) driver.state().get("modelTurns")).intValue();
            driver.submit(PROMPT);
            long end = System.nanoTime() + settings.operationTimeout().toNanos() * 4;
            PageAnswer a = null;
            while (a == null && System.nanoTime() < end) a = driver.awaitCompletion(before, PageController.WAIT_SLICE_MS);
            if (a == null) throw new PageException(PageException.Kind.TIMEOUT, "the walk's run did not finish");
            answer[0] = a.text();
        });
        step("new chat", () -> driver.newChat(PageDriver.APPEAR_MS));
        collect();
        List<KeyResult> keys = new ArrayList<>();
        for (SelectorKey k : SelectorKey.values()) {
            Map<String, Object> m = seen.get(k.id());
            keys.add(m == null ? new KeyResult(k, null, null, 0)
                    : new KeyResult(k, (String) m.get("matched"), (String) m.get("step"), ((Number) m.get("count")).intValue()));
        }
        return new Report(keys, steps, answer[0], errors);
    }

    /** Switches shown for a moment: thinking on, the manual budget (its input), the level select opened and closed. */
    private void showThinkingControls() throws PageException {
        Map<String, Object> s = driver.shownSettings();
        String toggle = driver.resolve(SelectorKey.THINKING_TOGGLE);
        if (toggle != null && Boolean.FALSE.equals(s.get("thinking"))) page.locator(toggle).first().click();
        String budget = PageScripts.run(page, selectors, "return await L.until(() => L.resolve('thinking_budget_toggle'), 500);") instanceof String b ? b : null;
        if (budget != null) {
            page.locator(budget).first().click();
            PageScripts.run(page, selectors, "return await L.until(() => L.resolve('thinking_budget_input'), 1000);");
            page.locator(budget).first().click();
        }
        String level = driver.resolve(SelectorKey.THINKING_LEVEL_SELECT);
        if (level != null) {
            page.locator(level).first().click();
            PageScripts.run(page, selectors, "return await L.until(() => L.resolve('thinking_level_option'), 2000);");
            driver.dismissOverlays();
        }
    }

    private interface Step {
        void run() throws PageException;
    }

    private void step(String name, Step body) {
        steps.add(name);
        record(name);
        try {
            body.run();
        } catch (PageException | RuntimeException e) {
            errors.add(name + ": " + (e instanceof PageException ? e.getMessage() : PageException.describe(e)));
        }
        collect();
    }

    private void record(String step) {
        PageScripts.run(page, selectors, PageScripts.WALK_RECORD, Map.of("step", step));
    }

    @SuppressWarnings("unchecked")
    private void collect() {
        Map<String, Object> now = PageScripts.runForMap(page, selectors, PageScripts.WALK_SEEN, Map.of());
        for (Map.Entry<String, Object> e : now.entrySet()) seen.putIfAbsent(e.getKey(), (Map<String, Object>) e.getValue());
    }
}
