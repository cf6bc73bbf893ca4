package aistudioproxy.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The page host: the chat page under {@code /prompts/...}, its script and style, the
 * {@code jserror} report endpoint, and the simulated login cookie ({@code SAPISID}, which the
 * page turns into {@code SAPISIDHASH} authorization as AI Studio does).
 */
final class PageRoutes {
    static final String JSERROR_PATH = "/_/AiStudioUi/jserror";
    /** Where a browser without a login is sent; contains Google's sign-in host name, as the real redirect's URL does. */
    static final String SIGN_IN_PATH = "/accounts.google.com/v3/signin/identifier";

    /** The session cookie Google rotates (its real name). */
    static final String ROTATED_COOKIE = "__Secure-1PSIDTS";

    private final java.util.concurrent.atomic.AtomicLong rotations = new java.util.concurrent.atomic.AtomicLong();
    private final SimState state;
    private final HelperRoute helper;
    private final String rpcOrigin;
    private final SimOptions options;

    PageRoutes(SimState state, HelperRoute helper, String rpcOrigin, SimOptions options) {
        this.state = state;
        this.helper = helper;
        this.rpcOrigin = rpcOrigin;
        this.options = options;
    }

    void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/") || path.startsWith("/prompts/")) {
            page(ex);
        } else if (path.startsWith(SIGN_IN_PATH)) {
            send(ex, "text/html; charset=utf-8", "<!doctype html><title>Sign in - Google Accounts</title><h1>Sign in</h1>".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/static/app.js")) {
            resource(ex, "app.js", "text/javascript; charset=utf-8");
        } else if (path.equals("/static/app.css")) {
            resource(ex, "app.css", "text/css; charset=utf-8");
        } else if (path.equals(JSERROR_PATH)) {
            String q = ex.getRequestURI().getRawQuery();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            state.jsError(q != null && q.startsWith("error=") ? URLDecoder.decode(q.substring(6), StandardCharsets.UTF_8) : body);
            ex.sendResponseHeaders(204, -1);
        } else if (path.equals("/helper/getStreamResponse")) {
            helper.handle(ex);
        } else {
            ex.sendResponseHeaders(404, -1);
        }
        ex.close();
    }

    private void page(HttpExchange ex) throws IOException {
        String cookie = HelperRoute.sapisid(ex.getRequestHeaders().getFirst("Cookie"));
        if (state.loginRequired() && (cookie == null || !state.knows(cookie))) {
            ex.getResponseHeaders().set("Location", SIGN_IN_PATH + "?continue=" + ex.getRequestURI().getPath());
            ex.sendResponseHeaders(302, -1);
            return;
        }
        if (cookie == null || !state.knows(cookie)) {
            ex.getResponseHeaders().add("Set-Cookie", "SAPISID=" + state.issueSapisid() + "; Path=/; Secure; SameSite=None");
        }
        // Google refreshes a signed-in browser's session cookies while it stays (a login file
        // written once goes stale); here every page load brings a new one.
        ex.getResponseHeaders().add("Set-Cookie", ROTATED_COOKIE + "=sidts-" + rotations.incrementAndGet() + "; Path=/; Secure; SameSite=None");
        String ui = options.ui().id();
        String html = text("index.html")
                .replace("<!--MODEL_CARD-->", text("model-card-" + ui + ".html"))
                .replace("<!--PROMPT_BOX-->", text("prompt-box-" + ui + ".html"))
                .replace("__SIM_CONFIG__", "{\"rpcOrigin\":\"" + rpcOrigin + "\",\"welcomeDialog\":" + options.welcomeDialog()
                        + ",\"jserrorPath\":\"" + JSERROR_PATH + "\",\"ui\":\"" + ui + "\",\"abEvery\":" + options.abEvery() + "}");
        send(ex, "text/html; charset=utf-8", renamed(html).getBytes(StandardCharsets.UTF_8));
    }

    private void resource(HttpExchange ex, String name, String type) throws IOException {
        send(ex, type, renamed(text(name)).getBytes(StandardCharsets.UTF_8));
    }

    /** The page as AI Studio might ship it tomorrow: every configured rename applied. */
    private String renamed(String text) {
        for (var r : options.renames().entrySet()) text = text.replace(r.getKey(), r.getValue());
        return text;
    }

    private static String text(String name) throws IOException {
        return new String(read(name), StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/simulator/" + name)) {
            if (in == null) throw new IOException("missing simulator resource " + name);
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
