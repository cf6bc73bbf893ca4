package aistudioproxy.page;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.FilePayload;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * The last steps of a run on the page: files attached, the prompt box filled, the run started.
 * Owner thread only; made by {@link PageDriver#prompt()}.
 */
final class PromptEntry {
    private static final System.Logger LOG = System.getLogger(PromptEntry.class.getName());

    /** How long a way of starting the run is given to show it started (the page empties its prompt box at once)... */
    private static final int RUN_START_MS = 1000;
    /** ...plus this per character of the prompt: the live page takes longer to take in a long one. */
    private static final double RUN_START_MS_PER_CHAR = 1.0 / 200;
    /** Prompts from this length on may be refused by the prompt box (Run kept disabled)... */
    static final int REFUSABLE_CHARS = 20_000;
    /** ...which counts as refused when Run is still disabled this long after the fill. */
    private static final int REFUSAL_WAIT_MS = 2000;

    private final Page page;
    private final Selectors selectors;
    private final PageInput input;
    private final PageDriver driver;
    private final double timeoutMs;

    PromptEntry(Page page, Selectors selectors, PageInput input, PageDriver driver, double timeoutMs) {
        this.page = page;
        this.selectors = selectors;
        this.input = input;
        this.driver = driver;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Attaches files as a person does: the add-media menu, its "Upload a file" item (its own file
     * input in some builds, a file chooser in others), the consent dialog of a first upload; then
     * waits until the prompt box shows them and closes the menu if it stayed open.
     */
    void attach(List<PagePrompt.Attachment> attachments) throws PageException {
        if (attachments.isEmpty()) return;
        String step = "attach";
        FilePayload[] files = attachments.stream().map(i -> new FilePayload(i.name(), i.mimeType(), i.bytes())).toArray(FilePayload[]::new);
        int before = ((Number) PageScripts.run(page, selectors, "return document.querySelectorAll(L.resolve('attachment') || ':not(*)').length;")).intValue();
        input.click(SelectorKey.ADD_MEDIA_BUTTON, driver.require(SelectorKey.ADD_MEDIA_BUTTON, step), step);
        String item = driver.await(SelectorKey.UPLOAD_MENU_ITEM, PageDriver.APPEAR_MS, step);
        String fileInput = driver.resolve(SelectorKey.FILE_INPUT);
        try {
            if (fileInput != null) {
                page.setInputFiles(fileInput, files);
            } else {
                FileChooser chooser = page.waitForFileChooser(new Page.WaitForFileChooserOptions().setTimeout(PageDriver.APPEAR_MS),
                        () -> page.locator(item).first().click(new Locator.ClickOptions().setTimeout(PageDriver.APPEAR_MS)));
                chooser.setFiles(files);
            }
        } catch (PlaywrightException e) {
            throw PageException.from(e, fileInput != null ? SelectorKey.FILE_INPUT : SelectorKey.UPLOAD_MENU_ITEM, step);
        }
        Map<String, Object> waitArgs = Map.of("n", before + attachments.size(), "ms", (int) timeoutMs);
        String shown = (String) PageScripts.run(page, selectors, PageScripts.AWAIT_ATTACHED, waitArgs);
        if ("consent".equals(shown)) {
            input.click(SelectorKey.UPLOAD_CONSENT, driver.require(SelectorKey.UPLOAD_CONSENT, step), step);
            LOG.log(Level.INFO, "upload_consent_accepted");
            shown = (String) PageScripts.run(page, selectors, PageScripts.AWAIT_ATTACHED, waitArgs);
        }
        driver.dismissOverlays();
        if (!"attached".equals(shown)) throw new PageException(PageException.Kind.UPSTREAM, "page step 'attach': selector key 'attachment' does not show the "
                + attachments.size() + " attached file(s)", SelectorKey.ATTACHMENT);
    }

    /** A filled prompt box: its selector, Run's, and where a click on Run lands (null: not known, let the click find it). */
    record Filled(String box, String run, Map<String, Object> runPoint) {}

    /**
     * Puts {@code text} into the prompt box and waits until Run is enabled, in one page round
     * trip. Null when the box refused it: a prompt of {@link #REFUSABLE_CHARS} or more after which
     * Run stayed disabled for {@link #REFUSAL_WAIT_MS} (the box is emptied again; the caller may
     * send the text as a file). A shorter prompt that leaves Run disabled fails after the
     * operation timeout.
     */
    Filled fill(String text) throws PageException {
        boolean refusable = text.length() >= REFUSABLE_CHARS;
        int waitMs = refusable ? (int) Math.min(timeoutMs, REFUSAL_WAIT_MS) : (int) timeoutMs;
        Map<String, Object> r;
        try {
            r = PageScripts.runForMap(page, selectors, PageScripts.FILL_PROMPT, Map.of("text", text, "ms", waitMs));
        } catch (PlaywrightException e) {
            throw PageException.from(e, SelectorKey.PROMPT_INPUT, "fill prompt");
        }
        if (r.get("box") == null) throw PageException.missing(SelectorKey.PROMPT_INPUT, selectors, "fill prompt");
        if (r.get("run") == null) throw PageException.missing(SelectorKey.RUN_BUTTON, selectors, "run");
        String box = (String) r.get("box"), run = (String) r.get("run");
        if (!Boolean.TRUE.equals(r.get("taken"))) {
            throw new PageException(PageException.Kind.UPSTREAM, "page step 'fill prompt': selector key 'prompt_input' did not take the value ("
                    + text.length() + " characters)", SelectorKey.PROMPT_INPUT);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> point = (Map<String, Object>) r.get("point");
        if (Boolean.TRUE.equals(r.get("enabled"))) return new Filled(box, run, point);
        if (refusable) {
            input.fill(SelectorKey.PROMPT_INPUT, box, "", "fill prompt");
            return null;
        }
        throw new PageException(PageException.Kind.UPSTREAM, "page step 'run': selector key 'run_button' stayed disabled "
                + waitMs + " ms after the prompt was filled", SelectorKey.RUN_BUTTON);
    }

    /**
     * Starts the run of the filled prompt: clicks Run (type=submit) and, when the page shows no
     * run starting, tries what the live page also takes: a script click, Enter, then Ctrl+Enter
     * (Meta+Enter on macOS). Fails naming the key when none started it.
     */
    void run(String text, Filled filled) throws PageException {
        String box = filled.box(), run = filled.run();
        int startMs = (int) (RUN_START_MS + text.length() * RUN_START_MS_PER_CHAR);
        for (RunAttempt attempt : RunAttempt.values()) {
            try {
                switch (attempt) {
                    case CLICK -> input.click(SelectorKey.RUN_BUTTON, run, filled.runPoint(), "run", PageDriver.APPEAR_MS);
                    case SCRIPT_CLICK -> page.locator(run).first().evaluate("b => b.click()");
                    case ENTER -> page.locator(box).first().press("Enter");
                    case SHORTCUT -> page.locator(box).first().press(shortcutModifier() + "+Enter");
                }
            } catch (PlaywrightException e) {
                LOG.log(Level.DEBUG, "run_attempt_failed how={0} why={1}", attempt, PageException.describe(e));
                continue;
            } catch (PageException e) {
                LOG.log(Level.DEBUG, "run_attempt_failed how={0} why={1}", attempt, e.getMessage());
                continue;
            }
            if (Boolean.TRUE.equals(PageScripts.run(page, selectors, PageScripts.AWAIT_RUN_STARTED, Map.of("ms", startMs)))) {
                if (attempt != RunAttempt.CLICK) LOG.log(Level.INFO, "run_started_by how={0} (the click on Run did not start it)", attempt);
                return;
            }
            // Enter may have put a line break into the prompt instead of running it.
            if (attempt == RunAttempt.ENTER) input.fill(SelectorKey.PROMPT_INPUT, box, text, "fill prompt");
        }
        throw new PageException(PageException.Kind.UPSTREAM, "page step 'run': neither a click on selector key 'run_button', a script click, "
                + "Enter nor " + shortcutModifier() + "+Enter started the run", SelectorKey.RUN_BUTTON);
    }

    /** The ways of starting a run, in the order tried. */
    private enum RunAttempt { CLICK, SCRIPT_CLICK, ENTER, SHORTCUT }

    private String shortcutModifier() {
        Object mac = page.evaluate("() => /mac/i.test(navigator.userAgentData?.platform || navigator.platform || '')");
        return Boolean.TRUE.equals(mac) ? "Meta" : "Control";
    }
}
