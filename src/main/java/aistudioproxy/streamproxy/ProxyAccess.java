package aistudioproxy.streamproxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may use the stream proxy. {@code credential} ({@code user:password}, may be null): what
 * every proxied request must present in {@code Proxy-Authorization: Basic …}, so only the browsers
 * the main server configured can send traffic through it. The password must be the credential's;
 * the user name is the browser's label ({@code browser-2}), so generations can be told apart by
 * the browser (the account) they belong to. {@code eventsToken} (may be null): what
 * {@code /_events} requires in {@code X-Events-Token}, since the events carry every answer. The
 * main server makes both at each start and hands them over in the proxy's environment (not on
 * its command line, which other users can read). Null means not required (tests, a standalone
 * proxy started by hand).
 */
public record ProxyAccess(String credential, String eventsToken) {
    /** No credential, no token. */
    public static final ProxyAccess OPEN = new ProxyAccess(null, null);

    /** The environment variable the credential comes in. */
    public static final String CREDENTIAL_ENV = "STREAM_PROXY_CREDENTIAL";
    /** The environment variable the event channel's token comes in. */
    public static final String EVENTS_TOKEN_ENV = "STREAM_PROXY_EVENTS_TOKEN";

    public ProxyAccess {
        if (credential != null && credential.isEmpty()) credential = null;
        if (eventsToken != null && eventsToken.isEmpty()) eventsToken = null;
        if (credential != null && credential.indexOf(':') < 1) throw new IllegalArgumentException("the proxy credential is user:password");
    }

    /** Whether a {@code Proxy-Authorization} header value (may be null) carries the credential. */
    boolean admits(String proxyAuthorization) {
        return browserOf(proxyAuthorization) != null;
    }

    /**
     * The label of the browser a {@code Proxy-Authorization} value (may be null) comes from: its
     * user name, when its password is the credential's; "" when no credential is required; null
     * when refused.
     */
    String browserOf(String proxyAuthorization) {
        if (credential == null) return "";
        if (proxyAuthorization == null || !proxyAuthorization.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        String presented;
        try {
            presented = new String(Base64.getDecoder().decode(proxyAuthorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = presented.indexOf(':');
        if (colon < 1) return null;
        String label = presented.substring(0, colon);
        byte[] password = presented.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        byte[] expected = credential.substring(credential.indexOf(':') + 1).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, password) || !label.matches("[A-Za-z0-9_-]{1,32}")) return null;
        return label;
    }

    /** Whether a request for the event channel carries its token. */
    boolean eventsAllowed(String presented) {
        if (eventsToken == null) return true;
        return presented != null && MessageDigest.isEqual(eventsToken.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
