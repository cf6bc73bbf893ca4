package aistudioproxy.config;

import java.util.Locale;

/**
 * Every configuration key, with its default and meaning. This enum is the single source for
 * {@code --help}, {@code .env.example} (a test keeps it in sync) and validation.
 * Each key can be given as an environment variable, in {@code .env}, or on the command line as
 * {@code --kebab-case-name value}.
 */
public enum Setting {
    HOST("127.0.0.1", "Address the API listens on. Loopback by default; use 0.0.0.0 to expose it (set API keys!)."),
    PORT("2048", "Port of the OpenAI-compatible API (0: any free port, printed at startup)."),
    STREAM_PORT("3120", "Port of the integrated stream proxy (tier 1); 0 disables it."),
    STREAM_INTERCEPT_HOSTS("alkalimakersuite-pa.clients6.google.com,aistudio.google.com",
            "Hosts the stream proxy terminates TLS for (comma-separated, * wildcards); all others are tunnelled untouched."),
    STREAM_TUNNEL_PORTS("", "Ports the stream proxy also tunnels to, comma-separated, besides 443, 80 and the intercepted hosts' (the rest get a 403)."),
    STREAM_MAX_CONNECTIONS("256", "Browser connections the stream proxy holds at once; a new one beyond this gets a 503 (its memory stays bounded)."),
    STREAM_FIRST_EVENT_TIMEOUT_MS("15000", "Tier 1 falls back when no GenerateContent response is seen this long after the page submitted."),
    STREAM_STALL_TIMEOUT_MS("30000", "Tier 1 gives up on a started response that then sends nothing for this long (a model may think quietly); the next tier carries the answer on."),
    UNIFIED_PROXY_CONFIG("", "Upstream proxy for all outbound browser traffic, http://user:pass@host:port. Empty: direct."),
    GUI_DEFAULT_HELPER_ENDPOINT("", "URL of an external Helper service (tier 2); 'simulator' uses the simulator's. Empty disables tier 2."),
    HELPER_SAPISID("", "SAPISID cookie value sent to the Helper; empty: read from the auth profile."),
    HELPER_CONNECT_TIMEOUT_MS("5000", "Tier 2 falls back when the Helper cannot be connected to within this."),
    HELPER_FIRST_BYTE_TIMEOUT_MS("10000", "Tier 2 falls back when the Helper's response has not started within this."),
    HELPER_IDLE_TIMEOUT_MS("30000", "Tier 2 gives up when the Helper sends nothing (not even a comment) for this long."),
    BROWSER_EXECUTABLE_PATH("", "Chromium/Chrome binary to launch; empty: see BROWSER_SOURCE."),
    BROWSER_SOURCE("auto", "Where a launched browser comes from: auto (BROWSER_EXECUTABLE_PATH, else a Chromium, Chrome or Edge on this machine, else Playwright's Chromium, downloaded once), system, or playwright."),
    BROWSER_WS_ENDPOINT("", "Connect to a running Playwright browser server (e.g. Camoufox) instead of launching one."),
    BROWSER_CDP_ENDPOINT("", "Connect to a running Chrome over CDP (e.g. http://127.0.0.1:9222) instead of launching one."),
    HEADLESS("true", "Run the launched browser headless. --headed sets false."),
    AUTH_PROFILE("", "Playwright storage-state JSON with the Google login: one account. Empty: AUTH_PROFILES, else every *.json in AUTH_PROFILES_DIR, one account each."),
    AUTH_PROFILES("", "Comma-separated storage-state files, one account each (its own browser, page and queue); empty: see AUTH_PROFILE."),
    AUTH_PROFILES_DIR("auth_profiles/active", "Where --login saves logins; with AUTH_PROFILE and AUTH_PROFILES empty, every *.json in it is an account."),
    ACCOUNT_ISOLATION("browser", "Several accounts: browser, each its own browser process (separate fingerprints, the default); context, one browser with a context per account (less memory, for small hosts)."),
    QUOTA_COOLDOWN_SECONDS("3600", "How long an account whose quota ran out for a model is not given that model again; its request is retried at once on another account."),
    LOGIN_SAVE_INTERVAL_SECONDS("600", "How often each signed-in account's cookies (Google refreshes them while the page is open) are written back to its login file, whole then moved into place; 0: only when the browser closes. A file changed by someone else since it was read is never overwritten."),
    AISTUDIO_URL("https://aistudio.google.com/prompts/new_chat", "The AI Studio chat page the browser opens."),
    API_KEYS("", "Comma-separated API keys. With keys here or in KEY_FILE, /v1/* needs one; none configured means open."),
    KEY_FILE("key.txt", "File with one API key per line (missing file = no keys from it)."),
    QUEUE_MAX("1000", "Most requests that may wait in the queue; more get 503."),
    QUEUE_TIMEOUT_MS("600000", "Longest a request may wait in the queue before a 504."),
    FIRST_TOKEN_TIMEOUT_MS("180000", "Longest from the start of processing to the first token before a 504."),
    GENERATION_TIMEOUT_MS("600000", "Longest a whole generation may take before a 504."),
    PAGE_OPERATION_TIMEOUT_MS("30000", "Timeout of single page operations (clicks, fills, model switch)."),
    KEEPALIVE_INTERVAL_MS("5000", "Interval of ': keep-alive' SSE comments while a streaming request waits."),
    SMART_DELAY("true", "Space back-to-back streaming requests by 0.5-1.0 s (see README)."),
    MAX_BODY_BYTES("52428800", "Largest accepted request body (room for images, not for abuse)."),
    MAX_MESSAGES("5000", "Most messages one chat request may hold (400 beyond)."),
    MAX_PROMPT_CHARS("4000000", "Most characters of text one chat request's messages may hold, about a million tokens (400 beyond)."),
    MAX_IMAGES("32", "Most images one chat request may attach (400 beyond)."),
    WRITE_STALL_TIMEOUT_MS("30000", "A client that stops reading its answer for this long is dropped like a disconnected one."),
    MAX_CONNECTIONS("20000", "Client connections open at once; a new one beyond this gets a 503 and is closed."),
    MAX_IMAGE_BYTES("20971520", "Largest image a request may attach, decoded or fetched (fetches stop reading beyond it)."),
    IMAGE_FETCH_ALLOW_PRIVATE("false", "Let image URLs point at loopback, private, link-local or metadata addresses (refused by default)."),
    CLEAR_CHAT_AFTER_REQUEST("true", "Start a new chat after every request."),
    FUNCTION_CALLING_MODE("auto", "How a request's tools reach the model: auto (native where the page's controls can be driven, else emulated), native, or emulated (a text protocol in the system instruction, parsed out of the answer)."),
    PROMPT_AS_FILE_CHARS("250000", "A prompt longer than this many characters (about 60k tokens) goes to the page as an attached text file, conversation.txt, with a short instruction in the prompt box, which slows down and stops working with very long text. A longer prompt the box refuses goes the same way."),
    PSEUDO_STREAM_CHUNK_CHARS("20", "Tier 3: size of the SSE chunks a complete answer is cut into (at word boundaries)."),
    DEFAULT_TEMPERATURE("1.0", "Temperature used when a request does not send one."),
    DEFAULT_TOP_P("0.95", "top_p used when a request does not send one."),
    DEFAULT_MAX_OUTPUT_TOKENS("65536", "Maximum output tokens used when a request does not send max_tokens."),
    DEFAULT_STOP_SEQUENCES("", "Comma-separated stop sequences used when a request sends none."),
    MODEL_ALIASES("", "Client model names mapped to AI Studio models by glob, tried in order: e.g. claude-*=gemini-2.5-pro,gpt-4o*=gemini-2.5-flash. Answers report the name the client sent. A name that is a model is never aliased."),
    EXCLUDED_MODELS_FILE("excluded_models.txt", "File of model ids (one per line) hidden from /v1/models and refused."),
    SIMULATOR("false", "Run against the built-in AI Studio simulator instead of Google (--simulator)."),
    SIMULATOR_PORT("0", "Port of the simulator's HTTPS server; 0 picks a free one."),
    SIMULATOR_UI("current", "Page layout the simulator serves: current, or legacy (the 2025 builds of the real saved pages)."),
    SIMULATOR_ACCOUNTS("1", "Simulator mode: how many accounts (each its own browser and login) to run."),
    SIMULATOR_QUOTAS("", "Simulator mode: comma-separated generations each simulated login may run before its quota runs out, in the order the logins first load the page; empty: no limit."),
    SIMULATOR_LOGINS("", "Simulator mode: comma-separated SAPISID values the simulator knows; when set, a browser without one (see AUTH_PROFILES) is sent to the sign-in page, and SIMULATOR_QUOTAS go to them in this order."),
    SIMULATOR_AB_EVERY("7", "Legacy simulator layout: show the A/B comparison view on every Nth answer (0: only for prompts with [[sim:ab]])."),
    LOG_LEVEL("INFO", "Log level: ERROR, WARNING, INFO, DEBUG or TRACE."),
    DATA_DIR("data", "Where the proxy CA, certificates and caches are kept.");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The command-line spelling: {@code QUEUE_MAX} is {@code --queue-max}. */
    public String option() {
        return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Setting fromOption(String option) {
        for (Setting s : values()) if (s.option().equals(option)) return s;
        return null;
    }
}
