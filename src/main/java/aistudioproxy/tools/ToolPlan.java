package aistudioproxy.tools;

import aistudioproxy.openai.ChatRequest;
import aistudioproxy.openai.ToolSpec;

import java.util.List;

/**
 * What one request does about functions, decided once from its {@code tools}, its
 * {@code tool_choice} and the mode, and read by both ends: the page prompt (what the model is
 * told) and the answer's parsing (what is read as a call). {@code emulated}: the protocol is in
 * the prompt and answers are parsed for it. No tools, or {@code tool_choice: "none"}: nothing
 * either way.
 */
public record ToolPlan(List<ToolSpec> tools, ToolChoice choice, boolean emulated) {
    /** No functions at all. */
    public static final ToolPlan NONE = new ToolPlan(List.of(), new ToolChoice.None(), false);

    public ToolPlan {
        tools = List.copyOf(tools);
    }

    /**
     * The plan for a request; pure, so the prompt and the parser, each asking, get the same. The
     * page's own function-calling controls are not driven yet (their markup on the live page is
     * unverified), so native and auto both emulate for now (the chain logs it per request).
     */
    public static ToolPlan of(ChatRequest request, FunctionCallingMode mode) {
        ToolChoice choice = ToolChoice.of(request.toolChoice());
        if (request.tools().isEmpty() || choice instanceof ToolChoice.None) return NONE;
        return new ToolPlan(request.tools(), choice, true);
    }

    public boolean declares(String name) {
        return tools.stream().anyMatch(t -> t.name().equals(name));
    }
}
