package aistudioproxy.page;

/**
 * Every CSS selector the page driver uses, in one place: when AI Studio's UI changes, this is the
 * file to fix. The simulator's page ({@code resources/simulator/index.html}) carries the same
 * elements, so a change here must be mirrored there (the browser tests will say so).
 *
 * <p>AI Studio is an Angular app: components are custom elements with an {@code ms-} prefix,
 * Material components a {@code mat-} prefix; controls are found by their {@code aria-label}s,
 * which are more stable than its generated class names.
 */
final class Selectors {
    private Selectors() {}

    // --- Prompt input and the Run button ---
    /** The prompt textarea. */
    static final String PROMPT_TEXTAREA = "ms-prompt-box ms-autosize-textarea textarea";
    /** The Run button; while generating the same button turns into Stop (aria-label "Stop", spinner). */
    static final String RUN_BUTTON = "ms-run-button button[type=\"submit\"]";
    static final String RUN_BUTTON_IDLE = "ms-run-button button[aria-label=\"Run\"]";
    static final String RUN_BUTTON_STOP = "ms-run-button button[aria-label=\"Stop\"]";
    /** The hidden file input behind "Insert assets" (images are attached through it). */
    static final String FILE_INPUT = "ms-add-chunk-menu input[type=\"file\"]";

    // --- Chat turns ---
    static final String MODEL_TURN = "ms-chat-turn .chat-turn-container.model";
    static final String ANY_TURN = "ms-chat-turn";
    /** Answer text inside a model turn (markdown rendered by ms-cmark-node). */
    static final String TURN_ANSWER_TEXT = "ms-text-chunk ms-cmark-node";
    /** Thinking text inside a model turn (collapsed accordion: read textContent, not innerText). */
    static final String TURN_THOUGHTS = "ms-thought-chunk .mat-expansion-panel-content";
    static final String TURN_FUNCTION_CALL = "ms-function-call-chunk";
    static final String TURN_FUNCTION_NAME = ".function-name";
    static final String TURN_FUNCTION_ARGS = ".function-args";

    // --- Errors ---
    static final String ERROR_TOAST = "div.toast.warning, div.toast.error";
    /** The quota-exceeded callout shown inside the model turn. */
    static final String QUOTA_CALLOUT = "ms-callout.error-callout";

    // --- New chat ---
    static final String NEW_CHAT_BUTTON = "button[aria-label=\"New chat\"]";
    static final String DISCARD_CONFIRM_BUTTON = "mat-dialog-container button.ms-button-primary:has-text(\"Discard and continue\")";

    // --- Overlays that block clicks (welcome/what's-new dialogs) ---
    static final String OVERLAY_CLOSE_BUTTON = ".cdk-overlay-pane mat-dialog-container button[aria-label=\"Close\"]";
    static final String OVERLAY_BACKDROP = ".cdk-overlay-backdrop";

    // --- Model selection ---
    static final String MODEL_SELECTOR_BUTTON = "ms-model-selector button";
    /** The current model's id as the selector card shows it. */
    static final String CURRENT_MODEL_ID = "ms-model-selector [data-test-id=\"model-id\"]";
    static final String MODEL_OPTION_TEMPLATE = "button.model-option[data-model-id=\"models/%s\"]";

    // --- Run settings ---
    static final String TEMPERATURE_INPUT = "ms-slider input[type=\"number\"][aria-valuemax=\"2\"]";
    static final String TOP_P_INPUT = "ms-slider input[type=\"number\"][aria-valuemax=\"1\"]";
    static final String MAX_OUTPUT_TOKENS_INPUT = "input[aria-label=\"Maximum output tokens\"]";
    static final String STOP_SEQUENCE_INPUT = "input[aria-label=\"Add stop token\"]";
    static final String STOP_SEQUENCE_CHIP_TEXT = "mat-chip-set mat-chip-row .chip-text";
    static final String STOP_SEQUENCE_REMOVE = "mat-chip-set mat-chip-row button[aria-label^=\"Remove\"]";
    static final String THINKING_TOGGLE = "mat-slide-toggle[data-test-toggle=\"enable-thinking\"] button[role=\"switch\"]";
    static final String THINKING_BUDGET_TOGGLE = "mat-slide-toggle[data-test-toggle=\"manual-budget\"] button[role=\"switch\"]";
    static final String THINKING_BUDGET_INPUT = "input[aria-label=\"Thinking budget\"]";

    // --- System instructions ---
    static final String SYSTEM_INSTRUCTIONS_BUTTON = "button[aria-label=\"System instructions\"]";
    static final String SYSTEM_INSTRUCTIONS_TEXTAREA = "textarea[aria-label=\"System instructions\"]";

    // --- Network: the RPCs the page makes (URL path fragments) ---
    static final String RPC_LIST_MODELS = "MakerSuiteService/ListModels";
    static final String RPC_GENERATE_CONTENT = "MakerSuiteService/GenerateContent";
    /** Where Google sends a browser that is not signed in. */
    static final String LOGIN_HOST = "accounts.google.com";
}
