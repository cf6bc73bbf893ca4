package aistudioproxy.page;

import java.util.Locale;

/**
 * Every element the driver looks for, by the name it has in {@code selectors.json}. The file
 * gives each key its ordered alternatives (current UI first, then legacy ones); this enum says
 * what the key means and whether every signed-in chat page has it ({@code required}: the
 * {@code doctor} command fails when one of those matches nothing).
 */
public enum SelectorKey {
    APP_ROOT(true, "the AI Studio app's root element"),
    PROMPT_INPUT(true, "the prompt textarea"),
    RUN_BUTTON(true, "the Run button (in the 2025 builds also the Stop button, class stoppable)"),
    STOP_CONTROL(false, "the control that stops a running generation; present only while generating"),
    GENERATING_INDICATOR(false, "a loading indicator or in-progress thinking icon; present only while generating"),
    CHAT_TURN(false, "one turn of the chat (user or model)"),
    TURN_MODEL(false, "inside a turn: marks it as the model's"),
    TURN_USER(false, "inside a turn: marks it as the user's"),
    TURN_PLACEHOLDER(false, "inside a turn: the empty placeholder of a turn scrolled out of view"),
    ANSWER_TEXT(false, "inside a turn: the rendered markdown of the answer"),
    THOUGHTS(false, "inside a turn: the thoughts panel (a turn of its own in 2025, a chunk in later builds)"),
    THOUGHTS_TEXT(false, "inside the thoughts panel: its text"),
    CODE_BLOCK(false, "a code block inside an answer"),
    CODE_TEXT(false, "inside a code block: the code itself"),
    HIDDEN_TEXT(false, "text inside an answer a reader does not see or copy (copy markers, footers, icons, buttons)"),
    EDIT_BUTTON(false, "inside a turn: the edit toggle that shows the raw markdown"),
    EDIT_TEXTAREA(false, "inside a turn being edited: the raw markdown"),
    FUNCTION_CALL(false, "inside a turn: a function call chunk"),
    FUNCTION_CALL_NAME(false, "inside a function call: the function's name"),
    FUNCTION_CALL_ARGS(false, "inside a function call: its arguments (JSON)"),
    AB_OPTION(false, "a candidate answer of the A/B comparison view"),
    AB_SKIP(false, "the Skip button of the A/B comparison view"),
    SCROLL_CONTAINER(false, "the scrolling chat container"),
    ERROR_TOAST(false, "an error or warning toast"),
    QUOTA_CALLOUT(false, "the quota-exceeded callout"),
    CURRENT_MODEL(true, "the element showing the current model id (text, or the Run button's jslog in 2025)"),
    NEW_CHAT_BUTTON(false, "the New chat button"),
    DISCARD_CONFIRM(false, "the confirm button of the discard-changes dialog"),
    OVERLAY_CLOSE(false, "the close button of a dialog in the way"),
    OVERLAY_BACKDROP(false, "an overlay backdrop that swallows clicks"),
    TEMPERATURE_INPUT(false, "the temperature number input"),
    TEMPERATURE_SLIDER(false, "the temperature slider (its aria-valuetext shows the value)"),
    TOP_P_INPUT(false, "the top-P number input (in the collapsed advanced settings)"),
    TOP_P_SLIDER(false, "the top-P slider"),
    ADVANCED_SETTINGS_TOGGLE(false, "the button that expands the collapsed settings section (Top P, output length, stop sequences)"),
    MAX_TOKENS_INPUT(false, "the maximum output tokens input"),
    STOP_INPUT(false, "the input that adds a stop sequence"),
    STOP_CHIP_REMOVE(false, "the remove button of a stop-sequence chip (aria-label \"Remove X\")"),
    THINKING_TOGGLE(false, "the thinking on/off switch (many models have none)"),
    THINKING_BUDGET_TOGGLE(false, "the switch between automatic and manual thinking budget"),
    THINKING_BUDGET_INPUT(false, "the thinking budget input"),
    SYSTEM_INSTRUCTIONS_BUTTON(false, "the button that opens the system instructions"),
    SYSTEM_INSTRUCTIONS_INPUT(false, "the system instructions textarea"),
    FILE_INPUT(false, "the file input images are attached through"),
    ATTACHMENT(false, "an attached file shown in the prompt box");

    private final boolean required;
    private final String meaning;

    SelectorKey(boolean required, String meaning) {
        this.required = required;
        this.meaning = meaning;
    }

    public boolean required() {
        return required;
    }

    public String meaning() {
        return meaning;
    }

    /** The key as {@code selectors.json} and the page scripts spell it: {@code prompt_input}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SelectorKey fromId(String id) {
        for (SelectorKey k : values()) if (k.id().equals(id)) return k;
        return null;
    }
}
