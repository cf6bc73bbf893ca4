package aistudioproxy.testing;

import aistudioproxy.config.Setting;

import java.util.Map;

/**
 * One simulator stack shared by the client-API suites (Anthropic, Responses, Gemini), started when
 * first asked for and closed when the test JVM ends: an API key is required, and
 * {@code claude-*} and {@code gpt-5*} are aliases.
 */
public final class ApiStack {
    public static final String KEY = "formats-test-key";
    public static final String ALIASES = "claude-*=gemini-2.5-pro,gpt-5*=gemini-2.5-flash";
    private static SimStack stack;

    private ApiStack() {}

    public static synchronized SimStack get() throws Exception {
        if (stack == null) {
            stack = new SimStack(Map.of(Setting.API_KEYS, KEY, Setting.MODEL_ALIASES, ALIASES, Setting.DATA_DIR, "target/apis-data"));
            SimStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return stack;
    }
}
