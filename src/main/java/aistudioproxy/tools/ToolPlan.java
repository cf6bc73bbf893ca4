package aistudioproxy.tools;

import aistudioproxy.chat.ChatRequest;
import aistudioproxy.chat.ToolChoice;
import aistudioproxy.chat.ToolSpec;

import java.util.List;

/**
 * What one request does about functions, decided from its {@code tools}, its {@code tool_choice}
 * and the mode, and read by both ends: the page (what the model is given: declarations in the
 * page's Function calling tool, or the protocol in the prompt) and the answer's parsing (its text
 * is read for protocol calls whenever there are functions, native ones included). {@code fallback}:
 * a native plan may turn emulated when the page's controls cannot be driven (mode {@code auto});
 * the page run then reports the plan it used.
 */
public record ToolPlan(List<ToolSpec> tools, ToolChoice choice, Delivery delivery, boolean fallback) {
    /** How the functions reach the model. */
    public enum Delivery { NONE, NATIVE, EMULATED }

    /** No functions at all: the page's Function calling is off, nothing is parsed. */
    public static final ToolPlan NONE = new ToolPlan(List.of(), new ToolChoice.None(), Delivery.NONE, false);

    public ToolPlan {
        tools = List.copyOf(tools);
    }

    /** An emulated plan (tests, and the fallback). */
    public ToolPlan(List<ToolSpec> tools, ToolChoice choice) {
        this(tools, choice, Delivery.EMULATED, false);
    }

    /**
     * The plan for a request; pure, so whoever asks gets the same. No tools, or
     * {@code tool_choice: "none"}: none. {@code "required"} or a named function: emulated, since
     * the page's tool has no such setting and the protocol's instructions can say it.
     */
    public static ToolPlan of(ChatRequest request, FunctionCallingMode mode) {
        ToolChoice choice = request.toolChoice();
        if (request.tools().isEmpty() || choice instanceof ToolChoice.None) return NONE;
        if (mode == FunctionCallingMode.EMULATED || choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Named) {
            return new ToolPlan(request.tools(), choice, Delivery.EMULATED, false);
        }
        return new ToolPlan(request.tools(), choice, Delivery.NATIVE, mode == FunctionCallingMode.AUTO);
    }

    public boolean emulated() {
        return delivery == Delivery.EMULATED;
    }

    public boolean nativeCalls() {
        return delivery == Delivery.NATIVE;
    }

    /** The same functions through the protocol (native controls not drivable). */
    public ToolPlan asEmulated() {
        return new ToolPlan(tools, choice, Delivery.EMULATED, false);
    }

    public boolean declares(String name) {
        return tools.stream().anyMatch(t -> t.name().equals(name));
    }
}
