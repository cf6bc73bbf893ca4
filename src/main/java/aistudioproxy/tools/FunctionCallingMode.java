package aistudioproxy.tools;

import java.util.Locale;

/**
 * {@code FUNCTION_CALLING_MODE}: how a request's {@code tools} reach the model. {@code NATIVE}: the
 * page's own Function calling tool with the tools as its declarations. {@code EMULATED}: the
 * {@link CallProtocol} in the system instruction and its parser on the answer. {@code AUTO}:
 * native where the page's controls can be driven, else emulated for that request (logged).
 */
public enum FunctionCallingMode {
    AUTO, NATIVE, EMULATED;

    public static FunctionCallingMode parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
