package aistudioproxy.page;

import aistudioproxy.tools.FunctionDeclarations;
import aistudioproxy.tools.ToolPlan;

import java.lang.System.Logger.Level;

/**
 * Bringing the page to the state a run needs, and what is known of the page between runs: the
 * model it was last switched to and the function declarations it was last given. Owner thread
 * only (the model is read by status views too).
 */
final class RunPreparation {
    private static final System.Logger LOG = System.getLogger(RunPreparation.class.getName());

    private final PageSettings settings;
    private final BrowserSession session;
    /** The function declarations this page was last given (null: none, or not known since a reload). */
    private String declaredOnPage;
    private int declaredGeneration = -1;
    private volatile String currentModel;

    RunPreparation(PageSettings settings, BrowserSession session) {
        this.settings = settings;
        this.session = session;
    }

    /** The model the page was last switched to (null before the first request). */
    String currentModel() {
        return currentModel;
    }

    /**
     * Brings the page to the state the run needs, touching only what is not right already: one
     * probe shows overlays, an old conversation or a run going on, the model, temporary chat and
     * the settings section; each step that acts is followed by a fresh probe (a new chat turns
     * temporary chat off, a model switch reloads the page). Returns the page as the run starts from.
     */
    PageProbe prepare(PageDriver d, RunSettings want, PageRun run) throws PageException {
        PageProbe p = d.probe();
        if (p.overlay()) {
            d.dismissOverlays();
            p = d.probe();
        }
        if (p.needsNewChat()) {
            d.newChat(PageDriver.APPEAR_MS);
            p = d.probe();
        }
        if (!want.model().equals(p.model())) {
            d.switchModel(want.model(), settings.url());
            p = d.probe();
        }
        // A switch reloads the page: what its function declarations are is no longer known.
        if (!want.model().equals(currentModel)) declaredOnPage = null;
        currentModel = want.model();
        if (!p.temporaryChat()) {
            d.keepTemporaryChat();
            p = d.probe();
        }
        if (p.advancedClosed()) {
            d.openAdvancedSettings();
            p = d.probe();
        }
        if (applyFunctions(d, run)) p = d.probe();
        return p;
    }

    /**
     * The run's functions on the page: declared in the page's Function calling tool for a native
     * plan, switched off for the others. When the page has no such controls, a plan that may fall
     * back is emulated from here on (logged); one that may not (FUNCTION_CALLING_MODE=native) fails.
     * True when the page was touched.
     */
    private boolean applyFunctions(PageDriver d, PageRun run) throws PageException {
        ToolPlan plan = run.plan();
        String wanted = plan.nativeCalls() ? FunctionDeclarations.json(plan.tools()) : null;
        if (declaredGeneration != session.pageGeneration()) declaredOnPage = null; // a new page: nothing known of it
        declaredGeneration = session.pageGeneration();
        if (wanted == null && declaredOnPage == null) return false; // off, as far as this page was touched
        FunctionCallingStep.Outcome done = FunctionCallingStep.apply(d, wanted, declaredOnPage);
        if (done == FunctionCallingStep.Outcome.DONE) {
            declaredOnPage = wanted;
            return true;
        }
        if (!plan.fallback()) {
            throw new PageException(PageException.Kind.UPSTREAM, "page step 'function calling': FUNCTION_CALLING_MODE=native, but the page's "
                    + "Function calling controls (selector keys 'function_calling_toggle', 'function_declarations_edit') were not found",
                    SelectorKey.FUNCTION_CALLING_TOGGLE);
        }
        LOG.log(Level.INFO, "function_calling_emulated request={0} why=the page''s Function calling controls were not found", run.requestId());
        run.fellBackToEmulated();
        return true;
    }
}
