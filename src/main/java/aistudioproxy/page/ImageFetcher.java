package aistudioproxy.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches an image a request names by http(s) URL, as a server that must not be turned against
 * its own network: every host is resolved first and refused when any of its addresses is
 * loopback, private, link-local (cloud metadata), unique-local, carrier-grade NAT, multicast or
 * unspecified (unless the limits allow private addresses); redirects are followed by hand, at
 * most {@value #MAX_REDIRECTS}, each one checked the same way; the body is read while it comes and
 * given up beyond the size limit; connecting, the response head and the whole fetch are bounded in time.
 * A host resolved to a public address when checked could resolve otherwise when the client
 * connects (DNS rebinding); the check narrows the window, it cannot close it.
 */
final class ImageFetcher {
    static final int MAX_REDIRECTS = 3;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration HEAD = Duration.ofSeconds(20);
    private static final Duration WHOLE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NEVER).build();

    /** The fetched body and its media type. */
    record Fetched(String mimeType, byte[] bytes) {}

    private final ImageLimits limits;

    ImageFetcher(ImageLimits limits) {
        this.limits = limits;
    }

    /** The image at {@code url}; a refusal or failure is a {@link PageException.Kind#BAD_INPUT} naming image {@code n}. */
    Fetched fetch(URI url, int n) throws PageException, InterruptedException {
        URI at = url;
        for (int hop = 0; ; hop++) {
            check(at, n);
            CompletableFuture<HttpResponse<InputStream>> sent = HTTP.sendAsync(
                    HttpRequest.newBuilder(at).timeout(HEAD).header("Accept", "image/*").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try {
                HttpResponse<InputStream> r = sent.get(WHOLE.toMillis(), TimeUnit.MILLISECONDS);
                int status = r.statusCode();
                if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
                    r.body().close();
                    if (hop == MAX_REDIRECTS) throw bad(n, "more than " + MAX_REDIRECTS + " redirects from " + url);
                    at = at.resolve(r.headers().firstValue("Location").get());
                    continue;
                }
                try (InputStream in = r.body()) {
                    if (status != 200) throw bad(n, "HTTP " + status + " from " + at);
                    String mime = r.headers().firstValue("Content-Type").orElse("image/png").split(";")[0].strip().toLowerCase(Locale.ROOT);
                    if (!mime.startsWith("image/")) throw bad(n, at + " is not an image (Content-Type " + mime + ")");
                    return new Fetched(mime, readCapped(in, n, System.nanoTime() + WHOLE.toNanos()));
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw bad(n, "could not be fetched from " + at + ": " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
            } catch (TimeoutException e) {
                sent.cancel(true);
                throw bad(n, "fetching " + at + " took longer than " + WHOLE.toSeconds() + " s");
            } catch (IOException e) {
                throw bad(n, "could not be read from " + at + ": " + e.getMessage());
            }
        }
    }

    private byte[] readCapped(InputStream in, int n, long deadline) throws IOException, PageException {
        byte[] buf = new byte[8192];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r; (r = in.read(buf)) > 0; ) {
            out.write(buf, 0, r);
            if (out.size() > limits.maxBytes()) throw bad(n, "is larger than MAX_IMAGE_BYTES (" + limits.maxBytes() + " bytes)");
            if (System.nanoTime() > deadline) throw bad(n, "took longer than " + WHOLE.toSeconds() + " s to arrive");
        }
        return out.toByteArray();
    }

    /** Refuses a URL that is not http(s), or whose host resolves to an internal address (unless allowed). */
    private void check(URI url, int n) throws PageException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw bad(n, "URL " + url + " is not http or https");
        if (url.getHost() == null) throw bad(n, "URL " + url + " has no host");
        if (limits.allowPrivate()) return;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw bad(n, "host " + url.getHost() + " is unknown");
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                throw bad(n, "URL " + url + " points at an internal address (" + a.getHostAddress()
                        + "); set IMAGE_FETCH_ALLOW_PRIVATE=true to allow it");
            }
        }
    }

    /** Loopback, private, link-local, unique-local, carrier-grade NAT, multicast, unspecified, or IPv4 mapped to one of those. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || first >= 240;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return true; // fc00::/7 unique local
            boolean mapped = true;
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Image {@code n} of the request cannot be had: a 400 that says why. */
    static PageException bad(int n, String why) {
        return new PageException(PageException.Kind.BAD_INPUT, "image " + n + " " + why);
    }
}
