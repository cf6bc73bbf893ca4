package aistudioproxy.page;

import java.util.Locale;

/**
 * Every element the driver looks for, by the name it has in {@code selectors.json}. The file
 * gives each key its ordered alternatives (current UI first, then legacy ones); this enum says
 * what the key means and when the page shows it ({@link Presence}): the {@code doctor} command
 * fails when a key every chat page has matches nothing, and its walk brings out the others.
 */
public enum SelectorKey {
    APP_ROOT(Presence.REQUIRED, "the AI Studio app's root element"),
    PROMPT_INPUT(Presence.REQUIRED, "the prompt textarea"),
    RUN_BUTTON(Presence.REQUIRED, "the Run button, type=submit (also the Stop button while a run goes on)"),
    STOP_CONTROL(Presence.WALK, "the control that stops a running generation (\"Stop generating\"); present only while generating"),
    GENERATING_INDICATOR(Presence.WALK, "a loading indicator or in-progress thinking icon; present only while generating"),
    CHAT_TURN(Presence.WALK, "one turn of the chat (user or model)"),
    TURN_MODEL(Presence.WALK, "inside a turn: marks it as the model's"),
    TURN_USER(Presence.WALK, "inside a turn: marks it as the user's"),
    TURN_PLACEHOLDER(Presence.EVENT, "inside a turn: the empty placeholder of a turn scrolled out of view (long chats)"),
    ANSWER_TEXT(Presence.WALK, "inside a turn: the rendered markdown of the answer"),
    THOUGHTS(Presence.WALK, "inside a turn: the thoughts panel (a turn of its own in 2025, a chunk in later builds)"),
    THOUGHTS_TEXT(Presence.WALK, "inside the thoughts panel: its text"),
    CODE_BLOCK(Presence.WALK, "a code block inside an answer"),
    CODE_TEXT(Presence.WALK, "inside a code block: the code itself"),
    HIDDEN_TEXT(Presence.WALK, "text inside an answer a reader does not see or copy (copy markers, footers, icons, buttons)"),
    EDIT_BUTTON(Presence.WALK, "inside a finished turn: the edit toggle that shows the raw markdown"),
    EDIT_TEXTAREA(Presence.WALK, "inside a turn being edited: the raw markdown"),
    FUNCTION_CALL(Presence.EVENT, "inside a turn: a function call chunk (answers to declared functions)"),
    FUNCTION_CALL_NAME(Presence.EVENT, "inside a function call: the function's name"),
    FUNCTION_CALL_ARGS(Presence.EVENT, "inside a function call: its arguments (JSON)"),
    AB_OPTION(Presence.EVENT, "a candidate answer of the A/B comparison view (shown now and then)"),
    AB_SKIP(Presence.EVENT, "the Skip button of the A/B comparison view"),
    SCROLL_CONTAINER(Presence.PAGE, "the scrolling chat container"),
    ERROR_TOAST(Presence.EVENT, "an error or warning toast"),
    QUOTA_CALLOUT(Presence.EVENT, "the quota-exceeded callout"),
    CURRENT_MODEL(Presence.REQUIRED, "the element showing the current model id (text, or the Run button's jslog in 2025)"),
    NEW_CHAT_BUTTON(Presence.PAGE, "the New chat button (locked while a run goes on)"),
    DISCARD_CONFIRM(Presence.WALK, "the confirm button (\"Discard and continue\") of the discard-changes dialog"),
    MORE_ACTIONS_BUTTON(Presence.PAGE, "the \"View more actions\" menu button, which holds the temporary chat toggle"),
    TEMPORARY_CHAT_TOGGLE(Presence.WALK, "the temporary chat toggle (in the \"View more actions\" menu)"),
    TEMPORARY_CHAT_ON(Presence.WALK, "what shows temporary chat is on: the header indicator or the menu item's checkmark"),
    OVERLAY_CLOSE(Presence.EVENT, "the close button of a dialog in the way (first-visit, what's new)"),
    OVERLAY_BACKDROP(Presence.WALK, "an overlay backdrop that swallows clicks (menus, selects, dialogs)"),
    OBSTRUCTING_FRAME(Presence.EVENT, "a survey frame laid over the page"),
    TEMPERATURE_INPUT(Presence.PAGE, "the temperature number input"),
    TEMPERATURE_SLIDER(Presence.PAGE, "the temperature slider (its aria-valuetext shows the value)"),
    TOP_P_INPUT(Presence.WALK, "the top-P number input (in the collapsed settings section)"),
    TOP_P_SLIDER(Presence.WALK, "the top-P slider (in the collapsed settings section)"),
    ADVANCED_SETTINGS_TOGGLE(Presence.PAGE, "the button that expands the collapsed settings section (Top P, output length, stop sequences)"),
    MAX_TOKENS_INPUT(Presence.WALK, "the maximum output tokens input (in the collapsed settings section)"),
    STOP_INPUT(Presence.WALK, "the input that adds a stop sequence (in the collapsed settings section)"),
    STOP_CHIP_REMOVE(Presence.WALK, "the remove button of a stop-sequence chip (aria-label \"Remove X\")"),
    THINKING_TOGGLE(Presence.MODEL, "the thinking on/off switch (2.5 Flash models; many models have none)"),
    THINKING_BUDGET_TOGGLE(Presence.MODEL, "the switch between automatic and manual thinking budget (2.5 models, while thinking is on)"),
    THINKING_BUDGET_INPUT(Presence.MODEL, "the thinking budget input (while the budget is manual)"),
    THINKING_LEVEL_SELECT(Presence.MODEL, "the \"Thinking Level\" select (Gemini 3 models)"),
    THINKING_LEVEL_VALUE(Presence.MODEL, "inside the thinking level select: the level shown"),
    THINKING_LEVEL_OPTION(Presence.MODEL, "an option of the open thinking level select (Low, High, ...)"),
    SYSTEM_INSTRUCTIONS_BUTTON(Presence.PAGE, "the button that opens the system instructions"),
    SYSTEM_INSTRUCTIONS_INPUT(Presence.WALK, "the system instructions textarea (once opened)"),
    ADD_MEDIA_BUTTON(Presence.PAGE, "the button that opens the add-media menu"),
    UPLOAD_MENU_ITEM(Presence.WALK, "the \"Upload a file\" item of the add-media menu"),
    FILE_INPUT(Presence.OPTIONAL, "the file input inside the upload menu item (some builds; others open a file chooser)"),
    UPLOAD_CONSENT(Presence.OPTIONAL, "the button that accepts the dialog shown before a first upload"),
    ATTACHMENT(Presence.WALK, "an attached file shown in the prompt box (images as ms-image-chunk; other files, such as the conversation.txt of a long prompt, as ms-file-chunk, a name no saved page shows yet)"),
    GOOGLE_SEARCH_TOGGLE(Presence.OPTIONAL, "the \"Grounding with Google Search\" switch of the run settings' tools (aria-checked; the page refuses function calling while it is on)"),
    URL_CONTEXT_TOGGLE(Presence.OPTIONAL, "the \"URL context\" switch of the run settings' tools (aria-checked; the page refuses function calling while it is on)"),
    FUNCTION_CALLING_TOGGLE(Presence.OPTIONAL, "the \"Function calling\" switch of the run settings' tools (aria-checked)"),
    FUNCTION_DECLARATIONS_EDIT(Presence.OPTIONAL, "the button that opens the function declarations editor (enabled while function calling is on)"),
    FUNCTION_DECLARATIONS_DIALOG(Presence.OPTIONAL, "a dialog; the one headed \"Function declarations\" is the editor"),
    FUNCTION_DECLARATIONS_TAB(Presence.OPTIONAL, "inside the editor: a tab; the one labelled \"Code Editor\" holds the JSON"),
    FUNCTION_DECLARATIONS_INPUT(Presence.OPTIONAL, "inside the editor's Code Editor tab: the declarations' JSON textarea"),
    FUNCTION_DECLARATIONS_SAVE(Presence.OPTIONAL, "inside the editor: the button that saves the declarations"),
    FUNCTION_DECLARATIONS_CLOSE(Presence.OPTIONAL, "inside the editor: the button that closes it");

    /** When the page shows a key's element. */
    public enum Presence {
        /** Every signed-in chat page has it and no request works without it; the doctor fails without it. */
        REQUIRED,
        /** Every chat page of today's builds has it; without it the step that uses it fails or is skipped. */
        PAGE,
        /** Shown during a step of a request; the doctor's walk goes through that step. */
        WALK,
        /** Shown only for some models (the walk checks the models it is given). */
        MODEL,
        /** Shown by some builds or accounts only; its absence is not an error. */
        OPTIONAL,
        /** Shown only on events a walk does not cause (errors, quota, A/B view, long chats, first visit). */
        EVENT;

        /** As reports spell it: {@code walk}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Presence presence;
    private final String meaning;

    SelectorKey(Presence presence, String meaning) {
        this.presence = presence;
        this.meaning = meaning;
    }

    /** Whether no request can work without the element (every signed-in chat page has it). */
    public boolean required() {
        return presence == Presence.REQUIRED;
    }

    public Presence presence() {
        return presence;
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
